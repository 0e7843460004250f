#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/ui/side.h"

class QTableWidget;

namespace ghostlens::ui {

/// One row of the layer list: a layer and its redundancy score in both models.
struct LayerRow {
  QString name;
  QString type;
  int channels = 0;
  double leftScore = 0;  ///< fraction of maps with a partner at or above the threshold
  double rightScore = 0;
};

/// One layer's redundancy means over a batch of inputs (the depth view's), in both models; NaN
/// where the maps are too small to compare.
struct BatchLayerScore {
  QString name;
  double left = 0;
  double right = 0;
};

/// The analysed layers with their redundancy scores; choosing one shows it. When a batch has
/// been measured (setBatchScores), two more columns show its means.
class LayerList : public QWidget {
  Q_OBJECT
 public:
  explicit LayerList(QWidget* parent = nullptr);

  /// Replaces the rows and keeps the chosen layer when it is still there.
  void setRows(const QVector<LayerRow>& rows);
  /// Updates the scores of the existing rows (same layers, new threshold).
  void setScores(const QVector<LayerRow>& rows);
  bool selectLayer(const QString& name);
  QString currentLayer() const;
  QStringList layerNames() const;
  double leftScore(int row) const;
  double rightScore(int row) const;
  /// Column headings for the two models ("Vanilla", "Ghost"); an empty right one hides its
  /// column (one model).
  void setModelNames(const QString& left, const QString& right);
  /// Shows a depth profile's redundancy means over its batch (measured at `threshold`) beside
  /// the one input's scores, matched by layer name (layers the batch lacks show "-"); a profile
  /// of one input changes nothing.
  void setBatchProfile(const DepthProfile& profile, double threshold);
  /// The batch column's text of `row` ("-" when none), for tests.
  QString batchText(int row, Side side) const;
  bool showsBatch() const;

 Q_SIGNALS:
  void layerChosen(const QString& name);

 private:
  QTableWidget* table_;
  void fillBatchColumns();

  QVector<LayerRow> rows_;
  QVector<BatchLayerScore> batch_;
  bool paired_ = true;
};

}  // namespace ghostlens::ui
