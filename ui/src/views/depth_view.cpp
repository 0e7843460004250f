#include "ghostlens/ui/views/depth_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include "ghostlens/analysis/metric.h"
#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/ui/display_names.h"

namespace ghostlens::ui {

DepthView::DepthView(QWidget* parent)
    : ModelAnalysisPage(tr("Analyse"), parent),
      dataDirectory_(kFashionMnistDirectory),
      image_(new QSpinBox(this)),
      metric_(new QComboBox(this)),
      threshold_(new QDoubleSpinBox(this)),
      plot_(new DepthPlot(this)),
      task_(new BackgroundTask<DepthProfile>(this)) {
  image_->setRange(0, 9999);
  for (const Metric m : allMetrics()) metric_->addItem(displayName(m), static_cast<int>(m));
  threshold_->setRange(0, 1);
  threshold_->setSingleStep(0.05);
  threshold_->setValue(0.9);
  controls()->addWidget(new QLabel(tr("Fashion-MNIST test image"), this));
  controls()->addWidget(image_);
  controls()->addWidget(new QLabel(tr("metric"), this));
  controls()->addWidget(metric_);
  controls()->addWidget(new QLabel(tr("threshold"), this));
  controls()->addWidget(threshold_);
  setContent(plot_);
  watch(task_);
  task_->onFinished([this](const DepthProfile& profile) {
    plot_->setProfile(profile);
    done(tr("%1 layers; click a point to select its layer").arg(profile.layers.size()));
  });
  connect(plot_, &DepthPlot::layerClicked, this, &DepthView::layerClicked);
  connect(plot_, &PlotPanel::message, this, &Page::statusMessage);
  connect(image_, &QSpinBox::valueChanged, this, &DepthView::updateSubject);
  updateSubject();
}

QString DepthView::title() const { return tr("Depth"); }

QString DepthView::inputText() const { return tr("Fashion-MNIST test #%1").arg(image_->value()); }

void DepthView::setImageIndex(int index) { image_->setValue(index); }
void DepthView::setDataDirectory(const QString& directory) { dataDirectory_ = directory; }

void DepthView::launch(const PairSource& models) {
  const InputSource input =
      InputSource::fashionMnist(image_->value(), dataDirectory_.toStdString());
  const auto metric = static_cast<Metric>(metric_->currentData().toInt());
  const double threshold = threshold_->value();
  task_->run([=](const TaskProgress& progress) {
    return pairDepthProfile(
        models, input, metric, threshold,
        [&](std::size_t done, std::size_t total) { return progress.report(done, total); });
  });
}

}  // namespace ghostlens::ui
