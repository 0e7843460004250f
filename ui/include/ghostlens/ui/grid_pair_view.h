#pragma once

#include <QImage>
#include <QWidget>

#include "ghostlens/ui/side.h"

class QComboBox;
class QLabel;
class QScrollArea;
class QSpinBox;
class QScrollBar;
class QSlider;

namespace ghostlens::ui {

class FeatureGridView;

/// The first model's grid left and the second's right (usually vanilla and ghost), with one zoom
/// and one scroll position, and each model's most probable classes under its grid. A single
/// model hides the right side.
class GridPairView : public QWidget {
  Q_OBJECT
 public:
  explicit GridPairView(QWidget* parent = nullptr);

  FeatureGridView* grid(Side side) const { return grids_[index(side)]; }
  /// Heading of each grid, with its count of highlighted pairs.
  void setHeadings(const QString& left, const QString& right);
  QString heading(Side side) const;
  /// The top classes of each model, one "label  probability" per line (empty: computing).
  void setPredictions(const QString& left, const QString& right);
  QString predictions(Side side) const;
  /// Shows the right grid (two models) or hides it (one).
  void setPaired(bool paired);
  bool isPaired() const;
  QSlider* zoomSlider() const { return zoom_; }
  /// Which pairs both grids frame: the best N (default 20), the selected or hovered map's, all.
  QComboBox* frameChoice() const { return frames_; }
  QSpinBox* topCount() const { return topN_; }
  /// Both whole grids (not only their visible parts) with headings, side by side.
  QImage renderBoth() const;
  /// The scroll area around a grid.
  QScrollArea* scrollArea(Side side) const { return scrolls_[index(side)]; }
  /// A "Working..." sign over the grids while new ones are being computed.
  void setBusy(bool busy);
  bool isBusyShown() const;
  /// Scrolls a grid (and so the other) until map `channel` is in view, with a tile to spare.
  void scrollToMap(Side side, int channel);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 Q_SIGNALS:
  /// A tile of the grid of `side` was clicked.
  void mapClicked(Side side, int channel);

 private:
  static int index(Side side) { return side == Side::Left ? 0 : 1; }
  // [0] left, [1] right
  FeatureGridView* grids_[2];
  QScrollArea* scrolls_[2];
  QLabel* headings_[2];
  QLabel* tops_[2];
  QSlider* zoom_;
  QComboBox* frames_;
  QLabel* busy_;
  QSpinBox* topN_;
  bool following_ = false;

  void follow(QScrollBar* from, QScrollBar* to);
};

}  // namespace ghostlens::ui
