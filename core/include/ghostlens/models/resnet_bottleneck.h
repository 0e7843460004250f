#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

#include "ghostlens/models/ghost_module.h"

namespace ghostlens {

/// torchvision's ResNet-50 bottleneck, exactly (so its state dicts and forward-hook outputs are
/// torchvision's): conv1 1x1 + bn1 + ReLU, conv2 3x3 (stride) + bn2 + ReLU, conv3 1x1 to 4x +
/// bn3, optional `downsample` = [1x1 conv (stride), BN]; ReLU after the sum. This is the vanilla
/// (s = 1) form; GhostResNetBottleneck is the ghost form.
class ResNetBottleneckImpl : public torch::nn::Module {
 public:
  static constexpr int64_t kExpansion = 4;
  ResNetBottleneckImpl(int64_t in, int64_t planes, int64_t stride);
  /// @param x [N, in, H, W]  @return [N, 4*planes, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
  torch::nn::Sequential downsample{nullptr};  ///< null when the identity shortcut fits
};
TORCH_MODULE(ResNetBottleneck);

/// The ghost form of the bottleneck (Han et al. 2020, Sec. 4.1): every conv, the downsample
/// too, is a Ghost module that holds its own BN (and ReLU for conv1 and conv2), under the names
/// conv1, conv2, conv3 and downsample that it replaces.
class GhostResNetBottleneckImpl : public torch::nn::Module {
 public:
  GhostResNetBottleneckImpl(int64_t in, int64_t planes, int64_t stride, int64_t ratio, int64_t dw);
  /// @param x [N, in, H, W]  @return [N, 4*planes, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  GhostModule conv1{nullptr};
  GhostModule conv2{nullptr};
  GhostModule conv3{nullptr};
  GhostModule downsample{nullptr};  ///< null when the identity shortcut fits
};
TORCH_MODULE(GhostResNetBottleneck);

}  // namespace ghostlens
