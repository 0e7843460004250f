#pragma once

#include <QImage>
#include <QWidget>

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

  FeatureGridView* vanillaGrid() const { return vanilla_; }
  FeatureGridView* ghostGrid() const { return ghost_; }
  /// Heading of each grid, with its count of highlighted pairs.
  void setHeadings(const QString& vanilla, const QString& ghost);
  QString vanillaHeading() const;
  QString ghostHeading() const;
  /// The top classes of each model, one "label  probability" per line (empty: computing).
  void setPredictions(const QString& vanilla, const QString& ghost);
  QString vanillaPredictions() const;
  QString ghostPredictions() const;
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
  QScrollArea* scrollArea(bool ghost) const;
  /// A "Working..." sign over the grids while new ones are being computed.
  void setBusy(bool busy);
  bool isBusyShown() const;
  /// Scrolls a grid (and so the other) until map `channel` is in view, with a tile to spare.
  void scrollToMap(bool ghost, int channel);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 Q_SIGNALS:
  /// A tile was clicked: `ghost` tells which grid.
  void mapClicked(bool ghost, int channel);

 private:
  FeatureGridView* vanilla_;
  FeatureGridView* ghost_;
  QScrollArea* vanillaScroll_;
  QScrollArea* ghostScroll_;
  QLabel* vanillaHeading_;
  QLabel* ghostHeading_;
  QLabel* vanillaTop_;
  QLabel* ghostTop_;
  QSlider* zoom_;
  QComboBox* frames_;
  QLabel* busy_;
  QSpinBox* topN_;
  bool following_ = false;

  void follow(QScrollBar* from, QScrollBar* to);
};

}  // namespace ghostlens::ui
