#pragma once

#include <QElapsedTimer>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/ui/background_task.h"
#include "ghostlens/ui/page.h"
#include "ghostlens/ui/views/tradeoff_plot.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace ghostlens::ui {

/// The analytic trade-off view: for a zoo model and width, params and MACs as functions of s
/// (1 to 8, d = 3) and d (1 to 9, s = 2), with the counted speed-up and compression beside the
/// paper's. The vanilla model is counted once per model and width, off the GUI thread; every
/// ghost point is derived from that count by core (ghostCostFromVanilla), so a change redraws at
/// once when the count is cached. Counting means building the model (ResNet-50's 25M weights
/// take a few hundred ms to allocate here), so after each change the view counts, in the
/// background, the choices one step away: every other model at this width and this model one
/// width step up and down. A change made with the model list or the width arrows is then drawn
/// from the cache; a typed width not counted yet waits for its one count.
class AnalyticView : public Page {
  Q_OBJECT
 public:
  explicit AnalyticView(QWidget* parent = nullptr);

  QString key() const override { return QStringLiteral("analytic"); }
  QString title() const override;

  /// Shows `arch` at `width` (the architecture's default input and classes).
  void setModel(Architecture arch, double width);
  ModelSpec vanillaSpec() const;
  /// A change the user made is still being counted.
  bool isBusy() const;
  /// Background counts of the neighbouring choices are still running or queued.
  bool isPrefetching() const;
  const std::vector<TradeoffPlot*>& plots() const { return plots_; }

  static const std::vector<int64_t>& ratios();
  static const std::vector<int64_t>& kernels();

 Q_SIGNALS:
  /// The plots show vanillaSpec(), `milliseconds` after the change that asked for it.
  void updated(double milliseconds);

 private:
  struct Counted {
    ModelSpec spec;
    TradeoffCurves curves;
  };
  using Key = std::pair<Architecture, double>;
  static Key keyOf(const ModelSpec& spec);
  static BackgroundTask<Counted>::Work count(const ModelSpec& spec);
  void request();
  void launch(const ModelSpec& spec);
  void onCounted(const Counted& counted);
  void onPrefetched(const Counted& counted);
  void queueNeighbours(const ModelSpec& spec);
  void prefetchNext();
  void display(const ModelSpec& spec, const TradeoffCurves& curves);

  QComboBox* architecture_;
  QDoubleSpinBox* width_;
  QLabel* summary_;
  std::vector<TradeoffPlot*> plots_;
  BackgroundTask<Counted>* counter_;      // the choice the user made
  BackgroundTask<Counted>* prefetcher_;   // the choices one step away
  std::vector<ModelSpec> prefetchQueue_;  // next first at the back
  std::optional<Key> prefetching_;
  bool awaitingPrefetch_ = false;  // the current choice is the one being prefetched
  std::map<Key, TradeoffCurves> cache_;
  QElapsedTimer sinceChange_;
};

}  // namespace ghostlens::ui
