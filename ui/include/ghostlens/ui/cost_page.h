#pragma once

#include "ghostlens/counting/complexity.h"
#include "ghostlens/profiling/pair_profile.h"
#include "ghostlens/ui/background_task.h"
#include "ghostlens/ui/page.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace ghostlens::ui {

class ComplexityPlot;
class CostProfilePlot;

/// The cost of the two models (a single model against its other form: ghost s = 2 for a
/// vanilla one, vanilla for a ghost one): per-layer MACs, counted at once, and per-layer
/// measured time, bytes moved and peak activation memory, measured by core's profiler when the
/// page is in front (plain or deploy mode), with this machine's roofline. All off the GUI thread.
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
  void activated() override;
  void setOthersBusy(bool busy) override;
  void cancelWork() override;
  void restoreSettings(const QSettings& settings) override;
  void saveSettings(QSettings& settings) const override;

  ComplexityPlot* plot() const { return plot_; }
  CostProfilePlot* profilePlot() const { return profilePlot_; }
  QTableWidget* layerTable() const { return table_; }
  QCheckBox* deployBox() const { return deploy_; }
  QLabel* summary() const { return summary_; }
  bool isBusy() const { return task_->isBusy() || profileTask_->isBusy(); }
  /// Measures the shown pair now (the page does so by itself when it comes to the front).
  void measure();

 Q_SIGNALS:
  /// A count is drawn.
  void counted();
  /// A measurement is drawn.
  void measured();

 private:
  void count(const ModelSpec& left, const ModelSpec& right);
  void show(const PairCost& cost);
  void showProfile(const PairProfile& profile);

  ComplexityPlot* plot_;
  CostProfilePlot* profilePlot_;
  QTableWidget* table_;
  QCheckBox* deploy_;
  QPushButton* measureButton_;
  QLabel* summary_;
  BackgroundTask<PairCost>* task_;
  BackgroundTask<PairProfile>* profileTask_;
  ModelSpec specs_[2];
  bool counted_ = false;
  bool measuredCurrent_ = false;  ///< the shown measurement is of specs_ in the current mode
  bool othersBusy_ = false;
  bool measureWaiting_ = false;  ///< measure() was asked for while other pages worked
};

}  // namespace ghostlens::ui
