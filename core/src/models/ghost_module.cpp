#include "ghostlens/models/ghost_module.h"

#include <torch/torch.h>

#include "ghostlens/models/depthwise_conv.h"
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
  if (cheap_operation && isFoldedAway(*primary_conv->ptr(1)) &&
      isFoldedAway(*cheap_operation->ptr(1))) {
    return forwardDeployed(x);
  }
  torch::Tensor intrinsic = forwardSequential(*primary_conv, x);
  if (!cheap_operation) return intrinsic;
  torch::Tensor ghosts = forwardSequential(*cheap_operation, intrinsic);
  return torch::cat({intrinsic, ghosts}, 1).narrow(1, 0, options_.out);
}

torch::Tensor GhostModuleImpl::forwardDeployed(const torch::Tensor& x) {
  auto& primary = *primary_conv->ptr<nn::Conv2dImpl>(0);
  auto& cheap = *cheap_operation->ptr<nn::Conv2dImpl>(0);
  const int64_t batch = x.size(0);
  const int64_t stride = options_.stride;
  const int64_t height = paddedConvOutputSize(x.size(2), options_.kernel, stride);
  const int64_t width = paddedConvOutputSize(x.size(3), options_.kernel, stride);
  torch::Tensor out = torch::empty({batch, options_.out, height, width}, x.options());
  torch::Tensor intrinsic = out.narrow(1, 0, init_);

  notifyBegin(primary);
  if (batch == 1 && options_.kernel == 1 && stride == 1 && x.is_contiguous()) {
    // A 1x1 conv of one image is one matrix product; it writes straight into the output's
    // first channels, which are contiguous for one image.
    torch::Tensor rows = intrinsic.view({init_, height * width});
    torch::addmm_out(rows, primary.bias.unsqueeze(1), primary.weight.view({init_, options_.in}),
                     x.view({options_.in, height * width}));
  } else {
    intrinsic.copy_(primary.forward(x));
  }
  if (options_.relu) intrinsic.relu_();
  notifyForward(primary, x, intrinsic);

  notifyBegin(cheap);
  torch::Tensor ghosts = out.narrow(1, init_, options_.out - init_);
  if (depthwiseConvSupported(cheap.weight, 1) && cheap.bias.defined()) {
    // Only the ghosts kept are computed, straight into the output, with the ReLU fused.
    depthwiseConv2d(intrinsic, cheap.weight, cheap.bias, 1, options_.relu, ghosts);
  } else {
    torch::Tensor made = cheap.forward(intrinsic);
    if (options_.relu) made.relu_();
    ghosts.copy_(made.narrow(1, 0, options_.out - init_));
  }
  notifyForward(cheap, intrinsic, ghosts);
  return out;
}

int64_t GhostModuleImpl::parentOf(int64_t channel) const {
  TORCH_CHECK(channel >= 0 && channel < options_.out, "GhostModule: channel ", channel,
              " out of range [0, ", options_.out, ")");
  if (channel < init_) return channel;
  return (channel - init_) / (options_.ratio - 1);
}

}  // namespace ghostlens
