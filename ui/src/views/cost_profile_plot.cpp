#include "ghostlens/ui/views/cost_profile_plot.h"

#include <algorithm>
#include <cmath>

#include "../qcustomplot_include.h"

namespace ghostlens::ui {

namespace {

const QColor kColors[2] = {QColor(110, 110, 125), QColor(230, 120, 40)};

/// Rows that did arithmetic: the only ones with a place on either plot.
bool plotted(const LayerProfile& row) { return row.macs > 0 && row.latencyMs > 0; }

double gmacsOf(const LayerProfile& row) {
  return static_cast<double>(row.macs) / row.latencyMs * 1e-6;
}

QCPGraph* pointsGraph(QCustomPlot* plot, QCPAxisRect* rect, const QColor& color) {
  QCPGraph* graph = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  graph->setLineStyle(QCPGraph::lsNone);
  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 6));
  graph->setPen(QPen(color));
  return graph;
}

void useLogScale(QCPAxis* axis) {
  axis->setScaleType(QCPAxis::stLogarithmic);
  axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
}

}  // namespace

CostProfilePlot::CostProfilePlot(QWidget* parent) : PlotPanel(parent) {
  QCustomPlot* p = plot();
  p->plotLayout()->clear();
  scatterRect_ = new QCPAxisRect(p);
  rooflineRect_ = new QCPAxisRect(p);
  p->plotLayout()->addElement(0, 0, scatterRect_);
  p->plotLayout()->addElement(0, 1, rooflineRect_);
  for (QCPAxisRect* rect : {scatterRect_, rooflineRect_}) {
    for (QCPAxis* axis : rect->axes()) axis->setLayer("axes");
  }
  scatterRect_->axis(QCPAxis::atBottom)->setLabel(tr("MACs of the layer (M)"));
  scatterRect_->axis(QCPAxis::atLeft)->setLabel(tr("measured time (ms)"));
  rooflineRect_->axis(QCPAxis::atBottom)->setLabel(tr("MACs per byte moved"));
  rooflineRect_->axis(QCPAxis::atLeft)->setLabel(tr("reached GMAC/s"));
  useLogScale(rooflineRect_->axis(QCPAxis::atBottom));
  useLogScale(rooflineRect_->axis(QCPAxis::atLeft));
  for (int side = 0; side < 2; ++side) {
    scatter_[side] = pointsGraph(p, scatterRect_, kColors[side]);
    roofline_[side] = pointsGraph(p, rooflineRect_, kColors[side]);
  }
  computeRoof_ =
      p->addGraph(rooflineRect_->axis(QCPAxis::atBottom), rooflineRect_->axis(QCPAxis::atLeft));
  memoryRoof_ =
      p->addGraph(rooflineRect_->axis(QCPAxis::atBottom), rooflineRect_->axis(QCPAxis::atLeft));
  computeRoof_->setPen(QPen(QColor(40, 90, 200), 1.5, Qt::DashLine));
  memoryRoof_->setPen(QPen(QColor(40, 160, 90), 1.5, Qt::DashLine));

  p->legend = new QCPLegend;
  p->legend->setVisible(true);
  p->plotLayout()->addElement(1, 0, p->legend);
  p->plotLayout()->setRowStretchFactor(1, 0.001);
  p->legend->setFillOrder(QCPLegend::foColumnsFirst);
  p->legend->setWrap(4);
  p->legend->setBorderPen(Qt::NoPen);
  p->legend->setLayer("legend");
  scatter_[0]->setName(tr("left model"));
  scatter_[1]->setName(tr("right model"));
  computeRoof_->setName(tr("SGEMM peak"));
  memoryRoof_->setName(tr("copy bandwidth"));
  for (QCPGraph* graph : {scatter_[0], scatter_[1], computeRoof_, memoryRoof_}) {
    graph->addToLegend(p->legend);
  }
}

