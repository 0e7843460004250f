#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ghostlens/models/ghost_site.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens {

class NetworkImpl;

}  // namespace ghostlens

namespace torch::nn {
class Module;
}  // namespace torch::nn

namespace ghostlens {

/// A module's type as a person reads it: "Conv2d", "GhostModule" (namespace and "Impl" cut).
std::string shortTypeName(const torch::nn::Module& module);

/// Cost of one leaf module (conv, BN, linear, activation, pool) that ran in the forward pass.
struct LayerCost {
  std::string name;             ///< qualified name, as in the state dict ("blocks.1.0.conv_dw")
  std::string type;             ///< "Conv2d", "BatchNorm2d", "Linear", ...
  std::vector<int64_t> output;  ///< per-sample output shape [C, H, W]; [F, 1, 1] for a linear
  int64_t params = 0;           ///< parameters of the module (once, even if it runs twice)
  int64_t macs = 0;             ///< multiply-accumulates for one sample
  int64_t groups = 1;           ///< a conv's groups (its input channels for a depthwise conv)
  GhostSite site = GhostSite::None;  ///< its part in a Ghost module, or the one it would be
  std::string
      layer;  ///< the layer it belongs to (layerOwners): its Ghost module's name, or its own
};

struct ComplexityReport {
  std::vector<LayerCost> layers;  ///< in execution order
  int64_t params = 0;
  int64_t macs = 0;
};

/// Counts params and MACs of one sample of shape `input` (C, H, W) by running the model once in
/// eval mode and costing each leaf module that actually ran.
///
/// Convention (the paper's "FLOPs"): conv MACs = Cout*Hout*Wout*(Cin/groups)*kh*kw, linear MACs =
/// in*out; BN, activations, pooling and biases add no MACs; params are those of every module that
/// runs (BN affine included, buffers excluded).
ComplexityReport countComplexity(NetworkImpl& model, const std::array<int64_t, 3>& input);

/// Builds the model of `spec` and counts it at spec.input.
ComplexityReport countComplexity(const ModelSpec& spec);

/// Params and MACs of one layer as a person names it: a whole Ghost module (primary and cheap
/// parts together) or any other leaf module.
struct LayerTotal {
  std::string name;
  int64_t params = 0;
  int64_t macs = 0;
};

/// Folds the leaf rows of a report into layers, merging the parts of each Ghost module, in
/// execution order. Since vanilla and ghost forms share layer names, their rows pair up by name.
std::vector<LayerTotal> layerTotals(const ComplexityReport& report);

/// One layer's MACs in two counts.
struct LayerMacsPair {
  std::string name;
  int64_t first = 0;
  int64_t second = 0;
};

/// The layers of two counts (layerTotals of each) that cost MACs in either, matched by name, in
/// the first count's order; a layer that only the second has follows the one it comes after.
/// Vanilla and ghost forms share names, so their convs and Ghost modules pair up.
std::vector<LayerMacsPair> compareLayerMacs(const ComplexityReport& first,
                                            const ComplexityReport& second);

/// Two models counted side by side (usually the vanilla and the ghost form of one model).
struct PairCost {
  ModelSpec firstSpec, secondSpec;
  ComplexityReport first, second;
  std::vector<LayerMacsPair> layers;  ///< compareLayerMacs(first, second)
  double speedup = 1;                 ///< first MACs / second MACs
  double compression = 1;             ///< first params / second params
};

/// Counts both specs at their inputs and compares them layer by layer.
PairCost countPair(const ModelSpec& first, const ModelSpec& second);

}  // namespace ghostlens
