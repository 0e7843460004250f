#pragma once

#include "ghostlens/counting/complexity.h"
#include "ghostlens/ui/background_task.h"
#include "ghostlens/ui/page.h"

namespace ghostlens::ui {

class ComplexityPlot;

/// Per-layer MACs of the two models (a single model against its other form: ghost s = 2 for a
/// vanilla one, vanilla for a ghost one), counted by core off the GUI thread.
class CostPage : public Page {
  Q_OBJECT
 public:
  explicit CostPage(QWidget* parent = nullptr);

  QString key() const override { return QStringLiteral("cost"); }
  QString title() const override;
  /// Untrained models are counted at once; weights files once the explorer has loaded them
  /// (setLoadedModels).
  bool usesModels() const override { return true; }
  void setModels(const PairSource& models) override;
  /// The specs of loaded models (`paired` false: one model, `right` equal to `left`).
  void setLoadedModels(const ModelSpec& left, const ModelSpec& right, bool paired);
  ComplexityPlot* plot() const { return plot_; }
  bool isBusy() const { return task_->isBusy(); }

 Q_SIGNALS:
  /// A count is drawn.
  void counted();

 private:
  void count(const ModelSpec& left, const ModelSpec& right);
  void show(const PairCost& cost);

  ComplexityPlot* plot_;
  BackgroundTask<PairCost>* task_;
};

}  // namespace ghostlens::ui
