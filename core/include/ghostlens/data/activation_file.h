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
/// - `.npy` from numpy.save (readNpy): one tensor, float32/float64 or integer;
/// - anything else is read by content (readTorchFile): torch.save's zip or legacy files and
///   safetensors, holding a tensor or a dict of name -> tensor; layers keep the dict's order.
/// Each tensor is [C, H, W] or [N, C, H, W]; a lone tensor is named "activations".
/// Throws InputError naming the file for a missing, empty, corrupt or unsupported
/// file, a tensor of the wrong rank, or NaN/Inf values.
std::vector<ActivationLayer> loadActivations(const std::string& path);

}  // namespace ghostlens
