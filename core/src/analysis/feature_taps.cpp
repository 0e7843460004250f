#include "ghostlens/analysis/feature_taps.h"

#include <torch/torch.h>

#include "ghostlens/models/basic_block.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_bottleneck.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/network.h"
#include "ghostlens/models/resnet_bottleneck.h"

namespace ghostlens {

namespace {

class TapObserver : public ForwardObserver {
 public:
  explicit TapObserver(torch::nn::Module& root) : names_(moduleNames(root)) {}

  void onForward(const torch::nn::Module& module, const torch::Tensor& /*input*/,
                 const torch::Tensor& output) override {
    if (output.dim() != 4 || output.size(2) * output.size(3) <= 1) return;
    const auto found = names_.find(&module);
    if (found == names_.end()) return;
    const std::string& name = found->second;
    TappedLayer layer;
    if (const auto* ghost = dynamic_cast<const GhostModuleImpl*>(&module)) {
      layer.type = "GhostModule";
      layer.intrinsic = ghost->intrinsicChannels();
      layer.parents.resize(static_cast<std::size_t>(output.size(1)));
      for (int64_t c = 0; c < output.size(1); ++c) layer.parents[c] = ghost->parentOf(c);
    } else if (dynamic_cast<const GhostBottleneckImpl*>(&module)) {
      layer.type = "GhostBottleneck";
    } else if (dynamic_cast<const BasicBlockImpl*>(&module)) {
      layer.type = "BasicBlock";
    } else if (dynamic_cast<const ResNetBottleneckImpl*>(&module)) {
      layer.type = "Bottleneck";
    } else if (dynamic_cast<const ConvBnActImpl*>(&module)) {
      layer.type = "ConvBnAct";
    } else if (dynamic_cast<const torch::nn::Conv2dImpl*>(&module)) {
      // Inside a Ghost module or a ConvBnAct the enclosing module is the layer; shortcut convs
      // only feed the sum that the block's own tap shows.
      const bool endsInConv = name.size() > 5 && name.compare(name.size() - 5, 5, ".conv") == 0;
      if (endsInConv || name.find(".primary_conv.") != std::string::npos ||
          name.find(".cheap_operation.") != std::string::npos ||
          name.find(".shortcut.") != std::string::npos) {
        return;
      }
      layer.type = "Conv2d";
    } else {
      return;
    }
    layer.name = name;
    layer.maps = output;
    if (layer.parents.empty()) layer.intrinsic = output.size(1);
    layers_.push_back(std::move(layer));
  }

  std::vector<TappedLayer> take() { return std::move(layers_); }

 private:
  ModuleNames names_;
  std::vector<TappedLayer> layers_;
};

}  // namespace

TapResult runWithTaps(NetworkImpl& model, const torch::Tensor& input) {
  TORCH_CHECK(input.dim() == 4, "taps: input must be [N, C, H, W], got ", input.dim(), " dims");
  EvalScope eval(model);
  TapObserver observer(model);
  ObserverScope scope(observer);
  TapResult result;
  result.logits = model.forward(input);
  result.layers = observer.take();
  return result;
}

}  // namespace ghostlens
