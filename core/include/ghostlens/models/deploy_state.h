#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <unordered_map>
#include <unordered_set>

namespace ghostlens {

/// What makeDeployed() changed in a model: the BatchNorms folded into the conv before them, and
/// for each such conv the BN's per-channel affine map, so that a tap on the conv can still give
/// the conv's own (pre-BN) maps.
struct DeployState {
  struct Affine {
    torch::Tensor scale;  ///< [C] gamma / sqrt(var + eps)
    torch::Tensor shift;  ///< [C] beta - mean * scale
  };
  std::unordered_set<const torch::nn::Module*> foldedNorms;
  std::unordered_map<const torch::nn::Module*, Affine> foldedConvs;
  /// Depthwise convs (groups = input channels, folded bias) run by depthwiseConv2d().
  std::unordered_set<const torch::nn::Module*> depthwiseConvs;
  bool channelsLast = false;  ///< inputs are converted to channels-last memory format
};

/// The deploy state of the network whose forward runs on this thread, or null.
const DeployState* activeDeployState();

/// Runs `module` the deploy way when the network running on this thread has one for it (a
/// depthwise conv); returns an undefined tensor when the module should run its own forward.
/// @param input [N, C, H, W]
torch::Tensor deployedForward(const torch::nn::Module& module, const torch::Tensor& input);

/// True when `module` is a BatchNorm folded away in the network running on this thread.
bool isFoldedAway(const torch::nn::Module& module);

}  // namespace ghostlens