void CostProfilePlot::setProfile(const PairProfile& profile) {
  profile_ = profile;
  double lowIntensity = 1e9, highIntensity = 0, lowRate = 1e9, highRate = 0;
  for (int side = 0; side < 2; ++side) {
    QVector<double> macs, ms, intensity, rate;
    for (const LayerProfile& row : profile.profiles[side].layers) {
      if (!plotted(row)) continue;
      macs << static_cast<double>(row.macs) / 1e6;
      ms << row.latencyMs;
      intensity << row.intensity;
      rate << gmacsOf(row);
      lowIntensity = std::min(lowIntensity, row.intensity);
      highIntensity = std::max(highIntensity, row.intensity);
      lowRate = std::min(lowRate, gmacsOf(row));
      highRate = std::max(highRate, gmacsOf(row));
    }
    scatter_[side]->setData(macs, ms);
    roofline_[side]->setData(intensity, rate);
    scatter_[side]->setName(QString::fromStdString(describeSpec(profile.specs[side])));
  }
  const double peak = profile.machine.sgemmGmacs;
  const double bandwidth = profile.machine.copyGbytes;
  if (highIntensity <= 0) {  // nothing measured yet
    lowIntensity = 0.01;
    highIntensity = 100;
    lowRate = 0.01;
    highRate = std::max(peak, 1.0);
  }
  lowIntensity /= 2;
  highIntensity *= 2;
  computeRoof_->setData(QVector<double>{lowIntensity, highIntensity}, QVector<double>{peak, peak});
  // The memory roof rises with intensity until it meets the compute roof.
  const double ridge = bandwidth > 0 ? peak / bandwidth : highIntensity;
  memoryRoof_->setData(
      QVector<double>{lowIntensity, std::clamp(ridge, lowIntensity, highIntensity)},
      QVector<double>{bandwidth * lowIntensity,
                      bandwidth * std::clamp(ridge, lowIntensity, highIntensity)});
  computeRoof_->setName(tr("SGEMM peak %1 GMAC/s").arg(peak, 0, 'f', 1));
  memoryRoof_->setName(tr("copy %1 GB/s").arg(bandwidth, 0, 'f', 1));
  scatterRect_->axis(QCPAxis::atBottom)->rescale();
  scatterRect_->axis(QCPAxis::atLeft)->rescale();
  for (QCPAxis* axis :
       {scatterRect_->axis(QCPAxis::atBottom), scatterRect_->axis(QCPAxis::atLeft)}) {
    const QCPRange range = axis->range();
    axis->setRange(0, range.upper * 1.08 + 1e-9);
  }
  rooflineRect_->axis(QCPAxis::atBottom)->setRange(lowIntensity, highIntensity);
  rooflineRect_->axis(QCPAxis::atLeft)
      ->setRange(std::max(lowRate / 2, 1e-4), std::max(highRate, peak) * 1.5);
  plot()->replot();
}

int CostProfilePlot::pointCount(int side) const { return scatter_[side]->dataCount(); }

double CostProfilePlot::computeRoof() const {
  return computeRoof_->dataCount() > 0 ? computeRoof_->data()->at(0)->value : 0.0;
}

double CostProfilePlot::memorySlope() const {
  if (memoryRoof_->dataCount() == 0) return 0;
  const auto first = memoryRoof_->data()->at(0);
  return first->key > 0 ? first->value / first->key : 0.0;
}

CsvTable CostProfilePlot::table() const {
  CsvTable t;
  t.header = {"model", "layer", "row", "type", "macs", "ms", "bytes_moved", "intensity", "gmacs"};
  for (int side = 0; side < 2; ++side) {
    for (const LayerProfile& row : profile_.profiles[side].layers) {
      if (!plotted(row)) continue;
      t.rows.push_back({describeSpec(profile_.specs[side]), row.layer, row.name, row.type,
                        csvNumber(static_cast<double>(row.macs)), csvNumber(row.latencyMs),
                        csvNumber(static_cast<double>(row.bytesMoved)), csvNumber(row.intensity),
                        csvNumber(gmacsOf(row))});
    }
  }
  return t;
}

}  // namespace ghostlens::ui
