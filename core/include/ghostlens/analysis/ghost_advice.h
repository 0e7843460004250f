#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/analysis/analysis_types.h"
#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/models/ghost_plan.h"

namespace ghostlens {

// What the ghost advisor (ghost_advisor.h) finds; free of Torch, so that the GUI can hold it.

/// The greedy choice of intrinsic maps of one layer and what it explains.
struct IntrinsicCurve {
  std::vector<int64_t> order;  ///< maps in the order chosen
  /// meanR2[k - 1]: mean over the live maps of each map's best R^2 from the first k chosen maps
  /// (a chosen map explains itself, R^2 = 1). Non-decreasing.
  std::vector<double> meanR2;
};

struct AdviceOptions {
  std::vector<int64_t> dws{1, 3, 5};  ///< the cheap kernels d to choose from (odd)
  double target = 0.9;                ///< mean R^2 each layer must keep
  /// A MACs budget for the whole model: layers are ghosted, one step at a time where the
  /// resulting R^2 is highest, until the model fits; `target` is then not used.
  std::optional<int64_t> budgetMacs;
  /// Instead of budgetMacs: the MACs of the model at this s for every layer (d = 3).
  std::optional<int64_t> budgetRatio;
};

/// The advice for one ghostable conv layer.
struct LayerAdvice {
  std::string name;
  int64_t channels = 0, height = 0, width = 0;
  bool tooSmall = false;               ///< maps under kMinComparablePixels: left at s = 1
  std::vector<int64_t> dead;           ///< maps constant over the whole batch
  std::vector<int64_t> dws;            ///< the candidates, as curves are indexed
  std::vector<IntrinsicCurve> curves;  ///< per candidate d (empty when tooSmall)
  int64_t k = 0;                       ///< intrinsic maps the target needs (best d); C when never
  int64_t ratio = 1, dw = 3;           ///< the plan's s and d for this layer
  std::optional<double> r2;            ///< the plan's mean R^2 at ceil(C / s) intrinsic maps
  int64_t macsSaved = 0, paramsSaved = 0;  ///< by the plan's s and d against the vanilla layer
};

struct Advice {
  std::vector<LayerAdvice> layers;  ///< in execution order
  std::vector<GhostCost> uniform;   ///< the model at one s for every layer (2 to 5, d = 3)
  GhostPlan plan;                   ///< every layer, tiny ones at s = 1; macs/params counted
  int64_t vanillaMacs = 0, vanillaParams = 0;
  int64_t images = 0;
  bool cancelled = false;
};

/// Called after each layer with (layers done, layers in all); false cancels (the advice then
/// holds the layers done, and no plan).
using AdviceProgress = std::function<bool(std::size_t done, std::size_t total)>;

}  // namespace ghostlens
