#include "ghostlens/analysis/depth_profile.h"

#include <torch/torch.h>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/session/model_pair.h"

namespace ghostlens {

namespace {

// MACs of the leaf modules at or under `name`: a whole block, or a Ghost module with its parts.
int64_t macsUnder(const ComplexityReport& report, const std::string& name) {
  int64_t macs = 0;
  const std::string prefix = name + ".";
  for (const LayerCost& row : report.layers) {
    if (row.layer == name || row.name.compare(0, prefix.size(), prefix) == 0) macs += row.macs;
  }
  return macs;
}

struct Measures {
  double redundancy, redundancySpread, effectiveRank, impliedRatio;
};

Measures measuresOf(const LayerAnalysis& a) {
  if (a.batch) {
    return {a.batch->redundancy.mean, a.batch->redundancy.spread, a.batch->effectiveRank.mean,
            a.batch->impliedRatio.mean};
  }
  return {a.redundancy.score, 0.0, a.rank.effectiveRank, a.rank.impliedRatio};
}

}  // namespace

DepthProfile depthProfile(const ModelPair& pair, const torch::Tensor& input,
                          const AnalysisOptions& options, const DepthProgress& progress) {
  const std::array<int64_t, 3> shape{input.size(1), input.size(2), input.size(3)};
  const ComplexityReport firstCost = pair.first().model->count(shape);
  ComplexityReport secondCost;
  if (pair.isPair()) secondCost = pair.second()->model->count(shape);
  const PairAnalysis analysis = pair.analyze(input, options, progress);

  DepthProfile profile;
  profile.paired = pair.isPair();
  profile.cancelled = analysis.cancelled;
  profile.images = options.overBatch ? input.size(0) : 1;
  const std::size_t complete = pair.isPair()
                                   ? std::min(analysis.first.size(), analysis.second.size())
                                   : analysis.first.size();
  for (std::size_t i = 0; i < complete; ++i) {
    const LayerAnalysis& v = analysis.first[i];
    DepthLayer layer;
    layer.name = v.name;
    const Measures vm = measuresOf(v);
    layer.vanillaRedundancy = vm.redundancy;
    layer.vanillaRedundancySpread = vm.redundancySpread;
    layer.vanillaEffectiveRank = vm.effectiveRank;
    layer.vanillaImpliedRatio = vm.impliedRatio;
    layer.vanillaMacs = macsUnder(firstCost, v.name);
    if (pair.isPair()) {
      const LayerAnalysis& g = analysis.second[i];
      const Measures gm = measuresOf(g);
      layer.ghostRedundancy = gm.redundancy;
      layer.ghostRedundancySpread = gm.redundancySpread;
      layer.ghostEffectiveRank = gm.effectiveRank;
      layer.ghostImpliedRatio = gm.impliedRatio;
      layer.ghostMacs = macsUnder(secondCost, g.name);
    }
    profile.layers.push_back(std::move(layer));
  }
  return profile;
}

}  // namespace ghostlens
