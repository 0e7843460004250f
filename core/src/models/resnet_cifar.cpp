#include "ghostlens/models/resnet_cifar.h"

#include <torch/torch.h>

#include "ghostlens/models/basic_block.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/make_divisible.h"

namespace ghostlens {

namespace nn = torch::nn;

ResNetCifarImpl::ResNetCifarImpl(const ResNetCifarOptions& o) {
  TORCH_CHECK(o.depth >= 8 && (o.depth - 2) % 6 == 0, "ResNet (CIFAR): depth must be 6n+2, got ",
              o.depth);
  TORCH_CHECK(o.width > 0, "ResNet (CIFAR): width must be positive, got ", o.width);
  const int64_t blocksPerStage = (o.depth - 2) / 6;
  int64_t channels = scaleChannels(16, o.width);
  conv1 = register_module(
      "conv1", nn::Conv2d(nn::Conv2dOptions(o.inChannels, channels, 3).padding(1).bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(channels));

  auto makeStage = [&](int64_t planes, int64_t stride) {
    nn::Sequential stage;
    for (int64_t i = 0; i < blocksPerStage; ++i) {
      stage->push_back(BasicBlock(channels, planes, i == 0 ? stride : 1, o.ratio, o.dw));
      channels = planes;
    }
    return stage;
  };
  layer1 = register_module("layer1", makeStage(scaleChannels(16, o.width), 1));
  layer2 = register_module("layer2", makeStage(scaleChannels(32, o.width), 2));
  layer3 = register_module("layer3", makeStage(scaleChannels(64, o.width), 2));
  linear = register_module("linear", nn::Linear(channels, o.classes));
}

torch::Tensor ResNetCifarImpl::forwardLayers(torch::Tensor x) {
  x = torch::relu(observed(bn1, observed(conv1, x)));
  x = forwardSequential(*layer1, x);
  x = forwardSequential(*layer2, x);
  x = forwardSequential(*layer3, x);
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return observed(linear, x);
}

}  // namespace ghostlens
