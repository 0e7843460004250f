#pragma once

#include <QColor>
#include <QImage>
#include <QVector>
#include <QWidget>

namespace ghostlens::ui {

/// One feature map as the grid draws it; the picture and the numbers come from core.
struct GridMap {
  QImage image;
  double min = 0;
  double max = 0;
  double mean = 0;
  bool ghost = false;  ///< made by a Ghost module's cheap operation
  bool dead = false;   ///< its values hardly vary (core's deadMaps): never paired
  int parent = -1;     ///< ghost: its intrinsic map
};

/// A redundant pair and the colour of its two frames.
struct HighlightedPair {
  int a = 0;
  int b = 0;
  double score = 0;
  QColor color;
};

/// Which redundant pairs a grid frames: a wall of hundreds of frames cannot be followed.
enum class FrameMode {
  Focus,  ///< only the pairs of the selected and the hovered map
  TopN,   ///< the best N pairs
  All,
};

/// A layer's maps as a grid of tiles. Each highlighted pair frames its two tiles in its own
/// colour (the paper's Figure 1); intrinsic and ghost maps carry a strip of their own colour; the
/// selected map and its parent or children are outlined. The columns fill the width it is given
/// (setAvailableWidth); only the tiles in the repainted rectangle are drawn, from tiles scaled
/// once per zoom, so that layers of 2,048 maps scroll as smoothly as small ones.
class FeatureGridView : public QWidget {
  Q_OBJECT
 public:
  explicit FeatureGridView(QWidget* parent = nullptr);

  /// The selected tile's two rings (outer dark, inner light, 2 px each, inside the tile).
  static const QColor kSelectionDark;
  static const QColor kSelectionLight;

  void setMaps(const QVector<GridMap>& maps);
  void setPairs(const QVector<HighlightedPair>& pairs);
  /// Which pairs are framed (`topN`: for FrameMode::TopN; pairs come best first).
  void setFrameMode(FrameMode mode, int topN);
  /// The pairs framed now, by the frame mode, the selection and the hovered map.
  QVector<HighlightedPair> framedPairs() const;
  int hoveredChannel() const { return hovered_; }
  /// Tile edge in pixels (the shared zoom).
  void setCellSize(int pixels);
  int cellSize() const { return cell_; }
  /// The width the grid may fill (its scroll area's viewport); 0: a square-ish grid.
  void setAvailableWidth(int pixels);
  int columns() const;
  /// `channel` -1 clears; `related` are outlined as its parent or children.
  void setSelection(int channel, const QVector<int>& related);

  const QVector<HighlightedPair>& pairs() const { return pairs_; }
  int mapCount() const { return static_cast<int>(maps_.size()); }
  int selectedChannel() const { return selected_; }
  const QVector<int>& relatedChannels() const { return related_; }
  /// Where tile `channel` is drawn, in widget coordinates.
  QRect tileRect(int channel) const;
  /// The hover text of a tile: channel, min, max, mean and its ghost role.
  QString describe(int channel) const;
  /// The tile under `pos` (widget coordinates), or -1.
  int channelAt(const QPoint& pos) const;
  QSize sizeHint() const override;

 Q_SIGNALS:
  void mapClicked(int channel);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void relayout();
  const QImage& scaledTile(int channel) const;

  QVector<GridMap> maps_;
  QVector<HighlightedPair> pairs_;
  QVector<int> related_;
  int selected_ = -1;
  int hovered_ = -1;
  FrameMode frameMode_ = FrameMode::TopN;
  int topN_ = 20;
  int cell_ = 48;
  int availableWidth_ = 0;
  mutable QVector<QImage> scaled_;  // tiles at cell_ pixels, made when first painted
};

}  // namespace ghostlens::ui
