#include "ghostlens/models/network.h"

#include "ghostlens/models/deploy_state.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/utils.h>

#include <cmath>

#include "ghostlens/models/depthwise_conv.h"

namespace ghostlens {

namespace {
thread_local const DeployState* activeState = nullptr;

/// Makes a network's deploy state the thread's for one forward pass (networks may nest: a
/// model run inside another's forward sees its own state).
class ActiveDeployState {
 public:
  explicit ActiveDeployState(const DeployState* state) : previous_(activeState) {
    activeState = state;
  }
  ~ActiveDeployState() { activeState = previous_; }
  ActiveDeployState(const ActiveDeployState&) = delete;
  ActiveDeployState& operator=(const ActiveDeployState&) = delete;

 private:
  const DeployState* previous_;
};
}  // namespace

const DeployState* activeDeployState() { return activeState; }

bool isFoldedAway(const torch::nn::Module& module) {
  return activeState != nullptr && activeState->foldedNorms.count(&module) > 0;
}

torch::Tensor deployedForward(const torch::nn::Module& module, const torch::Tensor& input) {
  if (activeState == nullptr || activeState->depthwiseConvs.count(&module) == 0) return {};
  const auto& conv = *module.as<torch::nn::Conv2dImpl>();
  const int64_t stride = (*conv.options.stride())[0];
  const int64_t kernel = (*conv.options.kernel_size())[0];
  const int64_t height = paddedConvOutputSize(input.size(2), kernel, stride);
  const int64_t width = paddedConvOutputSize(input.size(3), kernel, stride);
  torch::Tensor out =
      torch::empty({input.size(0), conv.weight.size(0), height, width}, input.options());
  depthwiseConv2d(input.contiguous(), conv.weight, conv.bias, stride, false, out);
  return out;
}

namespace {
/// kaiming_uniform_(weight, a = sqrt(5)), then the bias uniform in +-1/sqrt(fan_in), drawing from
/// `generator`. Written with the same operations as torch/csrc/api/src/nn/init.cpp, so that a
/// seed gives the weights it gave when LibTorch drew them from its global generator.
void resetWeightAndBias(torch::Tensor& weight, torch::Tensor& bias, at::Generator& generator) {
  const int64_t fanIn = weight.numel() / weight.size(0);
  const double a = std::sqrt(5);
  const double gain = std::sqrt(2.0 / (1 + std::pow(a, 2)));
  const double deviation = gain / std::sqrt(fanIn);
  const double bound = std::sqrt(3.0) * deviation;
  weight.uniform_(-bound, bound, generator);
  if (bias.defined()) {
    const double biasBound = 1 / std::sqrt(fanIn);
    bias.uniform_(-biasBound, biasBound, generator);
  }
}
}  // namespace

void NetworkImpl::resetLikeLibTorch(torch::nn::Module& module, at::Generator& generator) {
  torch::NoGradGuard noGrad;
  if (auto* conv = module.as<torch::nn::Conv2dImpl>()) {
    resetWeightAndBias(conv->weight, conv->bias, generator);
  } else if (auto* linear = module.as<torch::nn::LinearImpl>()) {
    resetWeightAndBias(linear->weight, linear->bias, generator);
  }
}

void NetworkImpl::initialise(at::Generator& generator) {
  // In the order the constructors ran, which is the modules' order in every architecture but
  // VGG-16 (see Vgg16Impl::initialise).
  for (const auto& module : modules(/*include_self=*/false)) resetLikeLibTorch(*module, generator);
}

torch::Tensor NetworkImpl::forward(torch::Tensor x) {
  const ActiveDeployState scope(deploy_.get());
  if (deploy_ && deploy_->channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
  return forwardLayers(std::move(x));
}

}  // namespace ghostlens
