#include "ghostlens/ui/complexity_plot.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "plot_canvas.h"
#include "qcustomplot_include.h"
#include "whole_step.h"

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

ComplexityPlot::ComplexityPlot(QWidget* parent) : QWidget(parent), plot_(newPlotCanvas(this)) {
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
  plot_->xAxis->setLabel(tr("layer (hover a bar for its name)"));
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  // setLayers() chooses the step; zoomed out, a multiple of it keeps the ticks few.
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  plot_->xAxis->setTicker(ticker);
  plot_->xAxis->setNumberFormat("f");
  plot_->xAxis->setNumberPrecision(0);
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
    const int index =
        static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(event->position().x())));
    if (index >= 0 && index < names_.size() &&
        plot_->axisRect()->rect().contains(event->position().toPoint())) {
      QToolTip::showText(event->globalPosition().toPoint(), describeLayer(index), plot_);
    } else {
      QToolTip::hideText();
    }
  });
}

QVector<double> ComplexityPlot::ticks() const { return plot_->xAxis->tickVector(); }

QString ComplexityPlot::describeLayer(int index) const {
  if (index < 0 || index >= names_.size()) return {};
  return tr("layer %1: %2\nvanilla %3 M MACs, ghost %4 M MACs")
      .arg(index)
      .arg(names_[index])
      .arg(vanilla_->data()->at(index)->value, 0, 'f', 2)
      .arg(ghost_->data()->at(index)->value, 0, 'f', 2);
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
  // Whole layer numbers at a 1-2-5 step, about ten of them whatever the depth.
  const double step = wholeStep(names.size(), 10);
  qSharedPointerCast<QCPAxisTickerFixed>(plot_->xAxis->ticker())->setTickStep(step);
  // Half a layer either side: no tick falls before layer 0 or after the last.
  plot_->xAxis->setRange(-0.6, std::max<double>(0.6, names.size() - 0.4));
  plot_->yAxis->setRange(0, top > 0 ? top * 1.08 : 1);
  plot_->replot();
}

QVector<double> ComplexityPlot::vanillaValues() const { return barValues(vanilla_); }
QVector<double> ComplexityPlot::ghostValues() const { return barValues(ghost_); }

}  // namespace ghostlens::ui
