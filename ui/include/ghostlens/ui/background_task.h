#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

namespace ghostlens::ui {

/// What a background run's work function gets: its cancel token, a progress sink and a way to
/// hand partial results to the GUI thread. Cheap to copy; safe to use from the worker thread.
class TaskProgress {
 public:
  TaskProgress() = default;
  /// Whether the run has been cancelled (a newer request, cancel(), or the owner going away).
  bool cancelled() const { return state_ && state_->cancelled.load(); }
  /// Reports progress, delivered on the GUI thread as the task's progress() signal.
  /// @return !cancelled(), so that it can serve as core's progress callbacks directly
  bool report(std::size_t done, std::size_t total) const;
  /// Runs `handler` on the GUI thread, unless the run has been cancelled or replaced by then.
  void post(std::function<void()> handler) const;

 private:
  friend class BackgroundTaskBase;
  struct State {
    std::atomic<bool> cancelled{false};
    class BackgroundTaskBase* owner = nullptr;
    int generation = 0;
  };
  std::shared_ptr<State> state_;
};

/// The part of BackgroundTask that has signals (moc does not take templates).
class BackgroundTaskBase : public QObject {
  Q_OBJECT
 public:
  explicit BackgroundTaskBase(QObject* parent = nullptr);
  ~BackgroundTaskBase() override;

  /// A run is under way or waiting for the running one to stop.
  bool isBusy() const { return busy_; }
  /// Cancels the running run (it stops at its next check) and drops a waiting one.
  virtual void cancel() { cancelRunning(); }

 Q_SIGNALS:
  /// From the running run, on the GUI thread.
  void progress(qint64 done, qint64 total);
  /// The run threw: the exception's one-line message (errorText).
  void failed(const QString& message);
  /// The run stopped because it was cancelled, and no other is waiting.
  void cancelled();
  void busyChanged(bool busy);

 protected:
  /// A fresh token for a new run; the previous one is cancelled.
  TaskProgress beginRun();
  /// Cancels the running run: it stops at its next check.
  void cancelRunning();
  void setBusy(bool busy);
  bool current(int generation) const { return generation == generation_; }

 private:
  friend class TaskProgress;
  void deliver(int generation, std::function<void()> handler);

  TaskProgress running_;
  int generation_ = 0;
  bool busy_ = false;
};

/// One way to run work off the GUI thread, for every view and dialog: run() starts `work` on
/// Qt's thread pool; a run() while one is under way cancels it (the work sees
/// TaskProgress::cancelled()) and starts the new one when it has stopped, and of several such
/// requests only the newest runs (run(work, false) lets the running one finish instead). The
/// result comes back on the GUI thread through the handler given to onFinished(); an exception
/// through failed(); a cancelled run through cancelled().
/// The destructor cancels and waits, so no work outlives its owner.
template <typename Result>
class BackgroundTask : public BackgroundTaskBase {
 public:
  using Work = std::function<Result(const TaskProgress&)>;

  explicit BackgroundTask(QObject* parent = nullptr) : BackgroundTaskBase(parent) {
    QObject::connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] { onDone(); });
  }
  ~BackgroundTask() override {
    cancel();
    watcher_.waitForFinished();
  }

  /// The handler of each finished run's result, called on the GUI thread.
  void onFinished(std::function<void(Result)> handler) { onFinished_ = std::move(handler); }

  void cancel() override {
    next_.reset();
    cancelRunning();
  }

  /// Runs `work`. With `replace` (the default) a running run is cancelled first and its result
  /// dropped; without it, `work` waits until the running run has finished, whose result is
  /// delivered too.
  void run(Work work, bool replace = true) {
    // Busy until onDone() has run: a run whose work has returned but whose result is not yet
    // delivered is still under way (a new setFuture() would drop its finished event).
    if (isBusy()) {
      next_ = std::move(work);
      if (replace) cancelRunning();
      setBusy(true);
      return;
    }
    launch(std::move(work));
  }

 private:
  struct Outcome {
    std::optional<Result> result;
    QString error;
    bool cancelled = false;
  };

  void launch(Work work) {
    const TaskProgress progress = beginRun();
    setBusy(true);
    watcher_.setFuture(QtConcurrent::run([work = std::move(work), progress]() -> Outcome {
      Outcome outcome;
      try {
        Result result = work(progress);
        if (progress.cancelled()) {
          outcome.cancelled = true;
        } else {
          outcome.result = std::move(result);
        }
      } catch (const std::exception&) {
        // Work stopped by a cancel may throw on its way out: that is a cancel, not an error.
        if (progress.cancelled()) {
          outcome.cancelled = true;
        } else {
          outcome.error = errorMessage(std::current_exception());
        }
      }
      return outcome;
    }));
  }

  void onDone() {
    Outcome outcome = watcher_.result();
    if (next_) {
      // A run that finished normally before a waiting one (run(..., false)) still counts.
      if (outcome.result && onFinished_) onFinished_(std::move(*outcome.result));
      Work work = std::move(*next_);
      next_.reset();
      launch(std::move(work));
      return;
    }
    setBusy(false);
    if (outcome.result) {
      if (onFinished_) onFinished_(std::move(*outcome.result));
    } else if (!outcome.error.isEmpty()) {
      Q_EMIT failed(outcome.error);
    } else {
      Q_EMIT cancelled();
    }
  }

  static QString errorMessage(const std::exception_ptr& error);

  QFutureWatcher<Outcome> watcher_;
  std::optional<Work> next_;
  std::function<void(Result)> onFinished_;
};

/// errorText() as a QString, for BackgroundTask (which must not include core's headers twice).
QString backgroundErrorText(const std::exception_ptr& error);

template <typename Result>
QString BackgroundTask<Result>::errorMessage(const std::exception_ptr& error) {
  return backgroundErrorText(error);
}

}  // namespace ghostlens::ui
