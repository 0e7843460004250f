#include "ghostlens/ui/views/advisor_plot.h"

#include <algorithm>

#include "../qcustomplot_include.h"
#include "ghostlens/util/csv_table.h"

namespace ghostlens::ui {

namespace {

const QColor kBar(90, 120, 170);
const QColor kSelected(230, 120, 40);
const QColor kCurves[] = {QColor(60, 140, 80), QColor(40, 90, 200), QColor(200, 60, 60),
                          QColor(140, 80, 170), QColor(120, 120, 120)};

QString layerTick(const std::string& name) {
  const QString text = QString::fromStdString(name);
  const int dot = text.lastIndexOf('.');
  return dot >= 0 ? text.mid(dot + 1) : text;
}

}  // namespace

AdvisorPlot::AdvisorPlot(QWidget* parent) : PlotPanel(parent) {
  QCustomPlot* p = plot();
  p->plotLayout()->clear();
  for (int i = 0; i < 3; ++i) {
    rects_[i] = new QCPAxisRect(p);
    p->plotLayout()->addElement(0, i, rects_[i]);
    for (QCPAxis* axis : rects_[i]->axes()) axis->setLayer("axes");
  }
  rects_[0]->axis(QCPAxis::atLeft)->setLabel(tr("s (plan)"));
  rects_[0]->axis(QCPAxis::atBottom)->setLabel(tr("layer (features.N)"));
  rects_[1]->axis(QCPAxis::atLeft)->setLabel(tr("mean R\u00b2 (cheap-op fit)"));
  rects_[1]->axis(QCPAxis::atBottom)->setLabel(tr("intrinsic maps k"));
  rects_[2]->axis(QCPAxis::atLeft)->setLabel(tr("params (M)"));
  rects_[2]->axis(QCPAxis::atBottom)->setLabel(tr("MACs (M)"));
  bars_ = new QCPBars(rects_[0]->axis(QCPAxis::atBottom), rects_[0]->axis(QCPAxis::atLeft));
  bars_->setBrush(kBar);
  bars_->setPen(Qt::NoPen);
  bars_->setWidth(0.7);
  bars_->setName(tr("s"));
  selectedBar_ = new QCPBars(rects_[0]->axis(QCPAxis::atBottom), rects_[0]->axis(QCPAxis::atLeft));
  selectedBar_->setBrush(kSelected);
  selectedBar_->setPen(Qt::NoPen);
  selectedBar_->setWidth(0.7);
  uniform_ = p->addGraph(rects_[2]->axis(QCPAxis::atBottom), rects_[2]->axis(QCPAxis::atLeft));
  uniform_->setPen(QPen(QColor(110, 110, 125), 1.5));
  uniform_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(110, 110, 125), 7));
  uniform_->setName(tr("one s for every layer (d = 3)"));
  planPoint_ = p->addGraph(rects_[2]->axis(QCPAxis::atBottom), rects_[2]->axis(QCPAxis::atLeft));
  planPoint_->setLineStyle(QCPGraph::lsNone);
  planPoint_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, kSelected, 14));
  planPoint_->setPen(QPen(kSelected, 2));
  planPoint_->setName(tr("the plan"));
  p->legend = new QCPLegend;
  rects_[2]->insetLayout()->addElement(p->legend, Qt::AlignTop | Qt::AlignLeft);
  p->legend->setLayer("legend");
  p->legend->setFont(QFont(font().family(), 7));
  p->legend->setVisible(true);
  p->legend->clear();
  p->legend->addItem(new QCPPlottableLegendItem(p->legend, uniform_));
  p->legend->addItem(new QCPPlottableLegendItem(p->legend, planPoint_));
  connect(p, &QCustomPlot::plottableClick, this, &AdvisorPlot::onPlottableClick);
}

void AdvisorPlot::setAdvice(const Advice& advice, double target) {
  advice_ = advice;
  target_ = target;
  QVector<double> keys, values;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  double highest = 1;
  for (int i = 0; i < static_cast<int>(advice.layers.size()); ++i) {
    const LayerAdvice& l = advice.layers[static_cast<std::size_t>(i)];
    ticker->addTick(i, layerTick(l.name));
    if (l.tooSmall) continue;  // a gap: too small to compare
    keys << i;
    values << static_cast<double>(l.ratio);
    highest = std::max(highest, static_cast<double>(l.ratio));
  }
  bars_->setData(keys, values, true);
  rects_[0]->axis(QCPAxis::atBottom)->setTicker(ticker);
  rects_[0]
      ->axis(QCPAxis::atBottom)
      ->setRange(-0.7, std::max<double>(1, advice.layers.size()) - 0.3);
  rects_[0]->axis(QCPAxis::atLeft)->setRange(0, highest * 1.1 + 0.5);

  QVector<double> macs{static_cast<double>(advice.vanillaMacs) / 1e6};
  QVector<double> params{static_cast<double>(advice.vanillaParams) / 1e6};
  for (const GhostCost& u : advice.uniform) {
    macs << static_cast<double>(u.macs) / 1e6;
    params << static_cast<double>(u.params) / 1e6;
  }
  uniform_->setData(macs, params);
  planPoint_->setData({static_cast<double>(advice.plan.macs) / 1e6},
                      {static_cast<double>(advice.plan.params) / 1e6});
  QCPRange x(0, *std::max_element(macs.begin(), macs.end()) * 1.08);
  QCPRange y(0, std::max(*std::max_element(params.begin(), params.end()),
                         static_cast<double>(advice.plan.params) / 1e6) *
                    1.1);
  rects_[2]->axis(QCPAxis::atBottom)->setRange(x);
  rects_[2]->axis(QCPAxis::atLeft)->setRange(y);
  // One label per uniform point, so that the curve reads as "s = 1 ... 5".
  plot()->clearItems();
  targetLine_ = nullptr;
  kLine_ = nullptr;
  for (int i = 0; i < macs.size(); ++i) {
    auto* label = new QCPItemText(plot());
    label->setClipAxisRect(rects_[2]);
    label->position->setAxes(rects_[2]->axis(QCPAxis::atBottom), rects_[2]->axis(QCPAxis::atLeft));
    label->position->setCoords(macs[i], params[i]);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setText(QStringLiteral("s=%1").arg(i + 1));
    label->setFont(QFont(font().family(), 7));
  }
  for (QCPItemStraightLine** line : {&targetLine_, &kLine_}) {
    *line = new QCPItemStraightLine(plot());
    (*line)->setClipAxisRect(rects_[1]);
    (*line)->setPen(QPen(line == &kLine_ ? kSelected : QColor(Qt::gray), 1, Qt::DashLine));
    for (auto* position : {(*line)->point1, (*line)->point2}) {
      position->setAxes(rects_[1]->axis(QCPAxis::atBottom), rects_[1]->axis(QCPAxis::atLeft));
    }
  }
  int first = -1;
  for (int i = 0; i < static_cast<int>(advice.layers.size()); ++i) {
    if (!advice.layers[static_cast<std::size_t>(i)].tooSmall) {
      first = i;
      break;
    }
  }
  selectLayer(selected_ >= 0 && selected_ < static_cast<int>(advice.layers.size()) ? selected_
                                                                                   : first);
}

