#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/types.h>

#include <string>
#include <unordered_map>

#include "ghostlens/models/deploy_state.h"

namespace ghostlens {

/// Receives every module output during a forward pass run inside an ObserverScope.
///
/// LibTorch has no forward hooks, so our models report their children's outputs through
/// notifyForward(). Counting (params/MACs) and feature taps are both observers; a model
/// therefore runs the same code whether or not anyone is watching.
class ForwardObserver {
 public:
  virtual ~ForwardObserver() = default;
  /// @param input  first input of the module, e.g. [N,C,H,W]
  /// @param output the module's output, e.g. [N,C',H',W'] or [N,F]
  virtual void onForward(const torch::nn::Module& module, const torch::Tensor& input,
                         const torch::Tensor& output) = 0;
  /// Called before `module` runs, for modules run through observed() or forwardSequential()
  /// (composites reported with notifyForward() alone get no begin). The profiler times these.
  virtual void onBegin(const torch::nn::Module& /*module*/) {}
};

/// Installs an observer for the current thread for the lifetime of the scope (scopes nest; the
/// innermost one receives the notifications).
class ObserverScope {
 public:
  explicit ObserverScope(ForwardObserver& observer);
  ~ObserverScope();
  ObserverScope(const ObserverScope&) = delete;
  ObserverScope& operator=(const ObserverScope&) = delete;

 private:
  ForwardObserver* previous_;
};

/// Tells the current thread's observer, if any, that `module` produced `output` from `input`.
void notifyForward(const torch::nn::Module& module, const torch::Tensor& input,
                   const torch::Tensor& output);

/// Tells the current thread's observer, if any, that `module` is about to run.
void notifyBegin(const torch::nn::Module& module);

/// Qualified name of every submodule of a root ("blocks.1.0.ghost1"), by address, so observers
/// can name the modules they are told about.
using ModuleNames = std::unordered_map<const torch::nn::Module*, std::string>;
ModuleNames moduleNames(torch::nn::Module& root);

/// Runs a module holder's forward and reports it. A BatchNorm folded into its conv by deploy mode
/// is skipped, unreported, as it no longer runs.
template <typename Holder>
torch::Tensor observed(Holder& module, const torch::Tensor& input) {
  if (isFoldedAway(*module)) return input;
  notifyBegin(*module);
  torch::Tensor output = deployedForward(*module, input);
  if (!output.defined()) output = module->forward(input);
  notifyForward(*module, input, output);
  return output;
}

/// Runs a Sequential child by child, reporting each child (Sequential::forward would hide them).
torch::Tensor forwardSequential(torch::nn::SequentialImpl& sequence, torch::Tensor input);

}  // namespace ghostlens
