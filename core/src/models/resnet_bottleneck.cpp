#include "ghostlens/models/resnet_bottleneck.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"

namespace ghostlens {

ResNetBottleneckImpl::ResNetBottleneckImpl(int64_t in, int64_t planes, int64_t stride,
                                           int64_t ratio, int64_t dw) {
  const int64_t out = planes * kExpansion;
  conv1 =
      register_module("conv1", GhostModule(GhostModuleOptions{in, planes, 1, ratio, dw, 1, true}));
  conv2 = register_module(
      "conv2", GhostModule(GhostModuleOptions{planes, planes, 3, ratio, dw, stride, true}));
  conv3 = register_module("conv3",
                          GhostModule(GhostModuleOptions{planes, out, 1, ratio, dw, 1, false}));
  if (stride != 1 || in != out) {
    downsample = register_module(
        "downsample", GhostModule(GhostModuleOptions{in, out, 1, ratio, dw, stride, false}));
  }
}

torch::Tensor ResNetBottleneckImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = observed(conv3, observed(conv2, observed(conv1, x)));
  return torch::relu(y + (downsample ? observed(downsample, x) : x));
}

}  // namespace ghostlens
