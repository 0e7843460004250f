#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

#include "ghostlens/ui/explorer_request.h"

namespace ghostlens::ui {

struct ExplorerData;
struct ExplorerCache;

/// Loads the model pair (kept between runs) and analyses every layer of both models on one
/// input, off the GUI thread. A request made while one runs cancels it and runs next; only the
/// newest result is delivered.
class ExplorerJob : public QObject {
  Q_OBJECT
 public:
  explicit ExplorerJob(QObject* parent = nullptr);
  /// Cancels and waits: no worker outlives the window that owns the job.
  ~ExplorerJob() override;

  /// @param metric a core metric name ("cosine", "pearson", "ssim", "cheapfit", "mse")
  void start(const PairSource& pair, const InputSource& input, const QString& metric);
  /// Stops the running analysis between layers; cancelled() follows.
  void cancel();
  bool isRunning() const;

 Q_SIGNALS:
  /// Layers analysed so far, over both models (emitted from the worker, delivered queued).
  void progress(int done, int total);
  void finished(std::shared_ptr<const ghostlens::ui::ExplorerData> data);
  void failed(const QString& message);
  void cancelled();

 private:
  struct Request {
    PairSource pair;
    InputSource input;
    QString metric;
  };
  struct Outcome {
    std::shared_ptr<const ExplorerData> data;
    QString error;
    bool cancelled = false;
  };
  void launch(const Request& request);
  void onDone();

  QFutureWatcher<Outcome> watcher_;
  std::optional<Request> pending_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::shared_ptr<ExplorerCache> cache_;
};

}  // namespace ghostlens::ui
