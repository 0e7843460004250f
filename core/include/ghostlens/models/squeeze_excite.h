#pragma once

#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace ghostlens {

/// Squeeze-and-excitation as in the official GhostNet release: global average pool, 1x1 conv
/// (bias) to make_divisible(C * 0.25, 4), ReLU, 1x1 conv (bias) back to C, hard-sigmoid gate.
class SqueezeExciteImpl : public torch::nn::Module {
 public:
  SqueezeExciteImpl(int64_t channels, double seRatio);
  /// @param x [N, C, H, W]  @return x scaled per channel, [N, C, H, W]
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::Conv2d conv_reduce{nullptr};
  torch::nn::Conv2d conv_expand{nullptr};
};
TORCH_MODULE(SqueezeExcite);

}  // namespace ghostlens
