#include "ghostlens/models/ghost_bottleneck.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"

namespace ghostlens {

namespace nn = torch::nn;

GhostBottleneckImpl::GhostBottleneckImpl(const GhostBottleneckOptions& o) {
  TORCH_CHECK(o.stride == 1 || o.stride == 2, "GhostBottleneck: stride must be 1 or 2");
  ghost1 = register_module(
      "ghost1", GhostModule(GhostModuleOptions{o.in, o.mid, 1, o.ratio, o.dw, 1, /*relu=*/true}));
  if (o.stride > 1) {
    conv_dw = register_module("conv_dw", nn::Conv2d(nn::Conv2dOptions(o.mid, o.mid, o.dwKernel)
                                                        .stride(o.stride)
                                                        .padding((o.dwKernel - 1) / 2)
                                                        .groups(o.mid)
                                                        .bias(false)));
    bn_dw = register_module("bn_dw", nn::BatchNorm2d(o.mid));
  }
  if (o.seRatio > 0.0) se = register_module("se", SqueezeExcite(o.mid, o.seRatio));
  ghost2 = register_module(
      "ghost2", GhostModule(GhostModuleOptions{o.mid, o.out, 1, o.ratio, o.dw, 1, /*relu=*/false}));
  shortcut = register_module("shortcut", nn::Sequential());
  if (o.in != o.out || o.stride != 1) {
    shortcut->push_back(nn::Conv2d(nn::Conv2dOptions(o.in, o.in, o.dwKernel)
                                       .stride(o.stride)
                                       .padding((o.dwKernel - 1) / 2)
                                       .groups(o.in)
                                       .bias(false)));
    shortcut->push_back(nn::BatchNorm2d(o.in));
    shortcut->push_back(nn::Conv2d(nn::Conv2dOptions(o.in, o.out, 1).bias(false)));
    shortcut->push_back(nn::BatchNorm2d(o.out));
  }
}

torch::Tensor GhostBottleneckImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = observed(ghost1, x);
  if (conv_dw) y = observed(bn_dw, observed(conv_dw, y));
  if (se) y = observed(se, y);
  y = observed(ghost2, y);
  return y + (shortcut->is_empty() ? x : forwardSequential(*shortcut, x));
}

ConvBnActImpl::ConvBnActImpl(int64_t in, int64_t out, int64_t kernel) {
  conv = register_module(
      "conv", nn::Conv2d(nn::Conv2dOptions(in, out, kernel).padding(kernel / 2).bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(out));
}

torch::Tensor ConvBnActImpl::forward(const torch::Tensor& x) {
  return torch::relu(observed(bn1, observed(conv, x)));
}

}  // namespace ghostlens
