#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include "ghostlens/models/network.h"

namespace ghostlens {

struct ResNetCifarOptions {
  int64_t depth = 56;  ///< 6n + 2 (20, 32, 44, 56, 110)
  double width = 1.0;  ///< multiplier of the 16/32/64 stage widths
  int64_t ratio = 2;   ///< s of the block convs (the first conv stays plain)
  int64_t dw = 3;
  int64_t inChannels = 3;
  int64_t classes = 10;
};

/// He et al.'s CIFAR ResNet: conv1 (3x3, 16w) + bn1 + ReLU, layer1..3 of n basic blocks at
/// 16w/32w/64w channels, global average pool, `linear`.
class ResNetCifarImpl : public NetworkImpl {
 public:
  explicit ResNetCifarImpl(const ResNetCifarOptions& options);

  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr};
  torch::nn::Linear linear{nullptr};

 protected:
  torch::Tensor forwardLayers(torch::Tensor x) override;
};
TORCH_MODULE(ResNetCifar);

}  // namespace ghostlens
