#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QTableWidget;

namespace ghostlens::ui {

/// One row of the layer list: a layer and its redundancy score in both models.
struct LayerRow {
  QString name;
  QString type;
  int channels = 0;
  double vanillaScore = 0;  ///< fraction of maps with a partner at or above the threshold
  double ghostScore = 0;
};

/// The analysed layers with their redundancy scores; choosing one shows it.
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
  double vanillaScore(int row) const;
  double ghostScore(int row) const;
  /// Column headings for the two models ("Vanilla", "Ghost"); an empty right one hides its
  /// column (one model).
  void setModelNames(const QString& left, const QString& right);

 Q_SIGNALS:
  void layerChosen(const QString& name);

 private:
  QTableWidget* table_;
  QVector<LayerRow> rows_;
};

}  // namespace ghostlens::ui
