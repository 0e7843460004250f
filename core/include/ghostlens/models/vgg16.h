#pragma once

#include <torch/nn/modules/container/sequential.h>

#include <map>
#include <string>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/network.h"

namespace ghostlens {

struct Vgg16Options {
  double width = 1.0;  ///< channel multiplier of every layer (64w ... 512w)
  int64_t ratio = 2;   ///< s; 1 = the vanilla VGG-16
  int64_t dw = 3;      ///< d
  int64_t inChannels = 3;
  int64_t classes = 10;
  /// Per-layer s and d by layer name ("features.0"); layers absent use ratio and dw.
  std::map<std::string, LayerGhosting> plan;
};

/// The paper's CIFAR VGG-16: 13 x (3x3 conv + BN + ReLU) in `features` (each one a GhostModule,
/// a plain conv when s = 1) with 5 max-pools, then `classifier` = Linear(512w, 512w) + BN1d +
/// ReLU + Linear(512w, classes). Pools use ceil mode and a global average pool precedes the head,
/// so 28x28 inputs work too; at 32x32 both are no-ops. Throws InputError when the plan names a
/// layer that is not one of the 13 convs.
class Vgg16Impl : public NetworkImpl {
 public:
  explicit Vgg16Impl(const Vgg16Options& options);

  /// LibTorch's defaults in the order the constructor draws them: the features, then the
  /// classifier's last linear layer before its first (the order GCC built them in when they were
  /// a Sequential's arguments). Kept so that a seed gives the weights it always gave: the
  /// shipped pair and the sweep were trained from them.
  void initialise(at::Generator& generator) override;

  torch::nn::Sequential features{nullptr};
  torch::nn::Sequential classifier{nullptr};

 protected:
  torch::Tensor forwardLayers(torch::Tensor x) override;
};
TORCH_MODULE(Vgg16);

}  // namespace ghostlens
