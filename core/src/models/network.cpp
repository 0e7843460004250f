#include "ghostlens/models/network.h"

#include "ghostlens/models/deploy_state.h"

#include <torch/nn/modules/conv.h>

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

torch::Tensor NetworkImpl::forward(torch::Tensor x) {
  const ActiveDeployState scope(deploy_.get());
  if (deploy_ && deploy_->channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
  return forwardLayers(std::move(x));
}

}  // namespace ghostlens
