#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ghostlens/counting/complexity.h"

namespace ghostlens {

/// The paper's ratio for one Ghost module (Han et al. 2020, eqs. 4 and 5): an ordinary conv
/// costs c*k*k per output value, its ghost form c*k*k/s + (s-1)/s*d*d, so
///   r = c*k*k / (c*k*k/s + (s-1)*d*d/s),
/// the same expression for the speed-up (MACs) and the compression (params).
/// @param cKernel c*k*k of the ordinary conv (input channels times kernel area)
/// @param primaryKernel the primary conv's c*k*k when it differs from the conv it replaces (a
///        depthwise conv, 1*k*k, becomes an ordinary c*k*k primary conv); 0: the same as cKernel
double paperGhostRatio(double cKernel, int64_t s, int64_t d, double primaryKernel = 0);

/// Params and MACs of a ghost model, derived from its vanilla (s = 1) model's count, and what the
/// paper's formula predicts for it.
struct GhostCost {
  int64_t ratio = 1, dw = 3;
  int64_t params = 0, macs = 0;  ///< exact: what countComplexity() gives for the ghost model
  double paperParams = 0;        ///< vanilla params with each Ghost conv divided by eq. (5)
  double paperMacs = 0;          ///< vanilla MACs with each Ghost conv divided by eq. (4)
  double speedup = 1;            ///< vanilla MACs / macs
  double compression = 1;        ///< vanilla params / params
  double paperSpeedup = 1;       ///< vanilla MACs / paperMacs
  double paperCompression = 1;   ///< vanilla params / paperParams
};

/// The cost of the ghost form (s, d) of the model whose vanilla count is `vanilla`, without
/// building or running it: every Ghost site of the vanilla model (LayerCost::site)
/// gets ceil(n/s) intrinsic maps from its conv and n' = ceil(n/s)*(s-1) ghosts from a depthwise
/// d x d conv, each with its BN; nothing else changes. Equal to countComplexity() of the ghost
/// spec (tested for every architecture). Throws InputError for s < 1 or an even or
/// non-positive d, or a vanilla report that has a cheap operation (not vanilla).
GhostCost ghostCostFromVanilla(const ComplexityReport& vanilla, int64_t s, int64_t d);

/// Params and MACs of a per-layer plan.
struct PlanCost {
  int64_t params = 0, macs = 0;
};

/// The cost of a per-layer plan, derived from the vanilla count like ghostCostFromVanilla():
/// each Ghost site whose layer (LayerCost::layer) the plan names gets that layer's s and d,
/// the others stay vanilla. Equal to countComplexity() of the plan's spec (tested). Throws
/// InputError for a plan entry that is not a ghostable conv of the count, or a bad s or d.
PlanCost planCostFromVanilla(const ComplexityReport& vanilla,
                             const std::map<std::string, LayerGhosting>& plan);

/// The analytic view's curves: the s sweep at d = `dForRatios` and the d sweep at s =
/// `sForKernels`, each point from ghostCostFromVanilla().
struct TradeoffCurves {
  std::vector<GhostCost> ratioSweep;
  std::vector<GhostCost> kernelSweep;
  int64_t vanillaParams = 0, vanillaMacs = 0;
};
TradeoffCurves tradeoffCurves(const ComplexityReport& vanilla, const std::vector<int64_t>& ratios,
                              int64_t dForRatios, const std::vector<int64_t>& dws,
                              int64_t sForKernels);

}  // namespace ghostlens
