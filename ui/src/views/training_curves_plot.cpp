#include "ghostlens/ui/views/training_curves_plot.h"

#include <algorithm>

#include "../qcustomplot_include.h"

namespace ghostlens::ui {

namespace {

QVector<QPointF> pointsOf(const QCPGraph* graph) {
  QVector<QPointF> points;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
    points << QPointF(it->key, it->value);
  }
  return points;
}

}  // namespace

TrainingCurvesPlot::TrainingCurvesPlot(QWidget* parent) : PlotPanel(parent) {
  QCustomPlot* p = plot();
  p->xAxis->setLabel(tr("epoch"));
  p->yAxis->setLabel(tr("training loss (running mean)"));
  p->yAxis2->setVisible(true);
  p->yAxis2->setLabel(tr("test accuracy (%)"));
  loss_ = p->addGraph(p->xAxis, p->yAxis);
  loss_->setName(tr("training loss"));
  loss_->setPen(QPen(QColor(40, 90, 180), 1.5));
  accuracy_ = p->addGraph(p->xAxis, p->yAxis2);
  accuracy_->setName(tr("test accuracy"));
  accuracy_->setPen(QPen(QColor(230, 120, 40), 2));
  accuracy_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  p->legend->setVisible(true);
  p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
  accuracyText_ = new QCPItemText(p);
  accuracyText_->position->setAxes(p->xAxis, p->yAxis2);
  accuracyText_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
  accuracyText_->setColor(QColor(230, 120, 40));
  accuracyText_->setPadding(QMargins(0, 0, 0, 6));
  accuracyText_->setVisible(false);
}

void TrainingCurvesPlot::clear() {
  loss_->data()->clear();
  accuracy_->data()->clear();
  accuracyText_->setText({});
  accuracyText_->setVisible(false);
  plot()->replot();
}

void TrainingCurvesPlot::addLoss(double epoch, double loss) {
  loss_->addData(epoch, loss);
  rescale();
}

void TrainingCurvesPlot::setTestAccuracy(const QVector<QPointF>& points) {
  accuracy_->data()->clear();
  for (const QPointF& p : points) accuracy_->addData(p.x(), p.y() * 100);
  accuracyText_->setVisible(!points.isEmpty());
  if (!points.isEmpty()) {
    const QPointF last = points.back();
    accuracyText_->setText(QString::number(last.y() * 100, 'f', 2) + "%");
    accuracyText_->position->setCoords(last.x(), last.y() * 100);
  } else {
    accuracyText_->setText({});
  }
  rescale();
}

QString TrainingCurvesPlot::accuracyLabel() const { return accuracyText_->text(); }

QPointF TrainingCurvesPlot::epochRange() const {
  return {plot()->xAxis->range().lower, plot()->xAxis->range().upper};
}

QPointF TrainingCurvesPlot::accuracyRange() const {
  return {plot()->yAxis2->range().lower, plot()->yAxis2->range().upper};
}

void TrainingCurvesPlot::rescale() {
  QCustomPlot* p = plot();
  loss_->rescaleAxes();
  accuracy_->rescaleAxes(true);
  p->xAxis->setRangeLower(0);
  p->yAxis->setRangeLower(0);
  // One epoch's point must not sit in the corner: half an epoch of room to its right, and at
  // least 10 points of accuracy around the values (within 0 to 100), with room for the label.
  if (!accuracy_->data()->isEmpty()) {
    bool found = false;
    const QCPRange keys = accuracy_->data()->keyRange(found);
    if (p->xAxis->range().upper < keys.upper + 0.5) p->xAxis->setRangeUpper(keys.upper + 0.5);
    const QCPRange values = accuracy_->data()->valueRange(found);
    const double middle = values.center();
    const double half = std::max(5.0, values.size() / 2 + 2.0);
    const double low = std::max(0.0, middle - half);
    p->yAxis2->setRange(low, std::min(100.0, low + 2 * half) + 3.0);
  }
  // queuedReplot: many progress reports per second collapse into one repaint.
  p->replot(QCustomPlot::rpQueuedReplot);
}

QVector<QPointF> TrainingCurvesPlot::drawnLoss() const { return pointsOf(loss_); }
QVector<QPointF> TrainingCurvesPlot::drawnAccuracy() const { return pointsOf(accuracy_); }

CsvTable TrainingCurvesPlot::table() const {
  CsvTable t;
  t.header = {"series", "epoch", "value"};
  for (const QPointF& p : drawnLoss())
    t.rows.push_back({"training_loss", csvNumber(p.x()), csvNumber(p.y())});
  for (const QPointF& p : drawnAccuracy()) {
    t.rows.push_back({"test_accuracy_percent", csvNumber(p.x()), csvNumber(p.y())});
  }
  return t;
}

}  // namespace ghostlens::ui
