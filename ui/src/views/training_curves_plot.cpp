#include "ghostlens/ui/views/training_curves_plot.h"

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
}

void TrainingCurvesPlot::clear() {
  loss_->data()->clear();
  accuracy_->data()->clear();
  plot()->replot();
}

void TrainingCurvesPlot::addLoss(double epoch, double loss) {
  loss_->addData(epoch, loss);
  rescale();
}

void TrainingCurvesPlot::setTestAccuracy(const QVector<QPointF>& points) {
  accuracy_->data()->clear();
  for (const QPointF& p : points) accuracy_->addData(p.x(), p.y() * 100);
  rescale();
}

void TrainingCurvesPlot::rescale() {
  QCustomPlot* p = plot();
  loss_->rescaleAxes();
  accuracy_->rescaleAxes(true);
  p->xAxis->setRangeLower(0);
  p->yAxis->setRangeLower(0);
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
