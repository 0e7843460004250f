#include "ghostlens/models/resnet_bottleneck.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"

namespace ghostlens {

namespace nn = torch::nn;

ResNetBottleneckImpl::ResNetBottleneckImpl(int64_t in, int64_t planes, int64_t stride) {
  const int64_t out = planes * kExpansion;
  conv1 = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(in, planes, 1).bias(false)));
  bn1 = register_module("bn1", nn::BatchNorm2d(planes));
  conv2 = register_module(
      "conv2",
      nn::Conv2d(nn::Conv2dOptions(planes, planes, 3).stride(stride).padding(1).bias(false)));
  bn2 = register_module("bn2", nn::BatchNorm2d(planes));
  conv3 = register_module("conv3", nn::Conv2d(nn::Conv2dOptions(planes, out, 1).bias(false)));
  bn3 = register_module("bn3", nn::BatchNorm2d(out));
  if (stride != 1 || in != out) {
    downsample = register_module(
        "downsample",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)),
                       nn::BatchNorm2d(out)));
  }
}

torch::Tensor ResNetBottleneckImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = torch::relu(observed(bn1, observed(conv1, x)));
  y = torch::relu(observed(bn2, observed(conv2, y)));
  y = observed(bn3, observed(conv3, y));
  torch::Tensor identity = x;
  if (downsample) {
    identity = forwardSequential(*downsample, x);
    notifyForward(*downsample, x, identity);
  }
  return torch::relu(y + identity);
}

GhostResNetBottleneckImpl::GhostResNetBottleneckImpl(int64_t in, int64_t planes, int64_t stride,
                                                     int64_t ratio, int64_t dw) {
  const int64_t out = planes * ResNetBottleneckImpl::kExpansion;
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

torch::Tensor GhostResNetBottleneckImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = observed(conv3, observed(conv2, observed(conv1, x)));
  return torch::relu(y + (downsample ? observed(downsample, x) : x));
}

}  // namespace ghostlens
