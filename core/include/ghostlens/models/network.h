#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

namespace ghostlens {

/// Common base of the whole-model classes of the zoo, so a model can be held and run without
/// knowing its architecture.
class NetworkImpl : public torch::nn::Module {
 public:
  /// @param x [N, C, H, W] with C the model's input channels  @return logits [N, classes]
  virtual torch::Tensor forward(torch::Tensor x) = 0;
};

}  // namespace ghostlens
