#pragma once

#include <QPointF>
#include <QVector>

#include "ghostlens/ui/views/plot_panel.h"

class QCPGraph;

namespace ghostlens::ui {

/// Live training curves: the running training loss per batch (left axis) and the test accuracy
/// after each epoch (right axis), against the epoch (fractional within an epoch).
class TrainingCurvesPlot : public PlotPanel {
  Q_OBJECT
 public:
  explicit TrainingCurvesPlot(QWidget* parent = nullptr);

  void clear();
  /// @param epoch fractional epoch (epoch + batch / batches)
  void addLoss(double epoch, double loss);
  /// Replaces the test-accuracy curve: (epochs done, accuracy as a fraction) per epoch.
  void setTestAccuracy(const QVector<QPointF>& points);

  QVector<QPointF> drawnLoss() const;
  QVector<QPointF> drawnAccuracy() const;  ///< in percent

  CsvTable table() const override;
  QString exportName() const override { return QStringLiteral("training"); }

 private:
  void rescale();
  QCPGraph* loss_;
  QCPGraph* accuracy_;
};

}  // namespace ghostlens::ui
