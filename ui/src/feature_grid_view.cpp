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

FeatureGridView::FeatureGridView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void FeatureGridView::setMaps(const QVector<GridMap>& maps) {
  maps_ = maps;
  pairs_.clear();
  selected_ = -1;
  related_.clear();
  updateGeometry();
  resize(sizeHint());
  update();
}

void FeatureGridView::setPairs(const QVector<HighlightedPair>& pairs) {
  pairs_ = pairs;
  update();
}

void FeatureGridView::setCellSize(int pixels) {
  cell_ = std::max(8, pixels);
  updateGeometry();
  resize(sizeHint());
  update();
}

void FeatureGridView::setSelection(int channel, const QVector<int>& related) {
  selected_ = channel;
  related_ = related;
  update();
}

int FeatureGridView::columns() const {
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
  for (int c = 0; c < mapCount(); ++c) {
    if (tileRect(c).contains(pos)) return c;
  }
  return -1;
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

void FeatureGridView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const bool hasGhosts =
      std::any_of(maps_.begin(), maps_.end(), [](const GridMap& m) { return m.ghost; });
  for (int c = 0; c < mapCount(); ++c) {
    const QRect r = tileRect(c);
    p.drawImage(r, maps_[c].image);
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
  for (const HighlightedPair& pair : pairs_) {
    for (int c : {pair.a, pair.b}) {
      if (c < 0 || c >= mapCount()) continue;
      const int grow = 2 + 3 * std::min(rings[c]++, 1);
      p.setPen(QPen(pair.color, 3));
      p.setBrush(Qt::NoBrush);
      p.drawRect(tileRect(c).adjusted(-grow, -grow, grow - 1, grow - 1));
    }
  }
  if (selected_ >= 0 && selected_ < mapCount()) {
    p.setPen(QPen(palette().highlight().color(), 2));
    p.drawRect(tileRect(selected_).adjusted(1, 1, -2, -2));
    p.setPen(QPen(palette().text().color(), 2, Qt::DashLine));
    for (int c : related_) {
      if (c >= 0 && c < mapCount()) p.drawRect(tileRect(c).adjusted(1, 1, -2, -2));
    }
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
