#include "ghostlens/ui/complexity_plot.h"

#include <QVBoxLayout>
#include <algorithm>

#include "qcustomplot_include.h"

namespace ghostlens::ui {

namespace {
QVector<double> barValues(const QCPBars* bars) {
  QVector<double> values;
  for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
    values.push_back(it->value * 1e6);  // drawn in millions
  }
  return values;
}
}  // namespace

ComplexityPlot::ComplexityPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
  vanilla_ = new QCPBars(plot_->xAxis, plot_->yAxis);
  ghost_ = new QCPBars(plot_->xAxis, plot_->yAxis);
  auto* group = new QCPBarsGroup(plot_);
  vanilla_->setBarsGroup(group);
  ghost_->setBarsGroup(group);
  vanilla_->setName(tr("vanilla (s = 1)"));
  ghost_->setName(tr("ghost"));
  vanilla_->setBrush(QColor(150, 150, 160));
  vanilla_->setPen(Qt::NoPen);
  ghost_->setBrush(QColor(230, 120, 40));
  ghost_->setPen(Qt::NoPen);
  vanilla_->setWidth(0.4);
  ghost_->setWidth(0.4);
  plot_->yAxis->setLabel(tr("MACs (millions)"));
  plot_->xAxis->setTickLabelRotation(60);
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
}

void ComplexityPlot::setLayers(const QStringList& names, const QVector<double>& vanillaMacs,
                               const QVector<double>& ghostMacs) {
  names_ = names;
  QVector<double> keys, vanilla, ghost;
  double top = 0;
  for (int i = 0; i < names.size(); ++i) {
    keys.push_back(i);
    vanilla.push_back(vanillaMacs.value(i) / 1e6);
    ghost.push_back(ghostMacs.value(i) / 1e6);
    top = std::max({top, vanilla.back(), ghost.back()});
  }
  vanilla_->setData(keys, vanilla, true);
  ghost_->setData(keys, ghost, true);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  // Label every layer when they fit, else every n-th so the names stay readable.
  const int step = std::max(1, static_cast<int>(names.size() / 40) + 1);
  for (int i = 0; i < names.size(); i += step) ticker->addTick(i, names[i]);
  plot_->xAxis->setTicker(ticker);
  plot_->xAxis->setRange(-1, std::max<int>(1, names.size()));
  plot_->yAxis->setRange(0, top > 0 ? top * 1.08 : 1);
  plot_->replot();
}

QVector<double> ComplexityPlot::vanillaValues() const { return barValues(vanilla_); }
QVector<double> ComplexityPlot::ghostValues() const { return barValues(ghost_); }

}  // namespace ghostlens::ui
