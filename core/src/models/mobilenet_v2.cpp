#include "ghostlens/models/mobilenet_v2.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/make_divisible.h"

namespace ghostlens {

namespace nn = torch::nn;

ConvBnRelu6Impl::ConvBnRelu6Impl(int64_t in, int64_t out, int64_t kernel, int64_t stride,
                                 int64_t groups) {
  push_back(nn::Conv2d(nn::Conv2dOptions(in, out, kernel)
                           .stride(stride)
                           .padding((kernel - 1) / 2)
                           .groups(groups)
                           .bias(false)));
  push_back(nn::BatchNorm2d(out));
  push_back(nn::ReLU6());
}

torch::Tensor ConvBnRelu6Impl::forward(torch::Tensor x) { return forwardSequential(*this, x); }

namespace {

/// (t, c, n, s) of torchvision's inverted_residual_setting.
struct StageSetting {
  int64_t expand, channels, blocks, stride;
};
constexpr StageSetting kInvertedResidualStages[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2},
                                                    {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
                                                    {6, 320, 1, 1}};

}  // namespace

InvertedResidualImpl::InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expand,
                                           int64_t ratio, int64_t dw) {
  TORCH_CHECK(stride == 1 || stride == 2, "InvertedResidual: stride must be 1 or 2, got ", stride);
  const auto hidden = static_cast<int64_t>(std::llround(static_cast<double>(in * expand)));
  residual = stride == 1 && in == out;
  nn::Sequential layers;
  if (ratio == 1) {
    if (expand != 1) layers->push_back(ConvBnRelu6(in, hidden, 1, 1, 1));
    layers->push_back(ConvBnRelu6(hidden, hidden, 3, stride, hidden));
    layers->push_back(nn::Conv2d(nn::Conv2dOptions(hidden, out, 1).bias(false)));
    layers->push_back(nn::BatchNorm2d(out));
  } else {
    if (expand != 1) {
      layers->push_back(GhostModule(GhostModuleOptions{in, hidden, 1, ratio, dw, 1, true}));
    }
    layers->push_back(GhostModule(GhostModuleOptions{hidden, hidden, 3, ratio, dw, stride, true}));
    layers->push_back(GhostModule(GhostModuleOptions{hidden, out, 1, ratio, dw, 1, false}));
  }
  conv = register_module("conv", layers);
}

torch::Tensor InvertedResidualImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = forwardSequential(*conv, x);
  return residual ? x + y : y;
}

MobileNetV2Impl::MobileNetV2Impl(const MobileNetV2Options& o) {
  TORCH_CHECK(o.width > 0, "MobileNetV2: width must be positive, got ", o.width);
  int64_t channels = makeDivisible(32 * o.width, 8);
  const int64_t last = makeDivisible(1280 * std::max(1.0, o.width), 8);
  nn::Sequential layers;
  layers->push_back(ConvBnRelu6(o.inChannels, channels, 3, 2, 1));
  for (const StageSetting& stage : kInvertedResidualStages) {
    const int64_t out = makeDivisible(static_cast<double>(stage.channels) * o.width, 8);
    for (int64_t i = 0; i < stage.blocks; ++i) {
      layers->push_back(
          InvertedResidual(channels, out, i == 0 ? stage.stride : 1, stage.expand, o.ratio, o.dw));
      channels = out;
    }
  }
  if (o.ratio == 1) {
    layers->push_back(ConvBnRelu6(channels, last, 1, 1, 1));
  } else {
    layers->push_back(GhostModule(GhostModuleOptions{channels, last, 1, o.ratio, o.dw, 1, true}));
  }
  features = register_module("features", layers);
  classifier = register_module("classifier",
                               nn::Sequential(nn::Dropout(o.dropout), nn::Linear(last, o.classes)));
}

void MobileNetV2Impl::initialise(at::Generator& generator) {
  NetworkImpl::initialise(generator);
  torch::NoGradGuard noGrad;
  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* c = module->as<nn::Conv2dImpl>()) {
      // kaiming_normal_(weight, 0, kFanOut): gain sqrt(2) over the root of the fan-out (output
      // channels times the kernel's area).
      const int64_t area = c->weight.numel() / (c->weight.size(0) * c->weight.size(1));
      c->weight.normal_(0, std::sqrt(2.0) / std::sqrt(c->weight.size(0) * area), generator);
      if (c->bias.defined()) c->bias.zero_();
    } else if (auto* bn = module->as<nn::BatchNorm2dImpl>()) {
      bn->weight.fill_(1);
      bn->bias.zero_();
    } else if (auto* linear = module->as<nn::LinearImpl>()) {
      linear->weight.normal_(0, 0.01, generator);
      linear->bias.zero_();
    }
  }
}

torch::Tensor MobileNetV2Impl::forwardLayers(torch::Tensor x) {
  x = forwardSequential(*features, x);
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  return forwardSequential(*classifier, x);
}

}  // namespace ghostlens
