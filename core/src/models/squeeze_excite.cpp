#include "ghostlens/models/squeeze_excite.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/make_divisible.h"

namespace ghostlens {

namespace nn = torch::nn;

SqueezeExciteImpl::SqueezeExciteImpl(int64_t channels, double seRatio) {
  const int64_t reduced = makeDivisible(static_cast<double>(channels) * seRatio, 4);
  conv_reduce = register_module("conv_reduce",
                                nn::Conv2d(nn::Conv2dOptions(channels, reduced, 1).bias(true)));
  conv_expand = register_module("conv_expand",
                                nn::Conv2d(nn::Conv2dOptions(reduced, channels, 1).bias(true)));
}

torch::Tensor SqueezeExciteImpl::forward(const torch::Tensor& x) {
  torch::Tensor s = torch::adaptive_avg_pool2d(x, {1, 1});
  s = torch::relu(observed(conv_reduce, s));
  s = observed(conv_expand, s);
  // hard_sigmoid(x) = relu6(x + 3) / 6, as in the official release.
  return x * (torch::clamp(s + 3.0, 0.0, 6.0) / 6.0);
}

}  // namespace ghostlens
