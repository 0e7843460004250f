#include "ghostlens/ui/explorer_job.h"

#include "ghostlens/session/explorer_session.h"

namespace ghostlens::ui {

ExplorerJob::ExplorerJob(QObject* parent)
    : QObject(parent),
      session_(std::make_shared<ExplorerSession>()),
      task_(new BackgroundTask<std::shared_ptr<const ExplorerView>>(this)) {
  task_->onFinished(
      [this](std::shared_ptr<const ExplorerView> view) { Q_EMIT finished(std::move(view)); });
  connect(task_, &BackgroundTaskBase::progress, this,
          [this](qint64 done, qint64 total) { Q_EMIT progress(int(done), int(total)); });
  connect(task_, &BackgroundTaskBase::failed, this, &ExplorerJob::failed);
  connect(task_, &BackgroundTaskBase::cancelled, this, &ExplorerJob::cancelled);
}

// The task (a child) cancels and waits in its destructor, before the session goes.
ExplorerJob::~ExplorerJob() { delete task_; }

void ExplorerJob::start(const PairSource& pair, const InputSource& input, Metric metric,
                        double threshold, const QString& layer) {
  auto session = session_;
  task_->run([=](const TaskProgress& progress) -> std::shared_ptr<const ExplorerView> {
    auto view = std::make_shared<ExplorerView>(session->analyze(
        pair, input, metric, threshold, layer.toStdString(),
        [&](const ExplorerView& first) {
          auto partial = std::make_shared<const ExplorerView>(first);
          progress.post([this, partial] { Q_EMIT ready(partial); });
        },
        [&](std::size_t done, std::size_t total) { return progress.report(done, total); }));
    return view;
  });
}

void ExplorerJob::cancel() { task_->cancel(); }

bool ExplorerJob::isRunning() const { return task_->isBusy(); }

}  // namespace ghostlens::ui
