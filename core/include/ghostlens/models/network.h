#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/types.h>

#include <memory>

namespace ghostlens {

struct DeployState;

/// Common base of the whole-model classes of the zoo, so a model can be held and run without
/// knowing its architecture.
class NetworkImpl : public torch::nn::Module {
 public:
  /// Runs the model; a deployed model (makeDeployed()) runs with its folded BatchNorms skipped
  /// and its Ghost modules writing into one output.
  /// @param x [N, C, H, W] with C the model's input channels  @return logits [N, classes]
  torch::Tensor forward(torch::Tensor x);

  /// Draws every weight afresh from `generator`, as the architecture's reference initialises it
  /// (LibTorch's defaults unless an architecture says otherwise). buildModel() calls it with a
  /// generator of the build's own: LibTorch's global one can be reseeded or drawn from by any
  /// thread between a seed and the draws, so a seeded build on it was not always the same model.
  virtual void initialise(at::Generator& generator);

  /// LibTorch's reset_parameters() of `module` when it is a convolution or a linear layer,
  /// drawing from `generator`; other modules are left as they are.
  static void resetLikeLibTorch(torch::nn::Module& module, at::Generator& generator);

  /// The folding done by makeDeployed(), or null for a plain model.
  const DeployState* deployState() const { return deploy_.get(); }
  void setDeployState(std::shared_ptr<const DeployState> state) { deploy_ = std::move(state); }

 protected:
  /// The architecture's forward pass: @param x [N, C, H, W]  @return [N, classes]
  virtual torch::Tensor forwardLayers(torch::Tensor x) = 0;

 private:
  std::shared_ptr<const DeployState> deploy_;
};

}  // namespace ghostlens
