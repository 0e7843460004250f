#include "ghostlens/models/vgg16.h"

#include <torch/torch.h>

#include <algorithm>

#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/make_divisible.h"
#include "ghostlens/util/input_error.h"

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
  std::vector<std::string> convs;
  for (int64_t entry : kLayout) {
    if (entry == kPool) {
      layers->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2).stride(2).ceil_mode(true)));
      continue;
    }
    const int64_t out = scaleChannels(entry, o.width);
    const std::string name = "features." + std::to_string(layers->size());
    const auto planned = o.plan.find(name);
    const LayerGhosting g =
        planned != o.plan.end() ? planned->second : LayerGhosting{o.ratio, o.dw};
    convs.push_back(name);
    layers->push_back(GhostModule(GhostModuleOptions{channels, out, 3, g.ratio, g.dw, 1, true}));
    channels = out;
  }
  for (const auto& [name, g] : o.plan) {
    if (std::find(convs.begin(), convs.end(), name) == convs.end()) {
      throw InputError("plan: vgg16 has no conv layer " + name + "; its convs are features.0 to " +
                       convs.back());
    }
  }
  features = register_module("features", layers);
  const int64_t hidden = scaleChannels(512, o.width);
  // The last layer first, on every compiler: the order GCC built these in when they were the
  // Sequential's arguments, and so the order of their draws that initialise() keeps.
  const nn::Linear out(hidden, o.classes);
  const nn::Linear in(channels, hidden);
  classifier =
      register_module("classifier", nn::Sequential(in, nn::BatchNorm1d(hidden), nn::ReLU(), out));
}

void Vgg16Impl::initialise(at::Generator& generator) {
  for (const auto& module : features->modules(/*include_self=*/false)) {
    resetLikeLibTorch(*module, generator);
  }
  for (std::size_t i = classifier->size(); i-- > 0;)
    resetLikeLibTorch(*classifier->ptr(i), generator);
}

torch::Tensor Vgg16Impl::forwardLayers(torch::Tensor x) {
  x = forwardSequential(*features, x);
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return forwardSequential(*classifier, x);
}

}  // namespace ghostlens