void AdvisorPlot::selectLayer(int index) {
  QCustomPlot* p = plot();
  // The R^2 curves are the graphs of the middle panel.
  for (int i = p->graphCount() - 1; i >= 0; --i) {
    if (p->graph(i) != uniform_ && p->graph(i) != planPoint_) p->removeGraph(i);
  }
  selected_ = index;
  selectedBar_->data()->clear();
  if (index < 0 || index >= static_cast<int>(advice_.layers.size())) {
    p->replot();
    return;
  }
  const LayerAdvice& l = advice_.layers[static_cast<std::size_t>(index)];
  rects_[1]
      ->axis(QCPAxis::atBottom)
      ->setLabel(tr("intrinsic maps k of %1 (%2 maps)")
                     .arg(QString::fromStdString(l.name))
                     .arg(l.channels));
  if (!l.tooSmall) selectedBar_->addData(index, static_cast<double>(l.ratio));
  int longest = 1;
  for (std::size_t di = 0; di < l.curves.size(); ++di) {
    QCPGraph* g = p->addGraph(rects_[1]->axis(QCPAxis::atBottom), rects_[1]->axis(QCPAxis::atLeft));
    const QColor color = kCurves[di % 5];
    g->setPen(QPen(color, 1.5));
    g->setName(tr("d = %1").arg(l.dws[di]));
    QVector<double> k, r2;
    for (std::size_t i = 0; i < l.curves[di].meanR2.size(); ++i) {
      k << static_cast<double>(i + 1);
      r2 << l.curves[di].meanR2[i];
    }
    longest = std::max(longest, static_cast<int>(k.size()));
    g->setData(k, r2, true);
  }
  rects_[1]->axis(QCPAxis::atBottom)->setRange(0, longest + 1);
  rects_[1]->axis(QCPAxis::atLeft)->setRange(0, 1.02);
  if (targetLine_ != nullptr) {
    targetLine_->setVisible(advice_.plan.target > 0);
    targetLine_->point1->setCoords(0, target_);
    targetLine_->point2->setCoords(1, target_);
  }
  if (kLine_ != nullptr) {
    const double kept =
        l.tooSmall ? 0.0 : static_cast<double>((l.channels + l.ratio - 1) / l.ratio);
    kLine_->setVisible(!l.tooSmall && l.ratio > 1);
    kLine_->point1->setCoords(kept, 0);
    kLine_->point2->setCoords(kept, 1);
  }
  p->replot();
}

int AdvisorPlot::curveCount() const {
  int count = 0;
  for (int i = 0; i < plot()->graphCount(); ++i) {
    if (plot()->graph(i) != uniform_ && plot()->graph(i) != planPoint_) ++count;
  }
  return count;
}

int AdvisorPlot::barCount() const { return bars_->dataCount(); }

void AdvisorPlot::onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent*) {
  if (plottable != bars_ && plottable != selectedBar_) return;
  QCPPlottableInterface1D* data = plottable->interface1D();
  if (!data || dataIndex < 0 || dataIndex >= data->dataCount()) return;
  const int layer = static_cast<int>(data->dataMainKey(dataIndex) + 0.5);
  selectLayer(layer);
  Q_EMIT layerClicked(layer);
}

CsvTable AdvisorPlot::table() const {
  CsvTable t;
  t.header = {"layer", "channels", "height", "width",      "k_target",
              "s",     "d",        "r2",     "macs_saved", "params_saved"};
  for (const LayerAdvice& l : advice_.layers) {
    t.rows.push_back({l.name, std::to_string(l.channels), std::to_string(l.height),
                      std::to_string(l.width), l.tooSmall ? "" : std::to_string(l.k),
                      std::to_string(l.ratio), std::to_string(l.dw),
                      l.tooSmall || !l.r2 ? "" : csvNumber(*l.r2), std::to_string(l.macsSaved),
                      std::to_string(l.paramsSaved)});
  }
  return t;
}

}  // namespace ghostlens::ui
