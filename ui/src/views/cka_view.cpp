#include "ghostlens/ui/views/cka_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

CkaView::CkaView(QWidget* parent)
    : QWidget(parent),
      dataDirectory_(kFashionMnistDirectory),
      count_(new QSpinBox(this)),
      run_(new QPushButton(tr("Compute"), this)),
      stop_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      plot_(new CkaPlot(this)) {
  count_->setRange(4, 10000);
  count_->setValue(256);
  count_->setSingleStep(64);
  stop_->setEnabled(false);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Fashion-MNIST test images"), this));
  controls->addWidget(count_);
  controls->addWidget(run_);
  controls->addWidget(stop_);
  controls->addWidget(progress_);
  controls->addWidget(status_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(plot_, 1);
  connect(run_, &QPushButton::clicked, this, &CkaView::start);
  connect(stop_, &QPushButton::clicked, this, &CkaView::cancel);
  connect(plot_, &PlotPanel::message, this, &CkaView::message);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &CkaView::onDone);
  try {
    setSources(PairSource::shipped());
  } catch (const std::runtime_error& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
}

CkaView::~CkaView() {
  cancel();
  watcher_.waitForFinished();
}

void CkaView::setSources(const PairSource& sources) { sources_ = sources; }

void CkaView::setImageCount(int count) { count_->setValue(count); }
void CkaView::setDataDirectory(const QString& directory) { dataDirectory_ = directory; }
bool CkaView::isBusy() const { return watcher_.isRunning(); }

void CkaView::cancel() {
  if (cancel_) cancel_->store(true);
}

void CkaView::start() {
  if (watcher_.isRunning()) {
    // Never wait on the GUI thread: the running job stops at its next progress report, and
    // onDone() starts again with the settings of that moment.
    restartWhenDone_ = true;
    cancel();
    return;
  }
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto cancelled = cancel_;
  if (!sources_) {
    status_->setText(tr("no models to compare"));
    return;
  }
  const PairSource sources = *sources_;
  const std::string directory = dataDirectory_.toStdString();
  const int64_t count = count_->value();
  run_->setEnabled(false);
  stop_->setEnabled(true);
  progress_->setRange(0, static_cast<int>(count));
  progress_->setValue(0);
  status_->setText(tr("computing..."));
  watcher_.setFuture(QtConcurrent::run([=]() -> Outcome {
    try {
      CkaGrid grid = pairCka(sources, directory, count, [this, cancelled](int64_t done, int64_t) {
        // The destructor joins this worker before `this` dies.
        QMetaObject::invokeMethod(
            progress_, [this, done] { progress_->setValue(static_cast<int>(done)); },
            Qt::QueuedConnection);
        return !cancelled->load();
      });
      return {std::move(grid), {}};
    } catch (const std::exception&) {
      return {std::nullopt, errorText(std::current_exception())};
    }
  }));
}

void CkaView::onDone() {
  if (restartWhenDone_) {
    restartWhenDone_ = false;
    start();
    return;
  }
  const Outcome outcome = watcher_.result();
  run_->setEnabled(true);
  stop_->setEnabled(false);
  if (!outcome.grid) {
    status_->setText(QString::fromStdString(outcome.error));
    Q_EMIT message(QString::fromStdString(outcome.error));
  } else if (outcome.grid->cancelled) {
    status_->setText(tr("cancelled after %1 images").arg(outcome.grid->samples));
    Q_EMIT message(tr("CKA cancelled"));
  } else {
    plot_->setGrid(*outcome.grid);
    status_->setText(tr("%1 x %2 layers over %3 images")
                         .arg(outcome.grid->rows.size())
                         .arg(outcome.grid->cols.size())
                         .arg(outcome.grid->samples));
  }
  Q_EMIT finished();
}

}  // namespace ghostlens::ui
