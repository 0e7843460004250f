#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "ghostlens/analysis/metric.h"
#include "ghostlens/session/input_source.h"
#include "ghostlens/session/model_source.h"
#include "ghostlens/ui/background_task.h"

namespace ghostlens {
class ExplorerSession;
struct ExplorerView;
}  // namespace ghostlens

namespace ghostlens::ui {

/// The explorer's models and analyses off the GUI thread (core's ExplorerSession on a
/// BackgroundTask): the layer asked for comes first through `ready`, every layer with the
/// predictions through `finished`. A request made while one runs cancels it and runs next.
class ExplorerJob : public QObject {
  Q_OBJECT
 public:
  explicit ExplorerJob(QObject* parent = nullptr);
  ~ExplorerJob() override;

  /// @param layer analysed first when the models have it (empty: all at once); its pairs at
  /// `threshold` are found on the worker too
  void start(const PairSource& pair, const InputSource& input, Metric metric, double threshold,
             const QString& layer);
  void cancel();
  bool isRunning() const;

 Q_SIGNALS:
  /// Layers analysed so far, over both models.
  void progress(int done, int total);
  /// The layer asked for, alone (ExplorerView::complete is false).
  void ready(std::shared_ptr<const ghostlens::ExplorerView> view);
  void finished(std::shared_ptr<const ghostlens::ExplorerView> view);
  void failed(const QString& message);
  void cancelled();

 private:
  std::shared_ptr<ExplorerSession> session_;
  BackgroundTask<std::shared_ptr<const ExplorerView>>* task_;
};

}  // namespace ghostlens::ui
