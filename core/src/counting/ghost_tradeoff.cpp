#include "ghostlens/counting/ghost_tradeoff.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

double paperGhostRatio(double cKernel, int64_t s, int64_t d, double primaryKernel) {
  if (primaryKernel <= 0) primaryKernel = cKernel;
  const double sd = static_cast<double>(s);
  return cKernel / (primaryKernel / sd + (sd - 1) * static_cast<double>(d * d) / sd);
}

namespace {

void checkGhosting(int64_t s, int64_t d) {
  if (s < 1) throw InputError("s must be at least 1, got " + std::to_string(s));
  if (d < 1 || d % 2 == 0) {
    throw InputError("d must be odd and positive, got " + std::to_string(d));
  }
}

/// What ghosting one row of a vanilla count at (s, d) adds to the params and MACs (negative:
/// saves), and the paper formula's estimate of the same.
struct RowDelta {
  int64_t params = 0, macs = 0;
  double paperParams = 0, paperMacs = 0;
};

RowDelta ghostRowDelta(const LayerCost& row, int64_t s, int64_t d) {
  if (row.site == GhostSite::Cheap) {
    throw InputError("the cost of a ghost form needs a vanilla (s = 1) count; " + row.name +
                     " is a cheap operation");
  }
  RowDelta delta;
  if (s == 1 || row.site == GhostSite::None) return delta;
  const int64_t n = row.output.at(0);
  const int64_t area = row.output.at(1) * row.output.at(2);
  const int64_t intrinsic = (n + s - 1) / s;
  const int64_t ghosts = intrinsic * (s - 1);
  if (row.site == GhostSite::Conv) {  // n*(c/groups)*k*k params
    const int64_t cKernel = row.params / n;
    // A Ghost module's primary conv is never grouped: ghosting a depthwise conv (groups = c)
    // makes it an ordinary conv of c*k*k per output, the review's third drawback.
    const int64_t primaryKernel = cKernel * row.groups;
    delta.params = intrinsic * primaryKernel - n * cKernel + ghosts * d * d;
    delta.macs = (intrinsic * primaryKernel - n * cKernel) * area + ghosts * area * d * d;
    const double r =
        paperGhostRatio(static_cast<double>(cKernel), s, d, static_cast<double>(primaryKernel));
    delta.paperParams = static_cast<double>(row.params) * (1 / r - 1);
    delta.paperMacs = static_cast<double>(row.macs) * (1 / r - 1);
  } else {  // the primary BN, and the cheap op's BN
    delta.params = 2 * (intrinsic - n) + 2 * ghosts;
  }
  return delta;
}

}  // namespace

GhostCost ghostCostFromVanilla(const ComplexityReport& vanilla, int64_t s, int64_t d) {
  checkGhosting(s, d);
  GhostCost cost;
  cost.ratio = s;
  cost.dw = d;
  int64_t params = vanilla.params, macs = vanilla.macs;
  double paperParams = static_cast<double>(vanilla.params);
  double paperMacs = static_cast<double>(vanilla.macs);
  for (const LayerCost& row : vanilla.layers) {
    const RowDelta delta = ghostRowDelta(row, s, d);
    params += delta.params;
    macs += delta.macs;
    paperParams += delta.paperParams;
    paperMacs += delta.paperMacs;
  }
  cost.params = params;
  cost.macs = macs;
  cost.paperParams = paperParams;
  cost.paperMacs = paperMacs;
  cost.speedup = static_cast<double>(vanilla.macs) / static_cast<double>(macs);
  cost.compression = static_cast<double>(vanilla.params) / static_cast<double>(params);
  cost.paperSpeedup = static_cast<double>(vanilla.macs) / paperMacs;
  cost.paperCompression = static_cast<double>(vanilla.params) / paperParams;
  return cost;
}

PlanCost planCostFromVanilla(const ComplexityReport& vanilla,
                             const std::map<std::string, LayerGhosting>& plan) {
  PlanCost cost{vanilla.params, vanilla.macs};
  std::size_t found = 0;
  std::string lastLayer;
  for (const LayerCost& row : vanilla.layers) {
    const auto entry = plan.find(row.layer);
    if (entry == plan.end()) {
      ghostRowDelta(row, 1, 3);  // still refuses a count that is not vanilla
      continue;
    }
    checkGhosting(entry->second.ratio, entry->second.dw);
    if (row.site == GhostSite::Conv) ++found;
    const RowDelta delta = ghostRowDelta(row, entry->second.ratio, entry->second.dw);
    cost.params += delta.params;
    cost.macs += delta.macs;
  }
  if (found != plan.size()) {
    for (const auto& [name, g] : plan) {
      const bool known = std::any_of(vanilla.layers.begin(), vanilla.layers.end(),
                                     [&name = name](const LayerCost& row) {
                                       return row.layer == name && row.site == GhostSite::Conv;
                                     });
      if (!known) throw InputError("plan: " + name + " is not a ghostable conv layer");
    }
  }
  return cost;
}

TradeoffCurves tradeoffCurves(const ComplexityReport& vanilla, const std::vector<int64_t>& ratios,
                              int64_t dForRatios, const std::vector<int64_t>& dws,
                              int64_t sForKernels) {
  TradeoffCurves curves;
  curves.vanillaParams = vanilla.params;
  curves.vanillaMacs = vanilla.macs;
  for (const int64_t s : ratios) {
    curves.ratioSweep.push_back(ghostCostFromVanilla(vanilla, s, dForRatios));
  }
  for (const int64_t d : dws) {
    curves.kernelSweep.push_back(ghostCostFromVanilla(vanilla, sForKernels, d));
  }
  return curves;
}

}  // namespace ghostlens
