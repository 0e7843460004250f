#include "ghostlens/profiling/pair_profile.h"

#include <torch/torch.h>

#include <unordered_map>

#include "ghostlens/models/deploy.h"
#include "ghostlens/models/model_factory.h"

namespace ghostlens {

std::vector<LayerProfilePair> compareLayerProfiles(const ForwardProfile& first,
                                                   const ForwardProfile& second) {
  std::vector<LayerProfilePair> layers;
  std::unordered_map<std::string, std::size_t> index;
  auto add = [&](const ForwardProfile& profile, int side) {
    for (const LayerProfile& row : profile.layers) {
      const std::string name = row.layer.empty() ? "(network)" : row.layer;
      auto found = index.find(name);
      if (found == index.end()) {
        found = index.emplace(name, layers.size()).first;
        layers.push_back(LayerProfilePair{name, {0, 0}, {0, 0}, {0, 0}});
      }
      LayerProfilePair& layer = layers[found->second];
      layer.macs[side] += row.macs;
      layer.ms[side] += row.latencyMs;
      layer.bytesMoved[side] += row.bytesMoved;
    }
  };
  add(first, 0);
  add(second, 1);
  return layers;
}

PairProfile profilePair(const ModelSpec& first, const ModelSpec& second, bool deploy,
                        const ProfileOptions& options, const ProfileProgress& progress) {
  PairProfile result;
  result.specs[0] = first;
  result.specs[1] = second;
  result.deploy = deploy;
  for (int side = 0; side < 2; ++side) {
    auto model = buildModel(result.specs[side], 0);
    if (deploy) model = makeDeployed(*model, result.specs[side]);
    ProfileProgress shifted;
    if (progress) {
      shifted = [&progress, side, &options](int done, int) {
        return progress(side * options.repeat + done, 2 * options.repeat + 1);
      };
    }
    result.profiles[side] = profileForward(*model, result.specs[side].input, options, shifted);
  }
  result.machine = measureMachinePeak();
  if (progress && !progress(2 * options.repeat + 1, 2 * options.repeat + 1)) {
    throw ProfileCancelled{};
  }
  result.layers = compareLayerProfiles(result.profiles[0], result.profiles[1]);
  int64_t macs[2] = {0, 0};
  for (const LayerProfilePair& layer : result.layers) {
    macs[0] += layer.macs[0];
    macs[1] += layer.macs[1];
  }
  result.macsSpeedup =
      macs[1] > 0 ? static_cast<double>(macs[0]) / static_cast<double>(macs[1]) : 1.0;
  result.measuredSpeedup = result.profiles[1].medianMs > 0
                               ? result.profiles[0].medianMs / result.profiles[1].medianMs
                               : 1.0;
  return result;
}

}  // namespace ghostlens
