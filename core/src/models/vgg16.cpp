#include "ghostlens/models/vgg16.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/make_divisible.h"

namespace ghostlens {

namespace nn = torch::nn;

namespace {
constexpr int64_t kPool = 0;
const int64_t kLayout[] = {64,    64,  kPool, 128, 128,   kPool, 256, 256, 256,
                           kPool, 512, 512,   512, kPool, 512,   512, 512, kPool};
}  // namespace

Vgg16Impl::Vgg16Impl(const Vgg16Options& o) {
  TORCH_CHECK(o.width > 0, "VGG-16: width must be positive, got ", o.width);
  nn::Sequential layers;
  int64_t channels = o.inChannels;
  for (int64_t entry : kLayout) {
    if (entry == kPool) {
      layers->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2).stride(2).ceil_mode(true)));
      continue;
    }
    const int64_t out = scaleChannels(entry, o.width);
    layers->push_back(GhostModule(GhostModuleOptions{channels, out, 3, o.ratio, o.dw, 1, true}));
    channels = out;
  }
  features = register_module("features", layers);
  const int64_t hidden = scaleChannels(512, o.width);
  classifier = register_module("classifier",
                               nn::Sequential(nn::Linear(channels, hidden), nn::BatchNorm1d(hidden),
                                              nn::ReLU(), nn::Linear(hidden, o.classes)));
}

torch::Tensor Vgg16Impl::forwardLayers(torch::Tensor x) {
  x = forwardSequential(*features, x);
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return forwardSequential(*classifier, x);
}

}  // namespace ghostlens
