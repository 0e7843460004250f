#pragma once

#include "ghostlens/models/ghost_module.h"

namespace ghostlens {

/// torchvision's ResNet-50 bottleneck (stride on the 3x3 conv): conv1 1x1 + BN + ReLU,
/// conv2 3x3 (stride) + BN + ReLU, conv3 1x1 to 4x + BN, optional `downsample` 1x1 (stride) + BN;
/// ReLU after the sum. Every conv is a GhostModule (plain when s = 1), the downsample too.
class ResNetBottleneckImpl : public torch::nn::Module {
 public:
  static constexpr int64_t kExpansion = 4;
  ResNetBottleneckImpl(int64_t in, int64_t planes, int64_t stride, int64_t ratio, int64_t dw);
  /// @param x [N, in, H, W]  @return [N, 4*planes, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  GhostModule conv1{nullptr};
  GhostModule conv2{nullptr};
  GhostModule conv3{nullptr};
  GhostModule downsample{nullptr};  ///< null when the identity shortcut fits
};
TORCH_MODULE(ResNetBottleneck);

}  // namespace ghostlens
