#pragma once

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/analysis/ghost_advice.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens {

class NetworkImpl;

/// Greedy intrinsic maps: repeatedly choose the map that raises the mean R^2 of the live maps
/// the most (ties: the lower index), up to `maxK` maps. Constant (dead) maps are left out of the
/// mean and never chosen (a layer with no live map gives meanR2 = 1 for every k).
/// @param r2 [C, C] from CheapFitAccumulator::result() (row = source, column = target)
IntrinsicCurve greedyIntrinsics(const torch::Tensor& r2, const std::vector<int64_t>& dead,
                                int64_t maxK);

/// The fewest maps whose curve reaches `target` (curve.meanR2.size() + 1 when it never does).
int64_t intrinsicsFor(const IntrinsicCurve& curve, double target);

/// The ghost ratio a layer's maps allow: with k the fewest intrinsic maps that reach `target` with
/// any of the curves (one per candidate d; C when none does), s = floor(C / k), at least 1.
int64_t impliedGhostRatio(const std::vector<IntrinsicCurve>& curves, int64_t channels,
                          double target);

/// Which layers of a vanilla model to ghost, with which s and d. For every conv that a Ghost
/// module's primary conv would be (every Ghost module with s = 1, in VGG-16), its output maps
/// over the whole batch are fitted to each other by the cheap-op fit for every d candidate; the
/// greedy intrinsic maps give, per d, the fewest k with mean R^2 >= target and s = floor(C / k);
/// the layer gets the d whose s saves the most MACs (s = 1 when none saves any: a conv with few
/// inputs, such as the first, can cost less than its ghost form). With a budget, a plan under it
/// instead: one step of s at a time where the resulting R^2 is highest. Layers whose maps are too
/// small to compare (comparableMaps()) stay at s = 1 with no R^2. Throws InputError for a model
/// that is not vanilla, an even or non-positive d, a target outside (0, 1], or a budget that
/// ghosting every layer fully cannot reach.
/// @param inputs [N, C, H, W] prepared for `spec`
Advice adviseGhosting(NetworkImpl& model, const ModelSpec& spec, const torch::Tensor& inputs,
                      const AdviceOptions& options, const AdviceProgress& progress = {});

}  // namespace ghostlens
