#include "ghostlens/analysis/feature_taps.h"

#include <torch/torch.h>

#include <set>

#include "ghostlens/models/basic_block.h"
#include "ghostlens/models/deploy_state.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_bottleneck.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/ghost_sites.h"
#include "ghostlens/models/network.h"
#include "ghostlens/models/resnet_bottleneck.h"

namespace ghostlens {

namespace {

/// Thrown by the observer to end a forward pass whose wanted layers are all captured.
struct EnoughLayers {};

class TapObserver : public ForwardObserver {
 public:
  TapObserver(torch::nn::Module& root, const std::vector<std::string>& stopAfter)
      : names_(moduleNames(root)),
        owners_(layerOwners(root)),
        pending_(stopAfter.begin(), stopAfter.end()) {}

  void onForward(const torch::nn::Module& module, const torch::Tensor& /*input*/,
                 const torch::Tensor& output) override {
    if (output.dim() != 4 || output.size(2) * output.size(3) <= 1) return;
    const auto found = names_.find(&module);
    if (found == names_.end()) return;
    const std::string& name = found->second;
    TappedLayer layer;
    layer.maps = output;
    if (const auto* ghost = dynamic_cast<const GhostModuleImpl*>(&module)) {
      layer.type = "GhostModule";
      layer.intrinsic = ghost->intrinsicChannels();
      layer.parents.resize(static_cast<std::size_t>(output.size(1)));
      for (int64_t c = 0; c < output.size(1); ++c) layer.parents[c] = ghost->parentOf(c);
    } else if (dynamic_cast<const GhostBottleneckImpl*>(&module)) {
      layer.type = "GhostBottleneck";
    } else if (dynamic_cast<const BasicBlockImpl*>(&module)) {
      layer.type = "BasicBlock";
    } else if (dynamic_cast<const ResNetBottleneckImpl*>(&module) ||
               dynamic_cast<const GhostResNetBottleneckImpl*>(&module)) {
      layer.type = "Bottleneck";
    } else if (dynamic_cast<const ConvBnActImpl*>(&module)) {
      layer.type = "ConvBnAct";
    } else if (dynamic_cast<const torch::nn::SequentialImpl*>(&module)) {
      layer.type = "Sequential";  // reported by ResNet-50: its layer1..4 and downsample
    } else if (dynamic_cast<const torch::nn::Conv2dImpl*>(&module)) {
      // A conv inside a Ghost module, a ConvBnAct or a shortcut belongs to that layer's tap.
      if (owners_.count(&module) > 0) return;
      layer.type = "Conv2d";
      // Deploy mode folded this conv's BN into it: its own maps are the output mapped back.
      if (const DeployState* deploy = activeDeployState()) {
        const auto folded = deploy->foldedConvs.find(&module);
        if (folded != deploy->foldedConvs.end()) {
          layer.maps = (output - folded->second.shift.view({1, -1, 1, 1})) /
                       folded->second.scale.view({1, -1, 1, 1});
        }
      }
    } else {
      return;
    }
    layer.name = name;
    if (layer.parents.empty()) layer.intrinsic = output.size(1);
    layers_.push_back(std::move(layer));
    if (!pending_.empty() && pending_.erase(name) > 0 && pending_.empty()) throw EnoughLayers{};
  }

  std::vector<TappedLayer> take() { return std::move(layers_); }

 private:
  ModuleNames names_;
  std::unordered_map<const torch::nn::Module*, const torch::nn::Module*> owners_;
  std::set<std::string> pending_;
  std::vector<TappedLayer> layers_;
};

}  // namespace

TapResult runWithTaps(NetworkImpl& model, const torch::Tensor& input,
                      const std::vector<std::string>& stopAfter) {
  TORCH_CHECK(input.dim() == 4, "taps: input must be [N, C, H, W], got ", input.dim(), " dims");
  EvalScope eval(model);
  TapObserver observer(model, stopAfter);
  TapResult result;
  try {
    ObserverScope scope(observer);
    result.logits = model.forward(input);
  } catch (const EnoughLayers&) {
    // the wanted layers are in; the rest of the pass is not needed
  }
  result.layers = observer.take();
  return result;
}

}  // namespace ghostlens
