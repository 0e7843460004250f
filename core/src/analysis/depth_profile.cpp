#include "ghostlens/analysis/depth_profile.h"

#include <torch/torch.h>

#include <unordered_map>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/network.h"

namespace ghostlens {

namespace {

// MACs of the leaf modules at or under `name` ("features.3" holds "features.3.primary_conv.0").
int64_t macsUnder(const ComplexityReport& report, const std::string& name) {
  int64_t macs = 0;
  const std::string prefix = name + ".";
  for (const LayerCost& row : report.layers) {
    if (row.name == name || row.name.compare(0, prefix.size(), prefix) == 0) macs += row.macs;
  }
  return macs;
}

}  // namespace

DepthProfile depthProfile(NetworkImpl& vanilla, NetworkImpl& ghost, const torch::Tensor& input,
                          const AnalysisOptions& options, const DepthProgress& progress) {
  const std::array<int64_t, 3> shape{input.size(1), input.size(2), input.size(3)};
  const ComplexityReport vanillaCost = countComplexity(vanilla, shape);
  const ComplexityReport ghostCost = countComplexity(ghost, shape);
  const TapResult vanillaTaps = runWithTaps(vanilla, input);
  const TapResult ghostTaps = runWithTaps(ghost, input);
  const std::size_t total = vanillaTaps.layers.size() + ghostTaps.layers.size();

  DepthProfile profile;
  std::size_t done = 0;
  auto step = [&](std::size_t, std::size_t) {
    ++done;
    const bool go = !progress || progress(done, total);
    if (!go) profile.cancelled = true;
    return go;
  };
  const auto vanillaLayers = analyzeLayers(vanillaTaps, options, step);
  std::vector<LayerAnalysis> ghostLayers;
  if (!profile.cancelled) ghostLayers = analyzeLayers(ghostTaps, options, step);

  std::unordered_map<std::string, const LayerAnalysis*> ghostByName;
  for (const LayerAnalysis& g : ghostLayers) ghostByName.emplace(g.name, &g);
  for (const LayerAnalysis& v : vanillaLayers) {
    const auto found = ghostByName.find(v.name);
    if (found == ghostByName.end()) continue;
    const LayerAnalysis& g = *found->second;
    DepthLayer layer;
    layer.name = v.name;
    layer.vanillaRedundancy = v.redundancy.score;
    layer.ghostRedundancy = g.redundancy.score;
    layer.vanillaEffectiveRank = v.rank.effectiveRank;
    layer.ghostEffectiveRank = g.rank.effectiveRank;
    layer.vanillaImpliedRatio = v.rank.impliedRatio;
    layer.ghostImpliedRatio = g.rank.impliedRatio;
    layer.vanillaMacs = macsUnder(vanillaCost, v.name);
    layer.ghostMacs = macsUnder(ghostCost, v.name);
    profile.layers.push_back(std::move(layer));
  }
  return profile;
}

}  // namespace ghostlens
