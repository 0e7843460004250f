#include "ghostlens/models/deploy.h"

#include <torch/torch.h>

#include <vector>

#include "ghostlens/models/deploy_state.h"
#include "ghostlens/models/depthwise_conv.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/model_factory.h"

namespace ghostlens {

namespace nn = torch::nn;

namespace {

/// The conv -> BN pairs of one forward pass: a BN whose input is the output of the leaf run
/// just before it, a conv that runs once.
class ConvNormPairs : public ForwardObserver {
 public:
  void onForward(const nn::Module& module, const torch::Tensor& input,
                 const torch::Tensor& output) override {
    if (!module.children().empty()) return;
    auto* leaf = const_cast<nn::Module*>(&module);
    ++runs_[leaf];
    if (auto* bn = leaf->as<nn::BatchNorm2dImpl>()) {
      if (previous_ != nullptr && previous_->as<nn::Conv2dImpl>() != nullptr &&
          input.unsafeGetTensorImpl() == previousOutput_) {
        pairs_.emplace_back(previous_->as<nn::Conv2dImpl>(), bn);
      }
    }
    previous_ = leaf;
    previousOutput_ = output.unsafeGetTensorImpl();
  }

  /// Pairs whose conv and BN each ran once.
  std::vector<std::pair<nn::Conv2dImpl*, nn::BatchNorm2dImpl*>> pairs() const {
    std::vector<std::pair<nn::Conv2dImpl*, nn::BatchNorm2dImpl*>> once;
    for (const auto& [conv, bn] : pairs_) {
      if (runs_.at(conv) == 1 && runs_.at(bn) == 1) once.emplace_back(conv, bn);
    }
    return once;
  }

 private:
  std::unordered_map<const nn::Module*, int> runs_;
  std::vector<std::pair<nn::Conv2dImpl*, nn::BatchNorm2dImpl*>> pairs_;
  nn::Module* previous_ = nullptr;
  const void* previousOutput_ = nullptr;
};

}  // namespace

std::shared_ptr<NetworkImpl> makeDeployed(NetworkImpl& model, const ModelSpec& spec,
                                          const DeployOptions& options) {
  TORCH_CHECK(model.deployState() == nullptr, "makeDeployed: the model is deployed already");
  auto copy = buildModel(spec);
  {
    torch::NoGradGuard noGrad;
    auto theirs = model.named_parameters();
    for (auto& p : copy->named_parameters()) p.value().copy_(theirs[p.key()]);
    auto theirBuffers = model.named_buffers();
    for (auto& b : copy->named_buffers()) b.value().copy_(theirBuffers[b.key()]);
  }
  copy->eval();

  ConvNormPairs finder;
  {
    EvalScope eval(*copy);
    ObserverScope scope(finder);
    const auto& in = spec.input;
    copy->forward(torch::zeros({1, in[0], in[1], in[2]}));
  }

  auto state = std::make_shared<DeployState>();
  state->channelsLast = options.channelsLast;
  torch::NoGradGuard noGrad;
  for (const auto& [conv, bn] : finder.pairs()) {
    const auto& o = bn->options;
    const torch::Tensor scale = bn->weight / torch::sqrt(bn->running_var + o.eps());
    // A near-zero scale would make the conv's own maps unrecoverable for its tap.
    if (scale.abs().min().item<double>() <
        1e-6 * std::max(scale.abs().max().item<double>(), 1e-30)) {
      continue;
    }
    const torch::Tensor shift = bn->bias - bn->running_mean * scale;
    conv->weight.mul_(scale.view({-1, 1, 1, 1}));
    torch::Tensor bias = shift.clone();
    if (conv->bias.defined()) bias += conv->bias * scale;
    if (conv->bias.defined()) {
      conv->bias.copy_(bias);
    } else {
      // A bias-free Conv2d has registered "bias" as an undefined tensor, which cannot be
      // registered again; its forward reads the member, which is all inference needs.
      conv->bias = bias;
      conv->options.bias(true);
    }
    if (options.channelsLast) {
      conv->weight.set_data(conv->weight.contiguous(at::MemoryFormat::ChannelsLast));
    }
    state->foldedNorms.insert(bn);
    state->foldedConvs[conv] = DeployState::Affine{scale.clone(), shift.clone()};
  }
  for (const auto& module : copy->modules(/*include_self=*/false)) {
    const auto* conv = module->as<nn::Conv2dImpl>();
    if (conv == nullptr || !conv->bias.defined()) continue;
    const auto& o = conv->options;
    const int64_t kernel = (*o.kernel_size())[0];
    const bool depthwise = o.groups() > 1 && o.groups() == o.in_channels();
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    const bool padded =
        padding != nullptr && (**padding)[0] == kernel / 2 && (**padding)[1] == kernel / 2;
    const auto stride = *o.stride();
    const auto dilation = *o.dilation();
    if (depthwise && padded && stride[0] == stride[1] && dilation[0] == 1 && dilation[1] == 1 &&
        depthwiseConvSupported(conv->weight, stride[0]) && !options.channelsLast) {
      state->depthwiseConvs.insert(module.get());
    }
  }
  copy->setDeployState(std::move(state));
  return copy;
}

}  // namespace ghostlens
