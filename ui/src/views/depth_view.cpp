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
      source_(new QComboBox(this)),
      image_(new QSpinBox(this)),
      batch_(new QSpinBox(this)),
      metric_(new QComboBox(this)),
      threshold_(new QDoubleSpinBox(this)),
      plot_(new DepthPlot(this)),
      task_(new BackgroundTask<DepthProfile>(this)) {
  image_->setRange(0, 9999);
  batch_->setRange(2, 1000);
  batch_->setValue(64);
  batch_->setSuffix(tr(" images"));
  batch_->setToolTip(tr("Measures are means over the first N Fashion-MNIST test images"));
  batch_->setVisible(false);
  for (const Metric m : allMetrics()) metric_->addItem(displayName(m), static_cast<int>(m));
  threshold_->setRange(0, 1);
  threshold_->setSingleStep(0.05);
  threshold_->setValue(0.9);
  source_->addItem(tr("The explorer's input"));
  source_->addItem(tr("Fashion-MNIST test image"));
  source_->addItem(tr("Fashion-MNIST batch (means)"));
  source_->setToolTip(tr("The picture the models run on"));
  image_->setEnabled(false);
  controls()->addWidget(source_);
  controls()->addWidget(image_);
  controls()->addWidget(batch_);
  controls()->addWidget(new QLabel(tr("metric"), this));
  controls()->addWidget(metric_);
  controls()->addWidget(new QLabel(tr("threshold"), this));
  controls()->addWidget(threshold_);
  setContent(plot_);
  watch(task_);
  task_->onFinished([this](const DepthProfile& profile) {
    plot_->setProfile(profile);
    const QString over =
        profile.images > 1 ? tr(", means over %1 images").arg(profile.images) : QString();
    done(tr("%1 layers%2; gaps: maps under 4x4 pixels, too small to compare; click a point to "
            "select its layer")
             .arg(profile.layers.size())
             .arg(over));
  });
  connect(plot_, &DepthPlot::layerClicked, this, &DepthView::layerClicked);
  connect(plot_, &PlotPanel::message, this, &Page::statusMessage);
  connect(image_, &QSpinBox::valueChanged, this, &DepthView::updateSubject);
  connect(batch_, &QSpinBox::valueChanged, this, &DepthView::updateSubject);
  connect(source_, &QComboBox::currentIndexChanged, this, [this] {
    image_->setEnabled(source_->currentIndex() == 1);
    image_->setVisible(source_->currentIndex() != 2);
    batch_->setVisible(source_->currentIndex() == 2);
    updateSubject();
  });
  updateSubject();
}

QString DepthView::title() const { return tr("Depth"); }

bool DepthView::followsExplorer() const { return source_->currentIndex() == 0; }

InputSource DepthView::input() const {
  // Until the explorer has shown an input, its default: Fashion-MNIST test #0.
  if (followsExplorer() && explorerInput_) return *explorerInput_;
  return InputSource::fashionMnist(followsExplorer() ? 0 : image_->value(),
                                   std::string(kFashionMnistDirectory));
}

double DepthView::threshold() const { return threshold_->value(); }

int DepthView::batchImages() const { return source_->currentIndex() == 2 ? batch_->value() : 0; }

void DepthView::setBatch(int count) {
  source_->setCurrentIndex(2);
  batch_->setValue(count);
}

QString DepthView::inputText() const {
  if (batchImages() > 0) return tr("the first %1 Fashion-MNIST test images").arg(batchImages());
  if (followsExplorer() && explorerInput_) return tr("the explorer's input, %1").arg(explorerText_);
  return QString::fromStdString(input().label());
}

void DepthView::setImageIndex(int index) {
  source_->setCurrentIndex(1);
  image_->setValue(index);
}

void DepthView::setInput(const InputSource& input, const QString& description) {
  if (explorerInput_ && *explorerInput_ == input) return;  // a new metric, say: same picture
  explorerInput_ = input;
  explorerText_ = description;
  if (!followsExplorer()) return;
  updateSubject();
  restartWhenShown();
}

void DepthView::launch(const PairSource& models) {
  const InputSource input = this->input();
  const auto metric = static_cast<Metric>(metric_->currentData().toInt());
  const double threshold = threshold_->value();
  const int batch = batchImages();
  const std::string directory = std::string(kFashionMnistDirectory);
  task_->run([=](const TaskProgress& progress) {
    if (batch > 0) {
      return pairDepthProfileOverBatch(
          models, directory, batch, metric, threshold,
          [&](std::size_t done, std::size_t total) { return progress.report(done, total); });
    }
    return pairDepthProfile(
        models, input, metric, threshold,
        [&](std::size_t done, std::size_t total) { return progress.report(done, total); });
  });
}

}  // namespace ghostlens::ui
