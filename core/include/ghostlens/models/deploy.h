#pragma once

#include <memory>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/network.h"

namespace ghostlens {

struct DeployOptions {
  /// Run convolutions on channels-last (NHWC) tensors. Off by default: measured on these
  /// machines' LibTorch 1.13 (OpenBLAS, oneDNN), it does not speed GhostNet up (README).
  bool channelsLast = false;
};

/// A copy of `model` (built from `spec`, with the same weights) prepared for inference:
/// - every BatchNorm that directly follows a conv is folded into it (W' = W * s, b' = beta -
///   mean * s with s = gamma / sqrt(var + eps)) and skipped in the forward pass; a BN whose s
///   has entries near 0 stays, since the conv's own maps could not be recovered from it;
/// - Ghost modules write their intrinsic and ghost maps into one preallocated output instead of
///   concatenating and slicing;
/// - the copy is in eval mode.
/// Its logits equal `model`'s to float rounding, and runWithTaps() gives the same maps for every
/// layer: a tap on a conv whose BN was folded maps the output back through the BN's affine map.
/// `model` is left unchanged.
std::shared_ptr<NetworkImpl> makeDeployed(NetworkImpl& model, const ModelSpec& spec,
                                          const DeployOptions& options = {});

}  // namespace ghostlens
