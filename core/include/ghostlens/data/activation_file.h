#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ghostlens {

/// The largest layer loadActivations() takes: 2^28 values (1 GiB as float32). A file may declare
/// a far larger view over a small storage (zero strides); converting it would exhaust memory.
constexpr int64_t kMaxActivationValues = int64_t{1} << 28;
/// The most channels a layer may have: the analysis keeps a C x C similarity matrix (256 MiB at
/// 8192).
constexpr int64_t kMaxActivationChannels = 8192;

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
/// file, a tensor of the wrong rank, over kMaxActivationValues values or kMaxActivationChannels
/// channels, or NaN/Inf values.
std::vector<ActivationLayer> loadActivations(const std::string& path);

}  // namespace ghostlens
