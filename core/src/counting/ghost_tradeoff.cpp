#include "ghostlens/counting/ghost_tradeoff.h"

#include <stdexcept>
#include <string>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

double paperGhostRatio(double cKernel, int64_t s, int64_t d, double primaryKernel) {
  if (primaryKernel <= 0) primaryKernel = cKernel;
  const double sd = static_cast<double>(s);
  return cKernel / (primaryKernel / sd + (sd - 1) * static_cast<double>(d * d) / sd);
}

GhostCost ghostCostFromVanilla(const ComplexityReport& vanilla, int64_t s, int64_t d) {
  if (s < 1) throw InputError("s must be at least 1, got " + std::to_string(s));
  if (d < 1 || d % 2 == 0) {
    throw InputError("d must be odd and positive, got " + std::to_string(d));
  }
  GhostCost cost;
  cost.ratio = s;
  cost.dw = d;
  int64_t params = vanilla.params, macs = vanilla.macs;
  double paperParams = static_cast<double>(vanilla.params);
  double paperMacs = static_cast<double>(vanilla.macs);
  for (const LayerCost& row : vanilla.layers) {
    if (row.site == GhostSite::Cheap) {
      throw InputError("ghostCostFromVanilla needs a vanilla (s = 1) count; " + row.name +
                       " is a cheap operation");
    }
    if (s == 1 || row.site == GhostSite::None) continue;
    const int64_t n = row.output.at(0);
    const int64_t area = row.output.at(1) * row.output.at(2);
    const int64_t intrinsic = (n + s - 1) / s;
    const int64_t ghosts = intrinsic * (s - 1);
    if (row.site == GhostSite::Conv) {  // n*(c/groups)*k*k params
      const int64_t cKernel = row.params / n;
      // A Ghost module's primary conv is never grouped: ghosting a depthwise conv (groups = c)
      // makes it an ordinary conv of c*k*k per output, the review's third drawback.
      const int64_t primaryKernel = cKernel * row.groups;
      params += intrinsic * primaryKernel - n * cKernel + ghosts * d * d;
      macs += (intrinsic * primaryKernel - n * cKernel) * area + ghosts * area * d * d;
      const double r =
          paperGhostRatio(static_cast<double>(cKernel), s, d, static_cast<double>(primaryKernel));
      paperParams += static_cast<double>(row.params) * (1 / r - 1);
      paperMacs += static_cast<double>(row.macs) * (1 / r - 1);
    } else {  // the primary BN, and the cheap op's BN
      params += 2 * (intrinsic - n) + 2 * ghosts;
    }
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
