#include "ghostlens/models/resnet50.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/make_divisible.h"
#include "ghostlens/models/resnet_bottleneck.h"

namespace ghostlens {

namespace nn = torch::nn;

ResNet50Impl::ResNet50Impl(const ResNet50Options& o) {
  TORCH_CHECK(o.width > 0, "ResNet-50: width must be positive, got ", o.width);
  int64_t channels = scaleChannels(64, o.width);
  conv1 = register_module(
      "conv1",
      nn::Conv2d(nn::Conv2dOptions(o.inChannels, channels, 7).stride(2).padding(3).bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(channels));

  auto makeLayer = [&](int64_t basePlanes, int64_t blocks, int64_t stride) {
    const int64_t planes = scaleChannels(basePlanes, o.width);
    nn::Sequential layer;
    for (int64_t i = 0; i < blocks; ++i) {
      const int64_t blockStride = i == 0 ? stride : 1;
      if (o.ratio == 1) {
        layer->push_back(ResNetBottleneck(channels, planes, blockStride));
      } else {
        layer->push_back(GhostResNetBottleneck(channels, planes, blockStride, o.ratio, o.dw));
      }
      channels = planes * ResNetBottleneckImpl::kExpansion;
    }
    return layer;
  };
  layer1 = register_module("layer1", makeLayer(64, 3, 1));
  layer2 = register_module("layer2", makeLayer(128, 4, 2));
  layer3 = register_module("layer3", makeLayer(256, 6, 2));
  layer4 = register_module("layer4", makeLayer(512, 3, 2));
  fc = register_module("fc", nn::Linear(channels, o.classes));
}

torch::Tensor ResNet50Impl::forwardLayers(torch::Tensor x) {
  x = torch::relu(observed(bn1, observed(conv1, x)));
  x = torch::max_pool2d(x, 3, 2, 1);
  for (auto* layer : {&layer1, &layer2, &layer3, &layer4}) {
    torch::Tensor y = forwardSequential(**layer, x);
    notifyForward(**layer, x, y);  // a hook on `layer1` sees the group's output (Figure 1's maps)
    x = std::move(y);
  }
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return observed(fc, x);
}

}  // namespace ghostlens
