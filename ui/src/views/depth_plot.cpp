#include "ghostlens/ui/views/depth_plot.h"

#include <algorithm>

#include "../qcustomplot_include.h"

namespace ghostlens::ui {

namespace {

const QColor kVanilla(110, 110, 125);
const QColor kGhost(230, 120, 40);

double measureOf(const DepthLayer& layer, int measure, bool ghost) {
  switch (measure) {
    case DepthPlot::Redundancy:
      return ghost ? layer.ghostRedundancy : layer.vanillaRedundancy;
    case DepthPlot::EffectiveRank:
      return ghost ? layer.ghostEffectiveRank : layer.vanillaEffectiveRank;
    case DepthPlot::ImpliedRatio:
      return ghost ? layer.ghostImpliedRatio : layer.vanillaImpliedRatio;
    default:
      return static_cast<double>(ghost ? layer.ghostMacs : layer.vanillaMacs) / 1e6;
  }
}

}  // namespace

DepthPlot::DepthPlot(QWidget* parent) : PlotPanel(parent) {
  QCustomPlot* p = plot();
  p->plotLayout()->clear();
  const QString labels[] = {tr("redundancy"), tr("effective rank"), tr("implied ratio C/k95"),
                            tr("MACs (M)")};
  auto* group = new QCPMarginGroup(p);
  for (int m = 0; m < 4; ++m) {
    rects_[m] = new QCPAxisRect(p);
    p->plotLayout()->addElement(m, 0, rects_[m]);
    rects_[m]->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    rects_[m]->axis(QCPAxis::atLeft)->setLabel(labels[m]);
    rects_[m]->setRangeDrag(Qt::Horizontal);
    rects_[m]->setRangeZoom(Qt::Horizontal);
    for (QCPAxis* axis : rects_[m]->axes()) axis->setLayer("axes");
  }
  rects_[3]->axis(QCPAxis::atBottom)->setLabel(tr("layer index"));
  for (int m = 0; m < 3; ++m) {
    for (int g = 0; g < 2; ++g) {
      QCPGraph* graph =
          p->addGraph(rects_[m]->axis(QCPAxis::atBottom), rects_[m]->axis(QCPAxis::atLeft));
      const QColor color = g ? kGhost : kVanilla;
      graph->setPen(QPen(color, 1.5));
      graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 6));
      graph->setName(g ? tr("ghost") : tr("vanilla"));
      graphs_[m][g] = graph;
    }
  }
  auto* barsGroup = new QCPBarsGroup(p);
  for (int g = 0; g < 2; ++g) {
    bars_[g] = new QCPBars(rects_[3]->axis(QCPAxis::atBottom), rects_[3]->axis(QCPAxis::atLeft));
    bars_[g]->setBrush(g ? kGhost : kVanilla);
    bars_[g]->setPen(Qt::NoPen);
    bars_[g]->setWidth(0.4);
    bars_[g]->setBarsGroup(barsGroup);
    bars_[g]->setName(g ? tr("ghost MACs") : tr("vanilla MACs"));
  }
  // One legend, in the top panel.
  p->legend = new QCPLegend;
  rects_[0]->insetLayout()->addElement(p->legend, Qt::AlignTop | Qt::AlignRight);
  p->legend->setLayer("legend");
  p->legend->setFont(QFont(font().family(), 7));
  p->legend->setVisible(true);
  graphs_[0][0]->addToLegend();
  graphs_[0][1]->addToLegend();
  p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  connect(p, &QCustomPlot::plottableClick, this, &DepthPlot::onPlottableClick);
}

void DepthPlot::setProfile(const DepthProfile& profile) {
  profile_ = profile;
  const int n = static_cast<int>(profile.layers.size());
  for (int g = 0; g < 2; ++g) {
    QVector<double> keys;
    QVector<double> values[4];
    // One model: the second series stays empty.
    for (int i = 0; i < n && (g == 0 || profile.paired); ++i) {
      keys << i;
      for (int m = 0; m < 4; ++m) values[m] << measureOf(profile.layers[i], m, g == 1);
    }
    for (int m = 0; m < 3; ++m) graphs_[m][g]->setData(keys, values[m], true);
    bars_[g]->setData(keys, values[3], true);
  }
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  const int step = std::max(1, n / 20 + 1);
  for (int i = 0; i < n; i += step) {
    ticker->addTick(i, QString::number(i));
  }
  for (int m = 0; m < 4; ++m) {
    rects_[m]->axis(QCPAxis::atBottom)->setTicker(ticker);
    rects_[m]->axis(QCPAxis::atBottom)->setRange(-0.7, std::max(1, n) - 0.3);
    bool found = false;
    QCPRange range = graphs_[std::min(m, 2)][0]->getValueRange(found);
    if (m == 3) {
      range = bars_[0]->getValueRange(found);
      range.expand(bars_[1]->getValueRange(found));
      range.lower = 0;
    } else {
      range.expand(graphs_[m][1]->getValueRange(found));
      range.lower = 0;
    }
    if (m == Redundancy) range.upper = std::max(range.upper, 1.0);
    rects_[m]->axis(QCPAxis::atLeft)->setRange(range.lower, range.upper * 1.08 + 1e-9);
  }
  plot()->replot();
}

QVector<QPointF> DepthPlot::drawnPoints(Measure measure, Side side) const {
  const int g = side == Side::Right ? 1 : 0;
  QVector<QPointF> points;
  if (measure == Macs) {
    const QCPBars* bars = bars_[g];
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
      points << QPointF(it->key, it->value * 1e6);
    }
    return points;
  }
  const QCPGraph* graph = graphs_[measure][g];
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
    points << QPointF(it->key, it->value);
  }
  return points;
}

QPoint DepthPlot::pointPosition(Measure measure, int layer) const {
  const DepthLayer& l = profile_.layers.at(layer);
  if (measure == Macs) {
    return bars_[0]->dataPixelPosition(layer).toPoint();
  }
  return graphs_[measure][0]->coordsToPixels(layer, measureOf(l, measure, false)).toPoint();
}

void DepthPlot::onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent*) {
  QCPPlottableInterface1D* data = plottable->interface1D();
  if (!data || dataIndex < 0 || dataIndex >= data->dataCount()) return;
  const double key = data->dataMainKey(dataIndex);
  const int layer = static_cast<int>(key + 0.5);
  if (layer >= 0 && layer < static_cast<int>(profile_.layers.size())) {
    Q_EMIT layerClicked(QString::fromStdString(profile_.layers[layer].name));
  }
}

CsvTable DepthPlot::table() const {
  CsvTable t;
  t.header = {"index",
              "layer",
              "vanilla_redundancy",
              "ghost_redundancy",
              "vanilla_effective_rank",
              "ghost_effective_rank",
              "vanilla_implied_ratio",
              "ghost_implied_ratio",
              "vanilla_macs",
              "ghost_macs"};
  for (std::size_t i = 0; i < profile_.layers.size(); ++i) {
    const DepthLayer& l = profile_.layers[i];
    t.rows.push_back({std::to_string(i), l.name, csvNumber(l.vanillaRedundancy),
                      csvNumber(l.ghostRedundancy), csvNumber(l.vanillaEffectiveRank),
                      csvNumber(l.ghostEffectiveRank), csvNumber(l.vanillaImpliedRatio),
                      csvNumber(l.ghostImpliedRatio), std::to_string(l.vanillaMacs),
                      std::to_string(l.ghostMacs)});
  }
  return t;
}

}  // namespace ghostlens::ui
