#pragma once

#include <QPoint>
#include <QSizeF>
#include <QVector>
#include <QWidget>

#include "ghostlens/session/layer_view.h"
#include "ghostlens/ui/side.h"

class QCustomPlot;
class QCPColorMap;
class QComboBox;
class QLabel;
class QPushButton;

namespace ghostlens::ui {

/// A layer's [C, C] similarity matrix as a colour map (QCustomPlot inside), for the left
/// (vanilla) or the right (ghost) model. Hovering shows a cell's value; clicking one reports it.
/// A layer of more than kCells maps is first shown as an overview whose cells are blocks of
/// maps (each their best score); clicking a block asks for the kCells maps around it in full.
class SimilarityHeatmap : public QWidget {
  Q_OBJECT
 public:
  /// At most this many cells a side: more would be smaller than a pixel in a dock.
  static constexpr int kCells = 64;

  explicit SimilarityHeatmap(QWidget* parent = nullptr);

  /// Draws `window` (row = source map, column = target map).
  void setWindow(const SimilarityWindow& window);
  void clear();
  /// The layer's maps (C); 0 when nothing is drawn.
  int maps() const { return static_cast<int>(window_.maps); }
  /// Whether blocks of maps are drawn (an overview), not single maps.
  bool isOverview() const { return window_.mapsPerCell > 1; }
  const SimilarityWindow& window() const { return window_; }
  /// Whose matrix is shown: the right (second) model's unless there is only one, or the person
  /// chose the left one.
  Side side() const;
  /// One model: only its matrix, no choice.
  void setPaired(bool paired);
  /// The value drawn for source map `row` and target map `column` (in an overview, their
  /// block's); NaN outside the window.
  double valueAt(int row, int column) const;
  /// The centre of the cell of maps (row, column) in plotWidget() coordinates.
  QPoint cellPosition(int row, int column) const;
  QWidget* plotWidget() const;
  /// The map numbers written on an axis (x: target maps, y: source maps), as drawn.
  QVector<double> ticks(bool x) const;
  /// One cell's width and height on screen, in pixels (square cells: equal).
  QSizeF cellPixels() const;

 Q_SIGNALS:
  /// A cell of single maps was clicked: source map `row`, target map `column`.
  void cellClicked(int row, int column);
  /// An overview block was clicked, or the overview asked for again (row = column = -1): the
  /// owner answers with setWindow().
  void zoomRequested(int firstRow, int firstColumn);
  /// The user switched between the two models' matrices.
  void modelChanged();

 private:
  /// The cell under `pos`: its first source and target map.
  bool cellAt(const QPoint& pos, int& row, int& column) const;

  QCustomPlot* plot_;
  QCPColorMap* map_;
  QComboBox* model_;
  QLabel* where_;
  QPushButton* overview_;
  SimilarityWindow window_;
};

}  // namespace ghostlens::ui
