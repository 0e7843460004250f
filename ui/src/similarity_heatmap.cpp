#include "ghostlens/ui/similarity_heatmap.h"

#include <QComboBox>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "qcustomplot_include.h"

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
    : QWidget(parent), plot_(new QCustomPlot(this)), model_(new QComboBox(this)) {
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
    if (size_ > 0) plot_->yAxis->setScaleRatio(plot_->xAxis, 1.0);
  });
  plot_->setMinimumSize(220, 220);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(model_);
  layout->addWidget(plot_, 1);

  connect(model_, &QComboBox::currentIndexChanged, this, &SimilarityHeatmap::modelChanged);
  connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
    int row = 0, column = 0;
    if (cellAt(event->position().toPoint(), row, column)) {
      QToolTip::showText(
          event->globalPosition().toPoint(),
          tr("map %1 \u2192 map %2: %3").arg(row).arg(column).arg(valueAt(row, column), 0, 'f', 4),
          plot_);
    } else {
      QToolTip::hideText();
    }
  });
  connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
    int row = 0, column = 0;
    if (cellAt(event->position().toPoint(), row, column)) Q_EMIT cellClicked(row, column);
  });
}

void SimilarityHeatmap::setMatrix(const QVector<double>& rowMajor, int size) {
  size_ = size;
  // Key (x) = column, value (y) = row; cell centres at integer coordinates.
  map_->data()->setSize(size, size);
  map_->data()->setRange(QCPRange(0, size - 1), QCPRange(0, size - 1));
  for (int r = 0; r < size; ++r) {
    for (int c = 0; c < size; ++c) map_->data()->setCell(c, r, rowMajor.value(r * size + c));
  }
  // Steps of 1, 2 or 5 times a power of ten, the smallest giving at most five intervals.
  double step = 1;
  for (double base = 1; step * 5 < size; base *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      step = m * base;
      if (step * 5 >= size) break;
    }
  }
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    auto ticker = qSharedPointerCast<MapTicker>(axis->ticker());
    ticker->setTickStep(step);
    ticker->maps = size;
    axis->setRange(-0.5, size - 0.5);
  }
  plot_->replot();  // afterLayout makes the cells square
}

void SimilarityHeatmap::clear() {
  size_ = 0;
  map_->data()->clear();
  plot_->replot();
}

bool SimilarityHeatmap::showsGhost() const {
  return !model_->isHidden() && model_->currentIndex() == 0;
}

void SimilarityHeatmap::setPaired(bool paired) { model_->setVisible(paired); }

double SimilarityHeatmap::valueAt(int row, int column) const {
  return map_->data()->cell(column, row);
}

QPoint SimilarityHeatmap::cellPosition(int row, int column) const {
  return QPointF(plot_->xAxis->coordToPixel(column), plot_->yAxis->coordToPixel(row)).toPoint();
}

QWidget* SimilarityHeatmap::plotWidget() const { return plot_; }

QVector<double> SimilarityHeatmap::ticks(bool x) const {
  return (x ? plot_->xAxis : plot_->yAxis)->tickVector();
}

QSizeF SimilarityHeatmap::cellPixels() const {
  return {std::abs(plot_->xAxis->coordToPixel(1) - plot_->xAxis->coordToPixel(0)),
          std::abs(plot_->yAxis->coordToPixel(1) - plot_->yAxis->coordToPixel(0))};
}

bool SimilarityHeatmap::cellAt(const QPoint& pos, int& row, int& column) const {
  if (size_ == 0 || !plot_->axisRect()->rect().contains(pos)) return false;
  column = static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(pos.x())));
  row = static_cast<int>(std::lround(plot_->yAxis->pixelToCoord(pos.y())));
  return row >= 0 && row < size_ && column >= 0 && column < size_;
}

}  // namespace ghostlens::ui
