#include "ghostlens/ui/grid_pair_view.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <algorithm>
#include <cmath>

#include "ghostlens/ui/feature_grid_view.h"

namespace ghostlens::ui {

namespace {
QScrollArea* scrollFor(FeatureGridView* grid, QWidget* parent) {
  auto* area = new QScrollArea(parent);
  area->setWidget(grid);
  area->setWidgetResizable(false);
  area->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
  area->setFocusPolicy(Qt::StrongFocus);  // arrows, Page Up/Down, Home/End scroll the grid
  return area;
}
}  // namespace

// Scrolling one grid scrolls the other to the same fraction. Each side keeps its own range (the
// two layers may differ in size), and a guard stops the echo: setting the other bar emits its
// valueChanged, which must not set this one back (clamped to the other's range, it pinned a
// larger grid to the top).
void GridPairView::follow(QScrollBar* from, QScrollBar* to) {
  connect(from, &QScrollBar::valueChanged, this, [this, from, to](int v) {
    if (following_) return;
    following_ = true;
    const int target = from->maximum() > 0
                           ? static_cast<int>(std::lround(static_cast<double>(v) * to->maximum() /
                                                          from->maximum()))
                           : 0;
    if (to->value() != target) to->setValue(target);
    following_ = false;
  });
}

bool GridPairView::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Resize) {
    for (int i = 0; i < 2; ++i) {
      if (watched == scrolls_[i]->viewport())
        grids_[i]->setAvailableWidth(scrolls_[i]->viewport()->width());
    }
  }
  if (event->type() == QEvent::KeyPress && (watched == scrolls_[0] || watched == scrolls_[1])) {
    // QScrollArea pages and steps by itself; Home and End it leaves to us.
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Home || key == Qt::Key_End) {
      QScrollBar* bar = static_cast<QScrollArea*>(watched)->verticalScrollBar();
      bar->setValue(key == Qt::Key_Home ? bar->minimum() : bar->maximum());
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void GridPairView::setBusy(bool busy) {
  busy_->setVisible(busy);
  if (busy) {
    busy_->move((width() - busy_->width()) / 2, (height() - busy_->height()) / 3);
    busy_->raise();
  }
}

bool GridPairView::isBusyShown() const { return !busy_->isHidden(); }

void GridPairView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (isBusyShown()) setBusy(true);  // keep it centred
}

void GridPairView::scrollToMap(Side side, int channel) {
  FeatureGridView* shown = grid(side);
  if (channel < 0 || channel >= shown->mapCount()) return;
  const QPoint centre = shown->tileRect(channel).center();
  scrollArea(side)->ensureVisible(centre.x(), centre.y(), shown->cellSize(), shown->cellSize());
}

