// BackgroundTask, the one way the GUI runs work off its thread: results, progress and errors
// arrive on the GUI thread; a new request cancels the running one and only the newest waiting
// request runs; cancel() stops work; an owner that goes away mid-run waits for it.
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "ghostlens/ui/background_task.h"

using ghostlens::ui::BackgroundTask;
using ghostlens::ui::TaskProgress;

namespace {
constexpr int kTimeout = 10000;

/// Work that checks for cancellation every millisecond until `stop` is set (or 5 s pass).
BackgroundTask<int>::Work waitingWork(int value, std::atomic<bool>& stop,
                                      std::atomic<int>& started) {
  return [value, &stop, &started](const TaskProgress& progress) {
    ++started;
    for (int i = 0; i < 5000 && !stop.load() && !progress.cancelled(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return value;
  };
}
}  // namespace

class BackgroundTaskTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void resultAndProgressArriveOnTheGuiThread();
  void aRunThatThrowsReportsOneLine();
  void cancelStopsTheRunAndDeliversNoResult();
  void workThatThrowsBecauseItWasCancelledIsACancelNotAnError();
  void restartWhileRunningRunsOnlyTheNewest();
  void withoutReplaceTheNextRunWaitsForTheRunningOne();
  void anOwnerThatGoesAwayMidRunWaitsAndCallsNothing();
};

void BackgroundTaskTest::resultAndProgressArriveOnTheGuiThread() {
  BackgroundTask<int> task;
  std::vector<int> results;
  QThread* resultThread = nullptr;
  task.onFinished([&](int r) {
    results.push_back(r);
    resultThread = QThread::currentThread();
  });
  std::vector<qint64> reported;
  QThread* progressThread = nullptr;
  connect(&task, &BackgroundTask<int>::progress, this, [&](qint64 done, qint64) {
    reported.push_back(done);
    progressThread = QThread::currentThread();
  });
  QSignalSpy busy(&task, &BackgroundTask<int>::busyChanged);
  QThread* workThread = nullptr;
  task.run([&workThread](const TaskProgress& progress) {
    workThread = QThread::currentThread();
    for (std::size_t i = 1; i <= 3; ++i) progress.report(i, 3);
    return 42;
  });
  QVERIFY(task.isBusy());
  QTRY_VERIFY_WITH_TIMEOUT(!task.isBusy() && results.size() == 1, kTimeout);
  QCOMPARE(results.front(), 42);
  QVERIFY(workThread != QThread::currentThread());
  QCOMPARE(resultThread, QThread::currentThread());
  QTRY_COMPARE_WITH_TIMEOUT(reported.size(), std::size_t(3), kTimeout);
  QCOMPARE(reported, (std::vector<qint64>{1, 2, 3}));
  QCOMPARE(progressThread, QThread::currentThread());
  QCOMPARE(busy.count(), 2);  // busy, then idle
}

void BackgroundTaskTest::aRunThatThrowsReportsOneLine() {
  BackgroundTask<int> task;
  bool gotResult = false;
  task.onFinished([&](int) { gotResult = true; });
  QSignalSpy failed(&task, &BackgroundTask<int>::failed);
  task.run([](const TaskProgress&) -> int { throw std::invalid_argument("bad input here"); });
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeout);
  QCOMPARE(failed.front().front().toString(), QString("bad input here"));
  QVERIFY(!gotResult);
  QVERIFY(!task.isBusy());
}

void BackgroundTaskTest::cancelStopsTheRunAndDeliversNoResult() {
  BackgroundTask<int> task;
  bool gotResult = false;
  task.onFinished([&](int) { gotResult = true; });
  QSignalSpy cancelled(&task, &BackgroundTask<int>::cancelled);
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  task.run(waitingWork(1, stop, started));
  QTRY_COMPARE_WITH_TIMEOUT(started.load(), 1, kTimeout);
  task.cancel();
  QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kTimeout);  // long before the 5 s are up
  QVERIFY(!gotResult);
  QVERIFY(!task.isBusy());
}

void BackgroundTaskTest::workThatThrowsBecauseItWasCancelledIsACancelNotAnError() {
  BackgroundTask<int> task;
  QSignalSpy failed(&task, &BackgroundTask<int>::failed);
  QSignalSpy cancelled(&task, &BackgroundTask<int>::cancelled);
  std::atomic<int> started{0};
  task.run([&started](const TaskProgress& progress) -> int {
    ++started;
    while (!progress.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    throw std::runtime_error("stopped");  // as core's loops do when their callback says stop
  });
  QTRY_COMPARE_WITH_TIMEOUT(started.load(), 1, kTimeout);
  task.cancel();
  QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kTimeout);
  QCOMPARE(failed.count(), 0);
}

void BackgroundTaskTest::restartWhileRunningRunsOnlyTheNewest() {
  BackgroundTask<int> task;
  std::vector<int> results;
  task.onFinished([&](int r) { results.push_back(r); });
  QSignalSpy cancelled(&task, &BackgroundTask<int>::cancelled);
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  task.run(waitingWork(1, stop, started));
  QTRY_COMPARE_WITH_TIMEOUT(started.load(), 1, kTimeout);
  // Three requests while the first runs: the first is cancelled, the second and third are
  // replaced by the fourth before they start.
  task.run(waitingWork(2, stop, started));
  task.run(waitingWork(3, stop, started));
  task.run([](const TaskProgress&) { return 4; });
  QVERIFY(task.isBusy());
  QTRY_VERIFY_WITH_TIMEOUT(!task.isBusy(), kTimeout);
  QCOMPARE(results, std::vector<int>{4});
  QCOMPARE(started.load(), 1);     // 2 and 3 never ran
  QCOMPARE(cancelled.count(), 0);  // a replaced run is not reported as cancelled
}

void BackgroundTaskTest::withoutReplaceTheNextRunWaitsForTheRunningOne() {
  BackgroundTask<int> task;
  std::vector<int> results;
  task.onFinished([&](int r) { results.push_back(r); });
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  task.run(waitingWork(1, stop, started));
  QTRY_COMPARE_WITH_TIMEOUT(started.load(), 1, kTimeout);
  task.run([](const TaskProgress&) { return 2; }, /*replace=*/false);
  stop = true;  // the first finishes normally
  QTRY_VERIFY_WITH_TIMEOUT(!task.isBusy(), kTimeout);
  // Both results arrive, the waiting request's after the running one's.
  QCOMPARE(results, (std::vector<int>{1, 2}));
}

void BackgroundTaskTest::anOwnerThatGoesAwayMidRunWaitsAndCallsNothing() {
  std::atomic<bool> posted{false};
  std::atomic<bool> sawCancel{false};
  bool called = false;
  {
    auto* owner = new QObject;
    auto* task = new BackgroundTask<int>(owner);
    task->onFinished([&](int) { called = true; });
    task->run([&](const TaskProgress& progress) {
      // Queued for the GUI thread while the owner is alive; it must not run after the owner
      // has gone.
      progress.post([&] { called = true; });
      posted = true;
      while (!progress.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      sawCancel = true;
      progress.report(1, 1);  // to an owner on its way out: dropped
      return 1;
    });
    // Wait without running the event loop, so that the posted call is still queued.
    for (int i = 0; i < kTimeout && !posted.load(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    QVERIFY(posted.load());
    delete owner;  // the task's destructor cancels and waits for the run
  }
  QVERIFY(sawCancel.load());
  QTest::qWait(50);  // any queued delivery would run now
  QVERIFY(!called);
}

QTEST_MAIN(BackgroundTaskTest)
#include "background_task_test.moc"
