#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

namespace ghostlens {

class NetworkImpl;

/// One layer's output captured during a forward pass.
struct TappedLayer {
  std::string name;    ///< module name, identical in a model's vanilla and ghost forms
  std::string type;    ///< "GhostModule", "GhostBottleneck", "BasicBlock", "Conv2d", ...
  torch::Tensor maps;  ///< [N, C, H, W]
  /// For a GhostModule: output channels [0, intrinsic) come from the primary conv, the rest are
  /// ghosts; parents[c] is the intrinsic channel that channel c comes from (c itself if
  /// intrinsic). For other layers intrinsic == C and parents is empty.
  int64_t intrinsic = 0;
  std::vector<int64_t> parents;

  bool isGhostModule() const { return !parents.empty(); }
  /// [N, intrinsic, H, W] and [N, C - intrinsic, H, W] views of a Ghost module's output.
  torch::Tensor intrinsicPart() const { return maps.narrow(1, 0, intrinsic); }
  torch::Tensor ghostPart() const { return maps.narrow(1, intrinsic, maps.size(1) - intrinsic); }
};

/// The layers of one forward pass, in execution order, and the model's output.
struct TapResult {
  std::vector<TappedLayer> layers;
  torch::Tensor logits;  ///< [N, classes]; undefined when the forward stopped early
};

/// Runs `model` once in eval mode under c10::InferenceMode and captures every conv, Ghost module,
/// bottleneck, block and stage (ResNet-50's layer1..4) output with a spatial map (H*W > 1): the
/// layers a person compares.
/// Convs inside a Ghost module are not captured separately (the module is, with its parts).
/// @param input [N, C, H, W]
/// @param stopAfter when not empty, the forward pass ends as soon as every one of these layers
///        has been captured (a layer early in a big model costs a fraction of the whole pass)
TapResult runWithTaps(NetworkImpl& model, const torch::Tensor& input,
                      const std::vector<std::string>& stopAfter = {});

}  // namespace ghostlens
