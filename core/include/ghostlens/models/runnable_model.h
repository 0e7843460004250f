#pragma once

#include <torch/types.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ghostlens {

struct TapResult;
struct ComplexityReport;

/// Where a model's code comes from.
enum class ModelKind {
  Zoo,          ///< one of GhostLens's own architectures (NetworkImpl): every feature
  TorchScript,  ///< a torch.jit.trace or torch.jit.script file, run by LibTorch's interpreter
};

/// "zoo", "TorchScript".
std::string modelKindName(ModelKind kind);

/// A model that can run, be tapped and be counted, whatever its kind: the one interface the
/// session (LoadedModel, ModelPair) and the views run models through. What only the zoo can do
/// (ghost ratio, deploy mode, plans, training) is asked of the zoo kind itself.
class RunnableModel {
 public:
  virtual ~RunnableModel() = default;
  virtual ModelKind kind() const = 0;
  /// Models that name the same architecture share their layer names (a zoo model's vanilla and
  /// ghost forms; two files of one network).
  virtual std::string architecture() const = 0;
  /// In eval mode, without gradients.
  /// @param input [N, C, H, W]  @return the model's output, [N, classes]
  virtual torch::Tensor forward(const torch::Tensor& input) = 0;
  /// One forward pass in eval mode capturing every layer with a spatial map (H*W > 1).
  /// @param input [N, C, H, W]
  /// @param stopAfter when the kind can, the pass ends once these layers are captured (the logits
  ///        are then undefined); kinds that cannot run whole
  virtual TapResult tap(const torch::Tensor& input,
                        const std::vector<std::string>& stopAfter = {}) = 0;
  /// Parameters, and multiply-accumulates per layer and in total for one sample of shape `input`.
  virtual ComplexityReport count(const std::array<int64_t, 3>& input) = 0;
};

}  // namespace ghostlens
