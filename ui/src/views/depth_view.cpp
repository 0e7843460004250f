#include "ghostlens/ui/views/depth_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaObject>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "ghostlens/analysis/metric.h"
#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

DepthView::DepthView(QWidget* parent)
    : QWidget(parent),
      dataDirectory_(kFashionMnistDirectory),
      image_(new QSpinBox(this)),
      metric_(new QComboBox(this)),
      threshold_(new QDoubleSpinBox(this)),
      run_(new QPushButton(tr("Analyse"), this)),
      stop_(new QPushButton(tr("Cancel"), this)),
      status_(new QLabel(this)),
      plot_(new DepthPlot(this)) {
  image_->setRange(0, 9999);
  for (const Metric m : allMetrics()) {
    metric_->addItem(QString::fromStdString(metricName(m)), static_cast<int>(m));
  }
  threshold_->setRange(0, 1);
  threshold_->setSingleStep(0.05);
  threshold_->setValue(0.9);
  stop_->setEnabled(false);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Fashion-MNIST test image"), this));
  controls->addWidget(image_);
  controls->addWidget(new QLabel(tr("metric"), this));
  controls->addWidget(metric_);
  controls->addWidget(new QLabel(tr("threshold"), this));
  controls->addWidget(threshold_);
  controls->addWidget(run_);
  controls->addWidget(stop_);
  controls->addWidget(status_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(plot_, 1);
  connect(run_, &QPushButton::clicked, this, &DepthView::start);
  connect(stop_, &QPushButton::clicked, this, &DepthView::cancel);
  connect(plot_, &DepthPlot::layerClicked, this, &DepthView::layerClicked);
  connect(plot_, &PlotPanel::message, this, &DepthView::message);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &DepthView::onDone);
  try {
    setSources(PairSource::shipped());
  } catch (const std::runtime_error& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
}

DepthView::~DepthView() {
  cancel();
  watcher_.waitForFinished();
}

void DepthView::setSources(const PairSource& sources) { sources_ = sources; }

void DepthView::setImageIndex(int index) { image_->setValue(index); }
void DepthView::setDataDirectory(const QString& directory) { dataDirectory_ = directory; }

bool DepthView::isBusy() const { return watcher_.isRunning(); }

void DepthView::cancel() {
  if (cancel_) cancel_->store(true);
}

void DepthView::start() {
  if (watcher_.isRunning()) {
    // Never wait on the GUI thread: the running job stops at its next progress report, and
    // onDone() starts again with the settings of that moment.
    restartWhenDone_ = true;
    cancel();
    return;
  }
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  if (!sources_) {
    status_->setText(tr("no models to analyse"));
    return;
  }
  const PairSource sources = *sources_;
  const std::string directory = dataDirectory_.toStdString();
  const int64_t index = image_->value();
  const auto metric = static_cast<Metric>(metric_->currentData().toInt());
  const double threshold = threshold_->value();
  auto cancelled = cancel_;
  run_->setEnabled(false);
  stop_->setEnabled(true);
  status_->setText(tr("analysing..."));
  watcher_.setFuture(QtConcurrent::run([=]() -> Outcome {
    try {
      DepthProfile profile =
          pairDepthProfile(sources, InputSource::fashionMnist(index, directory), metric, threshold,
                           [&](std::size_t done, std::size_t total) {
                             // The destructor waits for this worker, so `this` outlives the call;
                             // the queued emission runs on the GUI thread.
                             QMetaObject::invokeMethod(
                                 this,
                                 [this, done, total] {
                                   Q_EMIT progress(static_cast<int>(done), static_cast<int>(total));
                                 },
                                 Qt::QueuedConnection);
                             return !cancelled->load();
                           });
      return {std::move(profile), {}};
    } catch (const std::exception&) {
      return {std::nullopt, errorText(std::current_exception())};
    }
  }));
}

void DepthView::onDone() {
  if (restartWhenDone_) {
    restartWhenDone_ = false;
    start();
    return;
  }
  const Outcome outcome = watcher_.result();
  run_->setEnabled(true);
  stop_->setEnabled(false);
  if (!outcome.profile) {
    status_->setText(QString::fromStdString(outcome.error));
    Q_EMIT message(QString::fromStdString(outcome.error));
  } else if (outcome.profile->cancelled) {
    status_->setText(tr("cancelled"));
    Q_EMIT message(tr("Depth analysis cancelled"));
  } else {
    plot_->setProfile(*outcome.profile);
    status_->setText(
        tr("%1 layers; click a point to select its layer").arg(outcome.profile->layers.size()));
  }
  Q_EMIT finished();
}

}  // namespace ghostlens::ui
