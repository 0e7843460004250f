#include "ghostlens/ui/feature_grid_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace ghostlens::ui {

namespace {
constexpr int kGap = 10;   // room for two frames between tiles
constexpr int kStrip = 3;  // intrinsic/ghost strip under a tile
const QColor kIntrinsic(40, 110, 220);
const QColor kGhost(235, 140, 30);
}  // namespace
const QColor FeatureGridView::kSelectionDark(0, 0, 0);
const QColor FeatureGridView::kSelectionLight(255, 255, 255);
namespace {
constexpr int kRelatedWidth = 2;
}  // namespace

FeatureGridView::FeatureGridView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void FeatureGridView::setMaps(const QVector<GridMap>& maps) {
  maps_ = maps;
  scaled_ = QVector<QImage>(maps_.size());
  pairs_.clear();
  selected_ = -1;
  hovered_ = -1;
  related_.clear();
  relayout();
}

void FeatureGridView::relayout() {
  updateGeometry();
  resize(sizeHint());
  update();
}

void FeatureGridView::setPairs(const QVector<HighlightedPair>& pairs) {
  pairs_ = pairs;
  update();
}

void FeatureGridView::setFrameMode(FrameMode mode, int topN) {
  frameMode_ = mode;
  topN_ = std::max(1, topN);
  update();
}

QVector<HighlightedPair> FeatureGridView::framedPairs() const {
  switch (frameMode_) {
    case FrameMode::All:
      return pairs_;
    case FrameMode::TopN:
      return pairs_.mid(0, topN_);
    case FrameMode::Focus:
      break;
  }
  QVector<HighlightedPair> out;
  for (const HighlightedPair& p : pairs_) {
    const bool selected = selected_ >= 0 && (p.a == selected_ || p.b == selected_);
    const bool hovered = hovered_ >= 0 && (p.a == hovered_ || p.b == hovered_);
    if (selected || hovered) out.push_back(p);
  }
  return out;
}

void FeatureGridView::mouseMoveEvent(QMouseEvent* event) {
  const int c = channelAt(event->position().toPoint());
  if (c == hovered_) return;
  hovered_ = c;
  if (frameMode_ == FrameMode::Focus) update();
}

void FeatureGridView::leaveEvent(QEvent* event) {
  QWidget::leaveEvent(event);
  if (hovered_ < 0) return;
  hovered_ = -1;
  if (frameMode_ == FrameMode::Focus) update();
}

void FeatureGridView::setCellSize(int pixels) {
  const int cell = std::max(8, pixels);
  if (cell == cell_) return;
  cell_ = cell;
  scaled_ = QVector<QImage>(maps_.size());
  relayout();
}

void FeatureGridView::setAvailableWidth(int pixels) {
  if (pixels == availableWidth_) return;
  const int before = columns();
  availableWidth_ = std::max(0, pixels);
  if (columns() != before) relayout();
}

void FeatureGridView::setSelection(int channel, const QVector<int>& related) {
  selected_ = channel;
  related_ = related;
  update();
}

int FeatureGridView::columns() const {
  if (availableWidth_ > 0) {
    const int fit = std::max(1, (availableWidth_ - kGap) / (cell_ + kGap));
    return std::min(fit, std::max(1, mapCount()));
  }
  return std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(maps_.size())))));
}

QRect FeatureGridView::tileRect(int channel) const {
  const int col = channel % columns(), row = channel / columns();
  return QRect(kGap + col * (cell_ + kGap), kGap + row * (cell_ + kGap + kStrip), cell_, cell_);
}

QSize FeatureGridView::sizeHint() const {
  const int rows = (mapCount() + columns() - 1) / columns();
  return QSize(kGap + columns() * (cell_ + kGap), kGap + rows * (cell_ + kGap + kStrip));
}

int FeatureGridView::channelAt(const QPoint& pos) const {
  if (pos.x() < kGap || pos.y() < kGap) return -1;
  const int col = (pos.x() - kGap) / (cell_ + kGap);
  const int row = (pos.y() - kGap) / (cell_ + kGap + kStrip);
  if (col >= columns()) return -1;
  const int c = row * columns() + col;
  return c < mapCount() && tileRect(c).contains(pos) ? c : -1;
}

const QImage& FeatureGridView::scaledTile(int channel) const {
  QImage& tile = scaled_[channel];
  if (tile.isNull()) {
    // Nearest neighbour: a map's pixels stay pixels, as in the paper's figures.
    tile = maps_[channel].image.scaled(cell_, cell_, Qt::IgnoreAspectRatio, Qt::FastTransformation);
  }
  return tile;
}

