#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

namespace ghostlens {

/// One layer of activations computed elsewhere.
struct ActivationLayer {
  std::string name;
  torch::Tensor maps;  ///< [N, C, H, W] float32
};

/// Reads activations saved by another program:
/// - `.pt` from Python's torch.save: a tensor, or a dict of name -> tensor (read with
///   torch::pickle_load); layers keep the dict's order;
/// - `.npy` from numpy.save (read with xtensor): one tensor, float32/float64 or integer.
/// Each tensor is [C, H, W] or [N, C, H, W]; a lone tensor is named "activations".
/// Throws std::invalid_argument naming the file for a missing, empty, corrupt or unsupported
/// file, a tensor of the wrong rank, or NaN/Inf values.
std::vector<ActivationLayer> loadActivations(const std::string& path);

}  // namespace ghostlens
