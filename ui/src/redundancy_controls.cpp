#include "ghostlens/ui/redundancy_controls.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <cmath>

#include "ghostlens/ui/display_names.h"

namespace ghostlens::ui {

namespace {
constexpr int kSteps = 1000;  // threshold resolution 0.001

template <typename Enum>
void fill(QComboBox* box, const std::vector<Enum>& values) {
  for (const Enum value : values) box->addItem(displayName(value), static_cast<int>(value));
}
template <typename Enum>
void select(QComboBox* box, Enum value) {
  const int i = box->findData(static_cast<int>(value));
  if (i >= 0) box->setCurrentIndex(i);
}
template <typename Enum>
Enum current(const QComboBox* box) {
  return static_cast<Enum>(box->currentData().toInt());
}
}  // namespace

RedundancyControls::RedundancyControls(QWidget* parent)
    : QWidget(parent),
      metric_(new QComboBox(this)),
      threshold_(new QSlider(Qt::Horizontal, this)),
      thresholdText_(new QLabel(this)),
      scale_(new QComboBox(this)),
      colormap_(new QComboBox(this)) {
  fill(metric_, allMetrics());
  threshold_->setRange(0, kSteps);
  threshold_->setValue(900);
  threshold_->setMinimumWidth(100);
  // Room for "0.900" whatever the font: the value never overlaps the slider.
  thresholdText_->setMinimumWidth(thresholdText_->fontMetrics().horizontalAdvance("0.000") + 4);
  thresholdText_->setText("0.900");
  fill(scale_, allColorScales());
  fill(colormap_, allColormaps());

  // Two rows, so that the explorer fits beside its docks in a window 1,000 pixels wide without
  // cutting a box's text: what is compared above, how maps are coloured below.
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Metric"), this), 0, 0);
  layout->addWidget(metric_, 0, 1);
  layout->addWidget(new QLabel(tr("Threshold"), this), 0, 2);
  layout->addWidget(threshold_, 0, 3);
  layout->addWidget(thresholdText_, 0, 4);
  layout->addWidget(new QLabel(tr("Colours"), this), 1, 0);
  auto* colours = new QHBoxLayout;
  colours->addWidget(scale_);
  colours->addWidget(colormap_);
  colours->addStretch(1);
  layout->addLayout(colours, 1, 1, 1, 4);
  layout->setColumnStretch(3, 1);

  connect(metric_, &QComboBox::currentIndexChanged, this, &RedundancyControls::metricChanged);
  connect(threshold_, &QSlider::valueChanged, this, [this](int) {
    thresholdText_->setText(QString::number(threshold(), 'f', 3));
    Q_EMIT thresholdChanged(threshold());
  });
  connect(scale_, &QComboBox::currentIndexChanged, this, &RedundancyControls::colorsChanged);
  connect(colormap_, &QComboBox::currentIndexChanged, this, &RedundancyControls::colorsChanged);
}

Metric RedundancyControls::metric() const { return current<Metric>(metric_); }
void RedundancyControls::setMetric(Metric metric) { select(metric_, metric); }
double RedundancyControls::threshold() const {
  return static_cast<double>(threshold_->value()) / kSteps;
}
void RedundancyControls::setThreshold(double value) {
  threshold_->setValue(static_cast<int>(std::lround(value * kSteps)));
}
ColorScale RedundancyControls::colorScale() const { return current<ColorScale>(scale_); }
void RedundancyControls::setColorScale(ColorScale scale) { select(scale_, scale); }
Colormap RedundancyControls::colormap() const { return current<Colormap>(colormap_); }
void RedundancyControls::setColormap(Colormap colormap) { select(colormap_, colormap); }

}  // namespace ghostlens::ui
