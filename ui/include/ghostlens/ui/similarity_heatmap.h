#pragma once

#include <QPoint>
#include <QSizeF>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QComboBox;

namespace ghostlens::ui {

/// A layer's [C, C] similarity matrix as a colour map (QCustomPlot inside), for the left
/// (vanilla) or the right (ghost) model. Hovering shows a cell's value; clicking one reports it.
class SimilarityHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit SimilarityHeatmap(QWidget* parent = nullptr);

  /// @param rowMajor size x size values, row = source map, column = target map
  void setMatrix(const QVector<double>& rowMajor, int size);
  void clear();
  /// Whether the right (second, usually ghost) model's matrix is shown.
  bool showsGhost() const;
  /// One model: only its matrix, no choice.
  void setPaired(bool paired);
  int size() const { return size_; }
  /// The value drawn in a cell.
  double valueAt(int row, int column) const;
  /// The centre of a cell in plotWidget() coordinates.
  QPoint cellPosition(int row, int column) const;
  QWidget* plotWidget() const;
  /// The map numbers written on an axis (x: target maps, y: source maps), as drawn.
  QVector<double> ticks(bool x) const;
  /// One cell's width and height on screen, in pixels (square cells: equal).
  QSizeF cellPixels() const;

 Q_SIGNALS:
  void cellClicked(int row, int column);
  /// The user switched between the vanilla and the ghost matrix.
  void modelChanged();

 private:
  bool cellAt(const QPoint& pos, int& row, int& column) const;

  QCustomPlot* plot_;
  QCPColorMap* map_;
  QComboBox* model_;
  int size_ = 0;
};

}  // namespace ghostlens::ui
