#include "ghostlens/ui/redundancy_controls.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <cmath>

namespace ghostlens::ui {

namespace {
constexpr int kSteps = 1000;  // threshold resolution 0.001
void selectData(QComboBox* box, const QString& value) {
  const int i = box->findData(value);
  if (i >= 0) box->setCurrentIndex(i);
}
}  // namespace

RedundancyControls::RedundancyControls(QWidget* parent)
    : QWidget(parent),
      metric_(new QComboBox(this)),
      threshold_(new QSlider(Qt::Horizontal, this)),
      thresholdText_(new QLabel(this)),
      scale_(new QComboBox(this)),
      colormap_(new QComboBox(this)) {
  metric_->addItem(tr("Cosine"), "cosine");
  metric_->addItem(tr("Pearson"), "pearson");
  metric_->addItem(tr("SSIM"), "ssim");
  metric_->addItem(tr("Cheap-op fit (R\u00b2)"), "cheapfit");
  threshold_->setRange(0, kSteps);
  threshold_->setValue(900);
  threshold_->setMinimumWidth(160);
  thresholdText_->setMinimumWidth(40);
  thresholdText_->setText("0.900");
  scale_->addItem(tr("Scale per map"), "per-map");
  scale_->addItem(tr("Scale per layer"), "per-layer");
  scale_->addItem(tr("Scale shared by both"), "shared");
  colormap_->addItem(tr("Gray"), "gray");
  colormap_->addItem(tr("Viridis"), "viridis");
  colormap_->addItem(tr("Inferno"), "inferno");
  colormap_->addItem(tr("Jet"), "jet");

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Metric"), this));
  layout->addWidget(metric_);
  layout->addWidget(new QLabel(tr("Threshold"), this));
  layout->addWidget(threshold_);
  layout->addWidget(thresholdText_);
  layout->addWidget(scale_);
  layout->addWidget(colormap_);
  layout->addStretch(1);

  connect(metric_, &QComboBox::currentIndexChanged, this, &RedundancyControls::metricChanged);
  connect(threshold_, &QSlider::valueChanged, this, [this](int) {
    thresholdText_->setText(QString::number(threshold(), 'f', 3));
    Q_EMIT thresholdChanged(threshold());
  });
  connect(scale_, &QComboBox::currentIndexChanged, this, &RedundancyControls::colorsChanged);
  connect(colormap_, &QComboBox::currentIndexChanged, this, &RedundancyControls::colorsChanged);
}

QString RedundancyControls::metric() const { return metric_->currentData().toString(); }
void RedundancyControls::setMetric(const QString& name) { selectData(metric_, name); }
double RedundancyControls::threshold() const {
  return static_cast<double>(threshold_->value()) / kSteps;
}
void RedundancyControls::setThreshold(double value) {
  threshold_->setValue(static_cast<int>(std::lround(value * kSteps)));
}
QString RedundancyControls::colorScale() const { return scale_->currentData().toString(); }
void RedundancyControls::setColorScale(const QString& name) { selectData(scale_, name); }
QString RedundancyControls::colormap() const { return colormap_->currentData().toString(); }
void RedundancyControls::setColormap(const QString& name) { selectData(colormap_, name); }

}  // namespace ghostlens::ui
