#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens::ui {

/// Params and MACs of a vanilla/ghost pair, as core counts them.
struct ComplexityComparison {
  ModelSpec vanilla;
  ModelSpec ghost;
  ComplexityReport vanillaReport;
  ComplexityReport ghostReport;
  std::vector<LayerTotal> vanillaLayers;
  std::vector<LayerTotal> ghostLayers;
};

/// Counts a model pair off the GUI thread. Requests made while one runs are coalesced: only the
/// newest is computed next, and a result that is already stale is dropped.
class ComplexityJob : public QObject {
  Q_OBJECT
 public:
  explicit ComplexityJob(QObject* parent = nullptr);
  /// Waits for a running count: nothing outlives the window that owns the job.
  ~ComplexityJob() override;

  /// Counts two models (usually a vanilla one and its ghost form).
  void start(const ModelSpec& vanilla, const ModelSpec& ghost);
  bool isRunning() const;

 Q_SIGNALS:
  void finished(const ghostlens::ui::ComplexityComparison& result);
  void failed(const QString& message);

 private:
  struct Outcome {
    std::optional<ComplexityComparison> result;
    std::string error;
  };
  void launch(const ModelSpec& vanilla, const ModelSpec& ghost);
  void onDone();

  QFutureWatcher<Outcome> watcher_;
  std::optional<std::pair<ModelSpec, ModelSpec>> pending_;
};

}  // namespace ghostlens::ui
