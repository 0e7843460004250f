#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

#include "ghostlens/analysis/metric.h"
#include "ghostlens/session/input_source.h"
#include "ghostlens/session/model_source.h"

namespace ghostlens::ui {

struct ExplorerData;
struct ExplorerCache;

/// Loads the models (kept between runs) and analyses their layers on one input, off the GUI
/// thread. The layer asked for comes first: its models run only as far as that layer, and
/// `ready` brings it while the other layers are analysed; `finished` brings them all, with the
/// predictions. A request made while one runs cancels it and runs next; only the newest result
/// is delivered.
class ExplorerJob : public QObject {
  Q_OBJECT
 public:
  explicit ExplorerJob(QObject* parent = nullptr);
  /// Cancels and waits: no worker outlives the window that owns the job.
  ~ExplorerJob() override;

  /// @param layer analysed first when the models have it (empty: all at once)
  void start(const PairSource& pair, const InputSource& input, Metric metric, const QString& layer);
  /// Stops the running analysis between layers; cancelled() follows.
  void cancel();
  bool isRunning() const;

 Q_SIGNALS:
  /// Layers analysed so far, over both models (emitted from the worker, delivered queued).
  void progress(int done, int total);
  /// The layer asked for, alone (ExplorerData::complete is false).
  void ready(std::shared_ptr<const ghostlens::ui::ExplorerData> data);
  void finished(std::shared_ptr<const ghostlens::ui::ExplorerData> data);
  void failed(const QString& message);
  void cancelled();

 private:
  struct Request {
    PairSource pair;
    InputSource input;
    Metric metric;
    QString layer;
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
  std::shared_ptr<std::atomic<int>> generation_;
};

}  // namespace ghostlens::ui
