#include "ghostlens/models/ghostnet.h"

#include <torch/torch.h>

#include <vector>

#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_bottleneck.h"
#include "ghostlens/models/make_divisible.h"

namespace ghostlens {

namespace nn = torch::nn;

namespace {
struct BlockConfig {
  int64_t kernel, expansion, out;
  double se;
  int64_t stride;
};
// Table 1 of the paper, grouped into stages as in the official release (that grouping decides the
// state-dict keys blocks.<stage>.<i>).
const std::vector<std::vector<BlockConfig>> kStages = {
    {{3, 16, 16, 0, 1}},
    {{3, 48, 24, 0, 2}},
    {{3, 72, 24, 0, 1}},
    {{5, 72, 40, 0.25, 2}},
    {{5, 120, 40, 0.25, 1}},
    {{3, 240, 80, 0, 2}},
    {{3, 200, 80, 0, 1},
     {3, 184, 80, 0, 1},
     {3, 184, 80, 0, 1},
     {3, 480, 112, 0.25, 1},
     {3, 672, 112, 0.25, 1}},
    {{5, 672, 160, 0.25, 2}},
    {{5, 960, 160, 0, 1}, {5, 960, 160, 0.25, 1}, {5, 960, 160, 0, 1}, {5, 960, 160, 0.25, 1}},
};
constexpr int64_t kHeadChannels = 1280;
}  // namespace

GhostNetImpl::GhostNetImpl(const GhostNetOptions& o) : dropout_(o.dropout) {
  TORCH_CHECK(o.width > 0, "GhostNet: width must be positive, got ", o.width);
  int64_t channels = makeDivisible(16 * o.width, 4);
  conv_stem = register_module(
      "conv_stem",
      nn::Conv2d(nn::Conv2dOptions(o.inChannels, channels, 3).stride(2).padding(1).bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(channels));

  nn::ModuleList stages;
  int64_t lastExpansion = 0;
  for (const auto& stage : kStages) {
    nn::Sequential layers;
    for (const BlockConfig& b : stage) {
      const int64_t out = makeDivisible(b.out * o.width, 4);
      const int64_t mid = makeDivisible(b.expansion * o.width, 4);
      layers->push_back(GhostBottleneck(
          GhostBottleneckOptions{channels, mid, out, b.kernel, b.stride, b.se, o.ratio, o.dw}));
      channels = out;
      lastExpansion = b.expansion;
    }
    stages->push_back(layers);
  }
  const int64_t headIn = makeDivisible(lastExpansion * o.width, 4);
  stages->push_back(nn::Sequential(ConvBnAct(channels, headIn, 1)));
  blocks = register_module("blocks", stages);

  conv_head = register_module("conv_head",
                              nn::Conv2d(nn::Conv2dOptions(headIn, kHeadChannels, 1).bias(true)));
  classifier = register_module("classifier", nn::Linear(kHeadChannels, o.classes));
}

torch::Tensor GhostNetImpl::forwardLayers(torch::Tensor x) {
  x = torch::relu(observed(bn1, observed(conv_stem, x)));
  for (const auto& stage : *blocks) x = forwardSequential(*stage->as<nn::SequentialImpl>(), x);
  x = torch::adaptive_avg_pool2d(x, {1, 1});
  x = torch::relu(observed(conv_head, x)).flatten(1);
  if (dropout_ > 0.0) x = torch::dropout(x, dropout_, is_training());
  return observed(classifier, x);
}

}  // namespace ghostlens
