#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/squeeze_excite.h"

namespace ghostlens {

struct GhostBottleneckOptions {
  int64_t in = 16;
  int64_t mid = 16;  ///< expansion width (output of ghost1)
  int64_t out = 16;
  int64_t dwKernel = 3;  ///< kernel of the stride-2 depthwise conv and of the shortcut
  int64_t stride = 1;    ///< 1 or 2
  double seRatio = 0.0;  ///< 0 disables squeeze-and-excitation
  int64_t ratio = 2;     ///< s of both Ghost modules
  int64_t dw = 3;        ///< d of both Ghost modules
};

/// Ghost bottleneck of the official release: ghost1 (ReLU) -> [conv_dw + bn_dw when stride 2]
/// -> [se] -> ghost2 (no ReLU), plus a shortcut (identity, or depthwise k x k + BN + 1x1 + BN).
class GhostBottleneckImpl : public torch::nn::Module {
 public:
  explicit GhostBottleneckImpl(const GhostBottleneckOptions& options);
  /// @param x [N, in, H, W]  @return [N, out, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  GhostModule ghost1{nullptr};
  torch::nn::Conv2d conv_dw{nullptr};
  torch::nn::BatchNorm2d bn_dw{nullptr};
  SqueezeExcite se{nullptr};
  GhostModule ghost2{nullptr};
  torch::nn::Sequential shortcut{nullptr};  ///< empty for the identity shortcut
};
TORCH_MODULE(GhostBottleneck);

/// 1x1 conv + BN + ReLU that ends the official GhostNet's feature stages (`blocks.9.0`).
class ConvBnActImpl : public torch::nn::Module {
 public:
  ConvBnActImpl(int64_t in, int64_t out, int64_t kernel);
  /// @param x [N, in, H, W]  @return [N, out, H, W]
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
};
TORCH_MODULE(ConvBnAct);

}  // namespace ghostlens
