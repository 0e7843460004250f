#include "ghostlens/models/ghost_module.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"

namespace ghostlens {

namespace nn = torch::nn;

GhostModuleImpl::GhostModuleImpl(const GhostModuleOptions& options) : options_(options) {
  TORCH_CHECK(options.in >= 1 && options.out >= 1,
              "GhostModule: channels must be positive, got in=", options.in, " out=", options.out);
  TORCH_CHECK(options.ratio >= 1, "GhostModule: ratio s must be >= 1, got ", options.ratio);
  TORCH_CHECK(options.dw >= 1 && options.dw % 2 == 1,
              "GhostModule: cheap kernel d must be odd and >= 1, got ", options.dw);
  TORCH_CHECK(options.kernel >= 1 && options.stride >= 1, "GhostModule: bad kernel or stride");
  init_ = (options.out + options.ratio - 1) / options.ratio;

  nn::Sequential primary(nn::Conv2d(nn::Conv2dOptions(options.in, init_, options.kernel)
                                        .stride(options.stride)
                                        .padding(options.kernel / 2)
                                        .bias(false)),
                         nn::BatchNorm2d(init_));
  if (options.relu) primary->push_back(nn::ReLU());
  primary_conv = register_module("primary_conv", primary);

  if (options.ratio > 1) {
    const int64_t made = init_ * (options.ratio - 1);
    nn::Sequential cheap(nn::Conv2d(nn::Conv2dOptions(init_, made, options.dw)
                                        .padding(options.dw / 2)
                                        .groups(init_)
                                        .bias(false)),
                         nn::BatchNorm2d(made));
    if (options.relu) cheap->push_back(nn::ReLU());
    cheap_operation = register_module("cheap_operation", cheap);
  }
}

torch::Tensor GhostModuleImpl::forward(const torch::Tensor& x) {
  torch::Tensor intrinsic = forwardSequential(*primary_conv, x);
  if (!cheap_operation) return intrinsic;
  torch::Tensor ghosts = forwardSequential(*cheap_operation, intrinsic);
  return torch::cat({intrinsic, ghosts}, 1).narrow(1, 0, options_.out);
}

int64_t GhostModuleImpl::parentOf(int64_t channel) const {
  TORCH_CHECK(channel >= 0 && channel < options_.out, "GhostModule: channel ", channel,
              " out of range [0, ", options_.out, ")");
  if (channel < init_) return channel;
  return (channel - init_) / (options_.ratio - 1);
}

}  // namespace ghostlens
