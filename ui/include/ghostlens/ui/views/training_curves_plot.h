#pragma once

#include <QPointF>
#include <QVector>

#include "ghostlens/ui/views/plot_panel.h"

class QCPGraph;
class QCPItemText;

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
  /// The latest test accuracy as written beside its point ("87.30%"); empty before the first.
  QString accuracyLabel() const;
  /// The visible ranges: epochs, and test accuracy in percent.
  QPointF epochRange() const;
  QPointF accuracyRange() const;

  CsvTable table() const override;
  QString exportName() const override { return QStringLiteral("training"); }

 private:
  void rescale();
  QCPGraph* loss_;
  QCPGraph* accuracy_;
  QCPItemText* accuracyText_;
};

}  // namespace ghostlens::ui
