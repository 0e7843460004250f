#include "ghostlens/ui/map_detail_pane.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ghostlens::ui {

namespace {
constexpr int kEnlarged = 200;

QPixmap enlarged(const QImage& image, int edge) {
  if (image.isNull()) return {};
  return QPixmap::fromImage(image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::FastTransformation));
}
}  // namespace

MapDetailPane::MapDetailPane(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(tr("Click a map"), this)),
      map_(new QLabel(this)),
      overlay_(new QCheckBox(tr("Over the input image"), this)),
      similar_(new QTableWidget(0, 2, this)),
      filterTitle_(new QLabel(this)),
      filter_(new QTableWidget(this)),
      residual_(new QLabel(this)),
      residualText_(new QLabel(this)) {
  title_->setWordWrap(true);
  map_->setFixedSize(kEnlarged, kEnlarged);
  map_->setAlignment(Qt::AlignCenter);
  similar_->setHorizontalHeaderLabels({tr("map"), tr("score")});
  similar_->verticalHeader()->hide();
  similar_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  similar_->setSelectionBehavior(QAbstractItemView::SelectRows);
  similar_->horizontalHeader()->setStretchLastSection(true);
  filter_->horizontalHeader()->hide();
  filter_->verticalHeader()->hide();
  filter_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  residual_->setAlignment(Qt::AlignCenter);
  residualText_->setWordWrap(true);

  // The content scrolls inside the dock instead of asking for more height: the cheap-op fit's
  // filter and residual appearing must never make the window grow by itself.
  auto* content = new QWidget;
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
  similar_->setMinimumHeight(similar_->horizontalHeader()->sizeHint().height() +
                             6 * similar_->verticalHeader()->defaultSectionSize());
  for (QWidget* w : std::initializer_list<QWidget*>{title_, map_, overlay_, similar_, filterTitle_,
                                                    filter_, residual_, residualText_}) {
    w->setParent(content);
  }

  auto* layout = new QVBoxLayout(content);
  layout->addWidget(title_);
  layout->addWidget(map_, 0, Qt::AlignHCenter);
  layout->addWidget(overlay_);
  layout->addWidget(new QLabel(tr("Most similar maps of the layer"), content));
  layout->addWidget(similar_);
  layout->addWidget(filterTitle_);
  layout->addWidget(filter_);
  layout->addWidget(residual_, 0, Qt::AlignHCenter);
  layout->addWidget(residualText_);
  layout->addStretch(1);
  scroll->setWidget(content);

  connect(overlay_, &QCheckBox::toggled, this, &MapDetailPane::redrawMap);
  connect(similar_, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (row >= 0 && row < detail_.similar.size()) Q_EMIT similarChosen(detail_.similar[row].first);
  });
  clear();
}

void MapDetailPane::showDetail(const MapDetail& detail) {
  detail_ = detail;
  title_->setText(detail.title);
  similar_->setRowCount(static_cast<int>(detail.similar.size()));
  for (int i = 0; i < detail.similar.size(); ++i) {
    similar_->setItem(i, 0, new QTableWidgetItem(QString::number(detail.similar[i].first)));
    similar_->setItem(i, 1,
                      new QTableWidgetItem(QString::number(detail.similar[i].second, 'f', 4)));
  }
  const int d = detail.filterSize;
  const bool fit = d > 0;
  filterTitle_->setVisible(fit);
  filter_->setVisible(fit);
  residual_->setVisible(fit);
  residualText_->setVisible(fit);
  if (fit) {
    filterTitle_->setText(
        tr("Cheap-op filter from map %1 (%2 x %2)").arg(detail.filterSource).arg(d));
    filter_->setRowCount(d);
    filter_->setColumnCount(d);
    for (int r = 0; r < d; ++r) {
      for (int c = 0; c < d; ++c) {
        filter_->setItem(
            r, c, new QTableWidgetItem(QString::number(detail.filter.value(r * d + c), 'f', 3)));
      }
    }
    filter_->resizeColumnsToContents();
    filter_->setFixedHeight(filter_->verticalHeader()->length() + 4);
    residual_->setPixmap(enlarged(detail.residual, kEnlarged / 2));
    residualText_->setText(detail.residualText);
  }
  redrawMap();
}

void MapDetailPane::clear() {
  showDetail(MapDetail{tr("Click a map to see it here"), {}, {}, {}, 0, {}, -1, {}, {}});
}

int MapDetailPane::similarCount() const { return similar_->rowCount(); }
QString MapDetailPane::residualText() const { return residualText_->text(); }

QString MapDetailPane::title() const { return title_->text(); }

void MapDetailPane::redrawMap() {
  if (detail_.map.isNull()) {
    map_->clear();
    return;
  }
  QPixmap picture = enlarged(detail_.map, kEnlarged);
  if (overlay_->isChecked() && !detail_.input.isNull()) {
    // The input underneath, the map on top at half opacity: where the map fires in the image.
    QPixmap combined(picture.size());
    combined.fill(Qt::black);
    QPainter p(&combined);
    p.drawImage(combined.rect(), detail_.input);
    p.setOpacity(0.55);
    p.drawPixmap(0, 0, picture);
    p.end();
    picture = combined;
  }
  map_->setPixmap(picture);
}

}  // namespace ghostlens::ui
