#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include "ghostlens/models/network.h"

namespace ghostlens {

struct ResNet50Options {
  double width = 1.0;  ///< multiplier of the 64/128/256/512 bottleneck widths
  int64_t ratio = 2;   ///< s of every conv but the stem (1 = torchvision's ResNet-50)
  int64_t dw = 3;
  int64_t inChannels = 3;
  int64_t classes = 1000;
};

/// ResNet-50 in torchvision's layout: conv1 7x7/2 + bn1 + ReLU + max-pool 3x3/2, layer1..4 of
/// 3/4/6/3 bottlenecks, global average pool, `fc`. The vanilla form (s = 1) is torchvision's
/// resnet50 module for module, so its weights load unchanged. The ghost form (Han et al. 2020,
/// Sec. 4.1) replaces every conv but the stem, the downsample convs included, by Ghost modules
/// named after the convs they replace; fc stays.
class ResNet50Impl : public NetworkImpl {
 public:
  explicit ResNet50Impl(const ResNet50Options& options);

  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
  torch::nn::Linear fc{nullptr};

 protected:
  torch::Tensor forwardLayers(torch::Tensor x) override;
};
TORCH_MODULE(ResNet50);

}  // namespace ghostlens
