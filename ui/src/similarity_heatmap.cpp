#include "ghostlens/ui/similarity_heatmap.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "plot_canvas.h"
#include "qcustomplot_include.h"
#include "whole_step.h"

namespace ghostlens::ui {

namespace {

/// Integer ticks at a fixed step, only where there are maps: square cells leave room beyond the
/// matrix on the longer side, which must not be labelled with maps that do not exist.
class MapTicker : public QCPAxisTickerFixed {
 public:
  int maps = 0;

 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
    const QCPRange inside(std::max(range.lower, 0.0), std::min(range.upper, maps - 1.0));
    QVector<double> ticks;
    if (inside.upper < inside.lower) return ticks;
    // The base class adds a tick beyond each end (for sub-ticks); none may name a missing map.
    for (double t : QCPAxisTickerFixed::createTickVector(tickStep, inside)) {
      if (t >= 0 && t <= maps - 1) ticks.push_back(t);
    }
    return ticks;
  }
};

}  // namespace

SimilarityHeatmap::SimilarityHeatmap(QWidget* parent)
    : QWidget(parent),
      plot_(newPlotCanvas(this)),
      model_(new QComboBox(this)),
      where_(new QLabel(this)),
      overview_(new QPushButton(tr("Overview"), this)) {
  model_->addItem(tr("Right model (ghost)"));
  model_->addItem(tr("Left model (vanilla)"));
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  QCPColorGradient viridis;  // this QCustomPlot has no viridis preset; three stops of it
  viridis.setColorStops(
      {{0.0, QColor(68, 1, 84)}, {0.5, QColor(33, 145, 140)}, {1.0, QColor(253, 231, 37)}});
  map_->setGradient(viridis);
  map_->setInterpolate(false);
  map_->setDataRange(QCPRange(0, 1));
  auto* scale = new QCPColorScale(plot_);
  plot_->plotLayout()->addElement(0, 1, scale);
  map_->setColorScale(scale);
  scale->setDataRange(QCPRange(0, 1));
  plot_->xAxis->setLabel(tr("target map"));
  plot_->yAxis->setLabel(tr("source map"));
  plot_->yAxis->setRangeReversed(true);  // row 0 at the top, as in a matrix
  // Map numbers are integers: a fixed integer step, thinned to about five labels per axis.
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    auto ticker = QSharedPointer<MapTicker>::create();
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    axis->setTicker(ticker);
    axis->setNumberFormat("f");
    axis->setNumberPrecision(0);
  }
  // Square cells: after each layout the y range is fitted to the x range's pixels per map.
  connect(plot_, &QCustomPlot::afterLayout, this, [this] {
    if (window_.maps > 0) plot_->yAxis->setScaleRatio(plot_->xAxis, 1.0);
  });
  plot_->setMinimumSize(220, 220);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(model_);
  auto* row = new QHBoxLayout;
  where_->setWordWrap(true);
  where_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  row->addWidget(where_, 1);
  row->addWidget(overview_);
  layout->addLayout(row);
  layout->addWidget(plot_, 1);
  overview_->setToolTip(tr("Show the whole matrix again, in blocks of maps"));
  overview_->hide();
  connect(overview_, &QPushButton::clicked, this, [this] { Q_EMIT zoomRequested(-1, -1); });

  connect(model_, &QComboBox::currentIndexChanged, this, &SimilarityHeatmap::modelChanged);
  connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
    int row = 0, column = 0;
    if (!cellAt(event->position().toPoint(), row, column)) {
      QToolTip::hideText();
      return;
    }
    const int k = static_cast<int>(window_.mapsPerCell);
    const QString text = k == 1
                             ? tr("map %1 \u2192 map %2: %3")
                                   .arg(row)
                                   .arg(column)
                                   .arg(valueAt(row, column), 0, 'f', 4)
                             : tr("maps %1-%2 \u2192 maps %3-%4: best %5 (click to see these maps)")
                                   .arg(row)
                                   .arg(std::min(row + k, maps()) - 1)
                                   .arg(column)
                                   .arg(std::min(column + k, maps()) - 1)
                                   .arg(valueAt(row, column), 0, 'f', 4);
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
  });
  connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
    int row = 0, column = 0;
    if (!cellAt(event->position().toPoint(), row, column)) return;
    if (!isOverview()) {
      Q_EMIT cellClicked(row, column);
      return;
    }
    // The block in the middle of the kCells maps shown next.
    const int k = static_cast<int>(window_.mapsPerCell);
    Q_EMIT zoomRequested(std::max(0, row + k / 2 - kCells / 2),
                         std::max(0, column + k / 2 - kCells / 2));
  });
}

