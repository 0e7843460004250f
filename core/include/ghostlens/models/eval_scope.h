#pragma once

#include <c10/core/InferenceMode.h>
#include <torch/nn/module.h>

namespace ghostlens {

/// Puts a model in eval mode under c10::InferenceMode for the scope's lifetime and gives the
/// caller back its train/eval mode afterwards, even when the forward pass throws.
class EvalScope {
 public:
  explicit EvalScope(torch::nn::Module& model) : model_(model), wasTraining_(model.is_training()) {
    model_.eval();
  }
  ~EvalScope() { model_.train(wasTraining_); }
  EvalScope(const EvalScope&) = delete;
  EvalScope& operator=(const EvalScope&) = delete;

 private:
  torch::nn::Module& model_;
  bool wasTraining_;
  c10::InferenceMode inference_;
};

}  // namespace ghostlens