QString FeatureGridView::describe(int channel) const {
  if (channel < 0 || channel >= mapCount()) return {};
  const GridMap& m = maps_[channel];
  QString role;
  if (m.dead) {
    role = tr("dead: no variance, never paired");
  } else if (m.ghost) {
    role = tr("ghost of %1").arg(m.parent);
  } else {
    int children = 0;
    for (const GridMap& other : maps_) children += other.ghost && other.parent == channel;
    role = children > 0 ? tr("intrinsic, %1 ghost(s)").arg(children) : tr("intrinsic");
  }
  return tr("channel %1 (%2)\nmin %3  max %4  mean %5")
      .arg(channel)
      .arg(role)
      .arg(m.min, 0, 'g', 4)
      .arg(m.max, 0, 'g', 4)
      .arg(m.mean, 0, 'g', 4);
}

void FeatureGridView::paintEvent(QPaintEvent* event) {
  QPainter p(this);
  const QRect dirty = event->rect();
  p.fillRect(dirty, palette().base());
  const bool hasGhosts =
      std::any_of(maps_.begin(), maps_.end(), [](const GridMap& m) { return m.ghost; });
  // Only the rows in the repainted rectangle (plus one either side for the frames).
  const int rowHeight = cell_ + kGap + kStrip;
  const int firstRow = std::max(0, (dirty.top() - kGap) / rowHeight - 1);
  const int lastRow = (dirty.bottom() - kGap) / rowHeight + 1;
  const int first = std::min(mapCount(), firstRow * columns());
  const int last = std::min(mapCount(), (lastRow + 1) * columns());
  auto visible = [&](int c) { return c >= first && c < last; };
  for (int c = first; c < last; ++c) {
    const QRect r = tileRect(c);
    p.drawImage(r.topLeft(), scaledTile(c));
    if (maps_[c].dead) {
      // A cross that reads on black and on white maps alike.
      p.setPen(QPen(QColor(200, 30, 30), 2));
      p.drawLine(r.topLeft(), r.bottomRight());
      p.drawLine(r.topRight(), r.bottomLeft());
    }
    if (hasGhosts) {
      p.fillRect(QRect(r.left(), r.bottom() + 2, r.width(), kStrip),
                 maps_[c].ghost ? kGhost : kIntrinsic);
    }
  }
  // A map may sit in several pairs (all-pairs mode); each frame goes one ring further out.
  QVector<int> rings(mapCount(), 0);
  for (const HighlightedPair& pair : framedPairs()) {
    for (int c : {pair.a, pair.b}) {
      if (c < 0 || c >= mapCount()) continue;
      if (!visible(c)) {
        ++rings[c];
        continue;
      }
      const int grow = 2 + 3 * std::min(rings[c]++, 1);
      p.setPen(QPen(pair.color, 3));
      p.setBrush(Qt::NoBrush);
      p.drawRect(tileRect(c).adjusted(-grow, -grow, grow - 1, grow - 1));
    }
  }
  // Selection and its parent or children are drawn inside their tiles, in black and white only
  // (no pair frame uses either), so that they read on any map at any zoom.
  if (selected_ >= 0 && selected_ < mapCount()) {
    p.setBrush(Qt::NoBrush);
    for (int c : related_) {
      if (c < 0 || c >= mapCount() || c == selected_) continue;
      const QRect r = tileRect(c);
      p.setPen(QPen(kSelectionDark, kRelatedWidth, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
      p.drawRect(r.adjusted(1, 1, -2, -2));
      p.setPen(QPen(kSelectionLight, kRelatedWidth, Qt::DashLine, Qt::FlatCap, Qt::MiterJoin));
      p.drawRect(r.adjusted(1, 1, -2, -2));
    }
    const QRect r = tileRect(selected_);
    p.fillRect(QRect(r.left(), r.top(), r.width(), 2), kSelectionDark);
    p.fillRect(QRect(r.left(), r.bottom() - 1, r.width(), 2), kSelectionDark);
    p.fillRect(QRect(r.left(), r.top(), 2, r.height()), kSelectionDark);
    p.fillRect(QRect(r.right() - 1, r.top(), 2, r.height()), kSelectionDark);
    const QRect inner = r.adjusted(2, 2, -2, -2);
    p.fillRect(QRect(inner.left(), inner.top(), inner.width(), 2), kSelectionLight);
    p.fillRect(QRect(inner.left(), inner.bottom() - 1, inner.width(), 2), kSelectionLight);
    p.fillRect(QRect(inner.left(), inner.top(), 2, inner.height()), kSelectionLight);
    p.fillRect(QRect(inner.right() - 1, inner.top(), 2, inner.height()), kSelectionLight);
  }
}

void FeatureGridView::mousePressEvent(QMouseEvent* event) {
  const int c = channelAt(event->position().toPoint());
  if (c >= 0) Q_EMIT mapClicked(c);
}

bool FeatureGridView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int c = channelAt(help->pos());
    if (c >= 0) {
      QToolTip::showText(help->globalPos(), describe(c), this, tileRect(c));
    } else {
      QToolTip::hideText();
    }
    return true;
  }
  return QWidget::event(event);
}

}  // namespace ghostlens::ui