GridPairView::GridPairView(QWidget* parent)
    : QWidget(parent),
      grids_{new FeatureGridView, new FeatureGridView},
      scrolls_{scrollFor(grids_[0], this), scrollFor(grids_[1], this)},
      headings_{new QLabel(tr("Left"), this), new QLabel(tr("Right"), this)},
      tops_{new QLabel(this), new QLabel(this)},
      zoom_(new QSlider(Qt::Horizontal, this)),
      frames_(new QComboBox(this)),
      busy_(new QLabel(tr("Working..."), this)),
      topN_(new QSpinBox(this)) {
  busy_->setStyleSheet(
      "QLabel { background: rgba(30, 30, 30, 200); color: white; padding: 10px 18px; "
      "border-radius: 6px; font-weight: bold; }");
  busy_->adjustSize();
  busy_->hide();
  frames_->addItem(tr("Frame the best"), static_cast<int>(FrameMode::TopN));
  frames_->addItem(tr("Frame selected"), static_cast<int>(FrameMode::Focus));
  frames_->addItem(tr("Frame all"), static_cast<int>(FrameMode::All));
  frames_->setToolTip(
      tr("Which redundant pairs are framed; the pair list beside lists them all. The selected "
         "map's pair: the pair of the selected map and of the map under the mouse."));
  topN_->setRange(1, 9999);
  topN_->setValue(20);
  topN_->setSuffix(tr(" pairs"));
  auto applyFrames = [this] {
    const auto mode = static_cast<FrameMode>(frames_->currentData().toInt());
    topN_->setVisible(mode == FrameMode::TopN);
    for (FeatureGridView* g : grids_) g->setFrameMode(mode, topN_->value());
  };
  connect(frames_, &QComboBox::currentIndexChanged, this, applyFrames);
  connect(topN_, &QSpinBox::valueChanged, this, applyFrames);
  zoom_->setRange(16, 160);
  zoom_->setValue(48);
  zoom_->setToolTip(tr("Zoom both grids"));
  auto* legend = new QLabel(
      tr("<span style='color:#2866dc'>&#9632;</span> intrinsic &nbsp; "
         "<span style='color:#eb8c1e'>&#9632;</span> ghost &nbsp; coloured "
         "frames: redundant pairs &nbsp; <span style='color:#c81e1e'>&#10005;</span> dead map"),
      this);
  // Long texts wrap instead of widening the window (it must fit 1000 pixels).
  for (QLabel* label : {headings_[0], headings_[1], legend}) {
    label->setWordWrap(true);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  }
  auto* zoomRow = new QHBoxLayout;
  zoomRow->addWidget(frames_);
  zoomRow->addWidget(topN_);
  zoomRow->addWidget(new QLabel(tr("Zoom"), this));
  zoomRow->addWidget(zoom_, 1);
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  for (int i = 0; i < 2; ++i) {
    layout->addWidget(headings_[i], 0, i);
    layout->addWidget(scrolls_[i], 1, i);
    layout->addWidget(tops_[i], 2, i);
    tops_[i]->setTextFormat(Qt::RichText);
    tops_[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tops_[i]->setToolTip(tr("The model's five most probable classes for this input"));
  }
  layout->addWidget(legend, 3, 0, 1, 2);  // a row of its own: beside the zoom it was cut
  layout->addLayout(zoomRow, 4, 0, 1, 2);
  layout->setRowStretch(1, 1);

  for (QScrollArea* area : scrolls_) {
    area->installEventFilter(this);
    area->viewport()->installEventFilter(this);
  }
  follow(scrolls_[0]->horizontalScrollBar(), scrolls_[1]->horizontalScrollBar());
  follow(scrolls_[1]->horizontalScrollBar(), scrolls_[0]->horizontalScrollBar());
  follow(scrolls_[0]->verticalScrollBar(), scrolls_[1]->verticalScrollBar());
  follow(scrolls_[1]->verticalScrollBar(), scrolls_[0]->verticalScrollBar());
  connect(zoom_, &QSlider::valueChanged, this, [this](int cell) {
    for (FeatureGridView* g : grids_) g->setCellSize(cell);
  });
  for (const Side side : {Side::Left, Side::Right}) {
    connect(grid(side), &FeatureGridView::mapClicked, this,
            [this, side](int c) { Q_EMIT mapClicked(side, c); });
  }
}

void GridPairView::setHeadings(const QString& left, const QString& right) {
  headings_[0]->setText(left);
  headings_[1]->setText(right);
}

QString GridPairView::heading(Side side) const { return headings_[index(side)]->text(); }

void GridPairView::setPredictions(const QString& left, const QString& right) {
  tops_[0]->setText(left);
  tops_[1]->setText(right);
}

QString GridPairView::predictions(Side side) const { return tops_[index(side)]->text(); }

void GridPairView::setPaired(bool paired) {
  for (QWidget* w : std::initializer_list<QWidget*>{headings_[1], scrolls_[1], tops_[1]}) {
    w->setVisible(paired);
  }
}

bool GridPairView::isPaired() const { return !scrolls_[1]->isHidden(); }

QImage GridPairView::renderBoth() const {
  const QSize a = grids_[0]->sizeHint();
  const QSize b = isPaired() ? grids_[1]->sizeHint() : QSize(0, 0);
  constexpr int kTitle = 24, kSpace = 16;
  QImage image(a.width() + kSpace + b.width(), kTitle + std::max(a.height(), b.height()),
               QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter p(&image);
  p.setPen(Qt::black);
  p.drawText(QRect(0, 0, a.width(), kTitle), Qt::AlignCenter, headings_[0]->text());
  p.drawText(QRect(a.width() + kSpace, 0, b.width(), kTitle), Qt::AlignCenter,
             headings_[1]->text());
  p.end();
  grids_[0]->render(&image, QPoint(0, kTitle), QRegion(QRect(QPoint(0, 0), a)));
  grids_[1]->render(&image, QPoint(a.width() + kSpace, kTitle), QRegion(QRect(QPoint(0, 0), b)));
  return image;
}

}  // namespace ghostlens::ui
