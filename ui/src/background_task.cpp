#include "ghostlens/ui/background_task.h"

#include <QMetaObject>

#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

bool TaskProgress::report(std::size_t done, std::size_t total) const {
  if (!state_) return true;
  BackgroundTaskBase* owner = state_->owner;
  const auto d = static_cast<qint64>(done), t = static_cast<qint64>(total);
  post([owner, d, t] { Q_EMIT owner->progress(d, t); });
  return !cancelled();
}

void TaskProgress::post(std::function<void()> handler) const {
  if (!state_ || cancelled()) return;
  // The owner waits for its run before it dies, so it is alive here; a queued call to an object
  // deleted before the call is delivered is dropped by Qt.
  BackgroundTaskBase* owner = state_->owner;
  const int generation = state_->generation;
  QMetaObject::invokeMethod(
      owner,
      [owner, generation, handler = std::move(handler)] { owner->deliver(generation, handler); },
      Qt::QueuedConnection);
}

BackgroundTaskBase::BackgroundTaskBase(QObject* parent) : QObject(parent) {}

BackgroundTaskBase::~BackgroundTaskBase() = default;

TaskProgress BackgroundTaskBase::beginRun() {
  cancelRunning();
  TaskProgress progress;
  progress.state_ = std::make_shared<TaskProgress::State>();
  progress.state_->owner = this;
  progress.state_->generation = ++generation_;
  running_ = progress;
  return progress;
}

void BackgroundTaskBase::cancelRunning() {
  if (running_.state_) running_.state_->cancelled.store(true);
}

void BackgroundTaskBase::setBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  Q_EMIT busyChanged(busy);
}

void BackgroundTaskBase::deliver(int generation, std::function<void()> handler) {
  if (current(generation) && !running_.cancelled()) handler();
}

QString backgroundErrorText(const std::exception_ptr& error) {
  return QString::fromStdString(errorText(error));
}

}  // namespace ghostlens::ui