void SimilarityHeatmap::setWindow(const SimilarityWindow& window) {
  window_ = window;
  const int n = static_cast<int>(window.cells);
  const double k = static_cast<double>(window.mapsPerCell);
  const double x0 = static_cast<double>(window.firstColumn);
  const double y0 = static_cast<double>(window.firstRow);
  // Key (x) = target map, value (y) = source map; a cell's centre is the middle of its maps.
  map_->data()->setSize(n, n);
  map_->data()->setRange(QCPRange(x0 + (k - 1) / 2, x0 + (n - 1) * k + (k - 1) / 2),
                         QCPRange(y0 + (k - 1) / 2, y0 + (n - 1) * k + (k - 1) / 2));
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      map_->data()->setCell(c, r, window.values[static_cast<std::size_t>(r) * n + c]);
    }
  }
  const double span = n * k;
  const double step = wholeStep(span, 5);
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    auto ticker = qSharedPointerCast<MapTicker>(axis->ticker());
    ticker->setTickStep(step);
    ticker->maps = maps();
    const double first = axis == plot_->xAxis ? x0 : y0;
    axis->setRange(first - 0.5, first + span - 0.5);
  }
  const bool whole = window.cells * window.mapsPerCell >= window.maps;
  overview_->setVisible(!whole);
  if (isOverview()) {
    where_->setText(tr("%1 maps, %2 per cell: click a cell to see its maps")
                        .arg(window.maps)
                        .arg(window.mapsPerCell));
  } else if (!whole) {
    where_->setText(tr("Source maps %1-%2, target maps %3-%4 of %5")
                        .arg(window.firstRow)
                        .arg(window.firstRow + n - 1)
                        .arg(window.firstColumn)
                        .arg(window.firstColumn + n - 1)
                        .arg(window.maps));
  } else {
    where_->clear();
  }
  where_->setVisible(!where_->text().isEmpty());
  plot_->replot();  // afterLayout makes the cells square
}

void SimilarityHeatmap::clear() {
  window_ = {};
  overview_->hide();
  where_->hide();
  map_->data()->clear();
  plot_->replot();
}

Side SimilarityHeatmap::side() const {
  return !model_->isHidden() && model_->currentIndex() == 0 ? Side::Right : Side::Left;
}

void SimilarityHeatmap::setPaired(bool paired) { model_->setVisible(paired); }

double SimilarityHeatmap::valueAt(int row, int column) const {
  const int64_t k = window_.mapsPerCell;
  const int64_t r = (row - window_.firstRow) / k, c = (column - window_.firstColumn) / k;
  if (row < window_.firstRow || column < window_.firstColumn || r >= window_.cells ||
      c >= window_.cells) {
    return std::nan("");
  }
  return window_.values[static_cast<std::size_t>(r * window_.cells + c)];
}

QPoint SimilarityHeatmap::cellPosition(int row, int column) const {
  // The centre of the cell holding these maps.
  const int64_t k = window_.mapsPerCell;
  const double x = window_.firstColumn + ((column - window_.firstColumn) / k) * k + (k - 1) / 2.0;
  const double y = window_.firstRow + ((row - window_.firstRow) / k) * k + (k - 1) / 2.0;
  return QPointF(plot_->xAxis->coordToPixel(x), plot_->yAxis->coordToPixel(y)).toPoint();
}

QWidget* SimilarityHeatmap::plotWidget() const { return plot_; }

QVector<double> SimilarityHeatmap::ticks(bool x) const {
  return (x ? plot_->xAxis : plot_->yAxis)->tickVector();
}

QSizeF SimilarityHeatmap::cellPixels() const {
  const double k = static_cast<double>(std::max<int64_t>(1, window_.mapsPerCell));
  return {std::abs(plot_->xAxis->coordToPixel(k) - plot_->xAxis->coordToPixel(0)),
          std::abs(plot_->yAxis->coordToPixel(k) - plot_->yAxis->coordToPixel(0))};
}

bool SimilarityHeatmap::cellAt(const QPoint& pos, int& row, int& column) const {
  if (window_.maps == 0 || !plot_->axisRect()->rect().contains(pos)) return false;
  const auto k = static_cast<double>(window_.mapsPerCell);
  const auto c = static_cast<int64_t>(
      std::floor((plot_->xAxis->pixelToCoord(pos.x()) + 0.5 - window_.firstColumn) / k));
  const auto r = static_cast<int64_t>(
      std::floor((plot_->yAxis->pixelToCoord(pos.y()) + 0.5 - window_.firstRow) / k));
  if (r < 0 || r >= window_.cells || c < 0 || c >= window_.cells) return false;
  row = static_cast<int>(window_.firstRow + r * window_.mapsPerCell);
  column = static_cast<int>(window_.firstColumn + c * window_.mapsPerCell);
  return row < window_.maps && column < window_.maps;
}

}  // namespace ghostlens::ui
