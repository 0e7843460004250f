#include "ghostlens/ui/views/training_dialog.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "ghostlens/training/experiment_runner.h"
#include "ghostlens/training/paper_sweep.h"

namespace ghostlens::ui {

TrainingDialog::TrainingDialog(QWidget* parent)
    : QDialog(parent),
      mode_(new QComboBox(this)),
      architecture_(new QComboBox(this)),
      width_(new QDoubleSpinBox(this)),
      ratio_(new QSpinBox(this)),
      dw_(new QSpinBox(this)),
      epochs_(new QSpinBox(this)),
      trainSubset_(new QSpinBox(this)),
      testSubset_(new QSpinBox(this)),
      status_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      start_(new QPushButton(tr("Start"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      close_(new QPushButton(tr("Close"), this)),
      plot_(new TrainingCurvesPlot(this)),
      task_(new BackgroundTask<bool>(this)) {
  setWindowTitle(tr("Train on Fashion-MNIST"));
  mode_->addItems({tr("one run"), tr("sweep: s 1-5 at d = 3, d 1-7 at s = 2")});
  for (const Architecture arch : allArchitectures()) {
    architecture_->addItem(QString::fromStdString(architectureName(arch)), static_cast<int>(arch));
  }
  width_->setRange(0.05, 4);
  width_->setSingleStep(0.25);
  ratio_->setRange(1, 16);
  dw_->setRange(1, 15);
  dw_->setSingleStep(2);
  epochs_->setRange(1, 500);
  trainSubset_->setRange(0, 60000);
  trainSubset_->setSpecialValueText(tr("all"));
  testSubset_->setRange(0, 10000);
  testSubset_->setSpecialValueText(tr("all"));
  auto* form = new QFormLayout;
  form->addRow(tr("Train"), mode_);
  form->addRow(tr("Model"), architecture_);
  form->addRow(tr("Width"), width_);
  form->addRow(tr("Ratio s"), ratio_);
  form->addRow(tr("Cheap kernel d"), dw_);
  form->addRow(tr("Epochs"), epochs_);
  form->addRow(tr("Training images"), trainSubset_);
  form->addRow(tr("Test images"), testSubset_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(progress_, 1);
  buttons->addWidget(start_);
  buttons->addWidget(cancel_);
  buttons->addWidget(close_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(plot_, 1);
  layout->addLayout(buttons);
  layout->addWidget(status_);
  cancel_->setEnabled(false);
  plot_->setMinimumSize(480, 260);
  connect(start_, &QPushButton::clicked, this, &TrainingDialog::start);
  connect(cancel_, &QPushButton::clicked, this, &TrainingDialog::cancel);
  connect(close_, &QPushButton::clicked, this, &QDialog::close);
  connect(plot_, &PlotPanel::message, this, &TrainingDialog::message);
  task_->onFinished([this](bool) { onEnded(tr("finished"), true); });
  connect(task_, &BackgroundTaskBase::cancelled, this,
          [this] { onEnded(tr("cancelled; the store records the run as cancelled"), true); });
  connect(task_, &BackgroundTaskBase::failed, this, [this](const QString& error) {
    Q_EMIT message(error);
    onEnded(error, false);
  });
  base_.spec = ModelSpec::defaults(Architecture::Vgg16);
  base_.spec.width = 0.25;
  base_.spec.input = {1, 28, 28};
  base_.epochs = kDefaultEpochs;
  base_.trainSubset = kDefaultTrainImages;
  base_.testSubset = kDefaultTestImages;
  setConfig(base_);
  setStorePath(QString::fromStdString(defaultStorePath()));
}

// The task (a child) cancels the training and waits for it in its destructor.
TrainingDialog::~TrainingDialog() = default;

void TrainingDialog::setStorePath(const QString& path) {
  storePath_ = path;
  checkpointDir_ = QFileInfo(path).dir().filePath("checkpoints");
}

void TrainingDialog::setConfig(const TrainConfig& config) {
  base_ = config;
  architecture_->setCurrentIndex(architecture_->findData(static_cast<int>(config.spec.arch)));
  width_->setValue(config.spec.width);
  ratio_->setValue(static_cast<int>(config.spec.ratio));
  dw_->setValue(static_cast<int>(config.spec.dw));
  // A per-layer plan sets s and d layer by layer: the two boxes do not apply.
  const QString planned = config.spec.hasPlan()
                              ? tr("Per-layer plan %1: s and d come from the plan")
                                    .arg(QString::fromStdString(config.spec.planName))
                              : QString();
  for (QWidget* box : {static_cast<QWidget*>(ratio_), static_cast<QWidget*>(dw_)}) {
    box->setEnabled(!config.spec.hasPlan());
    box->setToolTip(planned);
  }
  epochs_->setValue(static_cast<int>(config.epochs));
  trainSubset_->setValue(static_cast<int>(config.trainSubset));
  testSubset_->setValue(static_cast<int>(config.testSubset));
}

TrainConfig TrainingDialog::config() const {
  TrainConfig c = base_;
  const auto arch = static_cast<Architecture>(architecture_->currentData().toInt());
  if (arch != c.spec.arch) {
    c.spec = ModelSpec::defaults(arch);
    c.spec.input[0] = 1;  // Fashion-MNIST is gray
    c.spec.input[1] = c.spec.input[2] = 28;
    c.spec.classes = 10;
  }
  if (c.spec.hasPlan() && (arch != base_.spec.arch || width_->value() != base_.spec.width)) {
    c.spec.plan.clear();  // a plan is for the model it was advised on
    c.spec.planName.clear();
  }
  c.spec.width = width_->value();
  if (!c.spec.hasPlan()) {
    c.spec.ratio = ratio_->value();
    c.spec.dw = dw_->value();
  }
  c.epochs = epochs_->value();
  c.trainSubset = trainSubset_->value();
  c.testSubset = testSubset_->value();
  return c;
}

void TrainingDialog::setSweep(bool sweep) { mode_->setCurrentIndex(sweep ? 1 : 0); }

bool TrainingDialog::isBusy() const { return task_->isBusy(); }

void TrainingDialog::cancel() { task_->cancel(); }

void TrainingDialog::start() {
  if (task_->isBusy()) return;
  const TrainConfig config = this->config();
  const bool sweep = mode_->currentIndex() == 1;
  const std::string store = storePath_.toStdString();
  const std::string checkpoints = checkpointDir_.toStdString();
  plot_->clear();
  accuracy_.clear();
  runId_ = 0;
  start_->setEnabled(false);
  cancel_->setEnabled(true);
  status_->setText(tr("starting..."));
  task_->run([=](const TaskProgress& progress) {
    // Batches and epochs come from the worker; each report is handed to the GUI thread.
    const TrainCallback onBatch = [this, progress](const TrainProgress& p) {
      progress.post([this, p] { onProgress(p); });
      return !progress.cancelled();
    };
    RunEvents events;
    events.started = [this, progress](int64_t id, const std::vector<EpochMetrics>& earlier) {
      progress.post([this, id, earlier] { onRunStarted(id, earlier); });
    };
    events.epoch = [this, progress](int64_t id, const EpochMetrics& epoch) {
      progress.post([this, id, epoch] { onEpoch(id, epoch); });
    };
    QDir().mkpath(QString::fromStdString(checkpoints));
    ExperimentStore db(store);
    if (sweep) {
      const SweepCallback onConfig = [this, progress](std::size_t, std::size_t, const ModelSpec&,
                                                      bool) {
        progress.post([this] { Q_EMIT runRecorded(); });
      };
      runSweep(config, PaperSweep::ratios(), PaperSweep::kernels(), checkpoints, db, onConfig,
               onBatch, events);
    } else {
      TrainConfig one = config;
      one.checkpointPath = checkpoints + "/" + runName(one.spec, one.epochs, one.seed) + ".ckpt";
      runExperiment(one, db, onBatch, events);
    }
    return true;
  });
}

void TrainingDialog::onProgress(const TrainProgress& p) {
  const double epoch =
      static_cast<double>(p.epoch) +
      static_cast<double>(p.batch) / static_cast<double>(std::max<int64_t>(1, p.batches));
  plot_->addLoss(epoch, p.loss);
  progress_->setRange(0, static_cast<int>(p.epochs * p.batches));
  progress_->setValue(static_cast<int>(p.epoch * p.batches + p.batch));
  status_->setText(tr("epoch %1/%2, batch %3/%4, loss %5, %6 images/s")
                       .arg(p.epoch + 1)
                       .arg(p.epochs)
                       .arg(p.batch)
                       .arg(p.batches)
                       .arg(p.loss, 0, 'f', 4)
                       .arg(p.imagesPerSecond, 0, 'f', 0));
}

void TrainingDialog::onRunStarted(int64_t runId, const std::vector<EpochMetrics>& earlier) {
  if (runId_ != 0) plot_->clear();
  runId_ = runId;
  accuracy_.clear();
  for (const EpochMetrics& e : earlier) {
    accuracy_ << QPointF(static_cast<double>(e.epoch + 1), e.testAccuracy);
  }
  plot_->setTestAccuracy(accuracy_);
}

void TrainingDialog::onEpoch(int64_t runId, const EpochMetrics& epoch) {
  if (runId != runId_) return;
  // A resumed run may repeat the epoch a crash interrupted: the newer value replaces it.
  const QPointF point(static_cast<double>(epoch.epoch + 1), epoch.testAccuracy);
  auto same = std::find_if(accuracy_.begin(), accuracy_.end(),
                           [&](const QPointF& p) { return p.x() == point.x(); });
  if (same != accuracy_.end()) {
    *same = point;
  } else {
    accuracy_ << point;
  }
  plot_->setTestAccuracy(accuracy_);
}

QString TrainingDialog::statusText() const { return status_->text(); }

void TrainingDialog::onEnded(const QString& status, bool ok) {
  start_->setEnabled(true);
  cancel_->setEnabled(false);
  QString text = status;
  if (ok && !accuracy_.isEmpty()) {
    text += tr(": test accuracy %1% after epoch %2")
                .arg(accuracy_.back().y() * 100, 0, 'f', 2)
                .arg(accuracy_.back().x(), 0, 'f', 0);
  }
  status_->setText(text);
  Q_EMIT runRecorded();
  Q_EMIT finished(ok);
}

}  // namespace ghostlens::ui
