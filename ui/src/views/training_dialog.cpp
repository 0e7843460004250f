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
#include <QtConcurrent/QtConcurrentRun>

#include "ghostlens/training/experiment_runner.h"
#include "ghostlens/training/paper_sweep.h"
#include "ghostlens/util/error_text.h"

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
      plot_(new TrainingCurvesPlot(this)) {
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
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(plot_, 1);
  layout->addLayout(buttons);
  layout->addWidget(status_);
  cancel_->setEnabled(false);
  plot_->setMinimumSize(480, 260);
  connect(start_, &QPushButton::clicked, this, &TrainingDialog::start);
  connect(cancel_, &QPushButton::clicked, this, &TrainingDialog::cancel);
  connect(plot_, &PlotPanel::message, this, &TrainingDialog::message);
  connect(&watcher_, &QFutureWatcher<std::string>::finished, this, &TrainingDialog::onDone);
  base_.spec = ModelSpec::defaults(Architecture::Vgg16);
  base_.spec.width = 0.25;
  base_.spec.input = {1, 28, 28};
  setConfig(base_);
  setStorePath(QString::fromStdString(defaultStorePath()));
}

TrainingDialog::~TrainingDialog() {
  cancel();
  watcher_.waitForFinished();
}

void TrainingDialog::setStorePath(const QString& path) {
  storePath_ = path;
  checkpointDir_ = QFileInfo(path).dir().filePath("checkpoints");
}

void TrainingDialog::setCheckpointDirectory(const QString& path) { checkpointDir_ = path; }

void TrainingDialog::setConfig(const TrainConfig& config) {
  base_ = config;
  architecture_->setCurrentIndex(architecture_->findData(static_cast<int>(config.spec.arch)));
  width_->setValue(config.spec.width);
  ratio_->setValue(static_cast<int>(config.spec.ratio));
  dw_->setValue(static_cast<int>(config.spec.dw));
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
  c.spec.width = width_->value();
  c.spec.ratio = ratio_->value();
  c.spec.dw = dw_->value();
  c.epochs = epochs_->value();
  c.trainSubset = trainSubset_->value();
  c.testSubset = testSubset_->value();
  return c;
}

void TrainingDialog::setSweep(bool sweep) { mode_->setCurrentIndex(sweep ? 1 : 0); }

bool TrainingDialog::isBusy() const { return watcher_.isRunning(); }

void TrainingDialog::cancel() {
  if (stop_) stop_->store(true);
}

void TrainingDialog::start() {
  if (watcher_.isRunning()) return;
  const TrainConfig config = this->config();
  const bool sweep = mode_->currentIndex() == 1;
  const std::string store = storePath_.toStdString();
  const std::string checkpoints = checkpointDir_.toStdString();
  stop_ = std::make_shared<std::atomic<bool>>(false);
  auto stop = stop_;
  plot_->clear();
  lastEpoch_ = -1;
  runId_ = 0;
  start_->setEnabled(false);
  cancel_->setEnabled(true);
  status_->setText(tr("starting..."));
  // Progress comes from the worker thread; each report is queued to the GUI thread. The
  // destructor joins the worker, so `this` outlives every queued call's sender.
  const TrainCallback onBatch = [this, stop](const TrainProgress& p) {
    QMetaObject::invokeMethod(
        this, [this, p] { onProgress(p); }, Qt::QueuedConnection);
    return !stop->load();
  };
  watcher_.setFuture(QtConcurrent::run([=]() -> std::string {
    try {
      QDir().mkpath(QString::fromStdString(checkpoints));
      ExperimentStore db(store);
      if (sweep) {
        const SweepCallback onConfig = [this](std::size_t, std::size_t, const ModelSpec&, bool) {
          QMetaObject::invokeMethod(
              this, [this] { Q_EMIT runRecorded(); }, Qt::QueuedConnection);
        };
        runSweep(config, PaperSweep::ratios(), PaperSweep::kernels(), checkpoints, db, onConfig,
                 onBatch);
      } else {
        TrainConfig one = config;
        one.checkpointPath = checkpoints + "/" + runName(one.spec, one.epochs, one.seed) + ".ckpt";
        runExperiment(one, db, onBatch);
      }
      return {};
    } catch (const std::exception&) {
      return errorText(std::current_exception());
    }
  }));
}

void TrainingDialog::onProgress(const TrainProgress& p) {
  if (p.epoch != lastEpoch_) {  // an epoch ended: its test accuracy is in the store now
    lastEpoch_ = p.epoch;
    refreshEpochs();
  }
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

void TrainingDialog::refreshEpochs() {
  try {
    ExperimentStore db(storePath_.toStdString());
    const auto runs = db.runs();
    if (runs.empty()) return;
    if (runs.back().id != runId_) {
      if (runId_ != 0) plot_->clear();
      runId_ = runs.back().id;
    }
    QVector<QPointF> accuracy;
    for (const EpochMetrics& e : db.epochs(runId_)) {
      accuracy << QPointF(static_cast<double>(e.epoch + 1), e.testAccuracy);
    }
    plot_->setTestAccuracy(accuracy);
  } catch (const std::exception&) {
    Q_EMIT message(QString::fromStdString(errorText(std::current_exception())));
  }
}

void TrainingDialog::onDone() {
  const std::string error = watcher_.result();
  start_->setEnabled(true);
  cancel_->setEnabled(false);
  refreshEpochs();
  const bool cancelled = stop_ && stop_->load();
  status_->setText(!error.empty() ? QString::fromStdString(error)
                   : cancelled    ? tr("cancelled; the store records the run as cancelled")
                                  : tr("finished"));
  if (!error.empty()) Q_EMIT message(QString::fromStdString(error));
  Q_EMIT runRecorded();
  Q_EMIT finished(error.empty());
}

}  // namespace ghostlens::ui
