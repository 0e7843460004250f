#include "ghostlens/profiling/pair_profile.h"

#include <torch/torch.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

#include "ghostlens/models/deploy.h"
#include "ghostlens/models/model_factory.h"
#include "median.h"

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

namespace {

/// One profile of several rounds of the same model: each row's and the forward's median over
/// the rounds' medians, the extremes over all runs.
ForwardProfile mergeRounds(const std::vector<ForwardProfile>& rounds) {
  ForwardProfile merged = rounds.front();
  std::vector<double> medians;
  for (const ForwardProfile& round : rounds) {
    medians.push_back(round.medianMs);
    merged.minMs = std::min(merged.minMs, round.minMs);
    merged.maxMs = std::max(merged.maxMs, round.maxMs);
    merged.peakActivationBytes = std::max(merged.peakActivationBytes, round.peakActivationBytes);
  }
  merged.medianMs = detail::median(medians);
  merged.repeat = 0;
  for (const ForwardProfile& round : rounds) merged.repeat += round.repeat;
  merged.layerSumMs = 0;
  for (std::size_t row = 0; row < merged.layers.size(); ++row) {
    std::vector<double> times;
    for (const ForwardProfile& round : rounds) times.push_back(round.layers.at(row).latencyMs);
    merged.layers[row].latencyMs = detail::median(times);
    merged.layerSumMs += merged.layers[row].latencyMs;
  }
  return merged;
}

}  // namespace

PairProfile profilePair(const ModelSpec& first, const ModelSpec& second, bool deploy,
                        const ProfileOptions& options, const ProfileProgress& progress) {
  PairProfile result;
  result.specs[0] = first;
  result.specs[1] = second;
  result.deploy = deploy;
  std::shared_ptr<NetworkImpl> models[2];
  for (int side = 0; side < 2; ++side) {
    models[side] = buildModel(result.specs[side], 0);
    if (deploy) models[side] = makeDeployed(*models[side], result.specs[side]);
  }
  // The machine's speed drifts by up to 2x within minutes: the two models take turns, in
  // rounds, the order swapped every round, and the measured speed-up is the median of the
  // rounds' ratios rather than a ratio of two times taken apart.
  constexpr int kRounds = 3;
  ProfileOptions round = options;
  round.repeat = std::max(1, options.repeat / kRounds);
  const int total = 2 * kRounds * round.repeat + 1;
  std::vector<ForwardProfile> rounds[2];
  std::vector<double> ratios;
  int done = 0;
  for (int r = 0; r < kRounds; ++r) {
    for (int turn = 0; turn < 2; ++turn) {
      const int side = r % 2 == 0 ? turn : 1 - turn;
      ProfileProgress shifted;
      if (progress) {
        shifted = [&progress, done, total](int step, int) { return progress(done + step, total); };
      }
      rounds[side].push_back(
          profileForward(*models[side], result.specs[side].input, round, shifted));
      done += round.repeat;
    }
    ratios.push_back(rounds[0].back().medianMs / rounds[1].back().medianMs);
  }
  for (int side = 0; side < 2; ++side) result.profiles[side] = mergeRounds(rounds[side]);
  result.machine = measureMachinePeak();
  if (progress && !progress(total, total)) throw ProfileCancelled{};
  result.layers = compareLayerProfiles(result.profiles[0], result.profiles[1]);
  int64_t macs[2] = {0, 0};
  for (const LayerProfilePair& layer : result.layers) {
    macs[0] += layer.macs[0];
    macs[1] += layer.macs[1];
  }
  result.macsSpeedup =
      macs[1] > 0 ? static_cast<double>(macs[0]) / static_cast<double>(macs[1]) : 1.0;
  result.measuredSpeedup = detail::median(ratios);
  return result;
}

}  // namespace ghostlens
