#include "ghostlens/models/forward_observer.h"

namespace ghostlens {
namespace {
thread_local ForwardObserver* currentObserver = nullptr;
}  // namespace

ObserverScope::ObserverScope(ForwardObserver& observer) : previous_(currentObserver) {
  currentObserver = &observer;
}

ObserverScope::~ObserverScope() { currentObserver = previous_; }

void notifyForward(const torch::nn::Module& module, const torch::Tensor& input,
                   const torch::Tensor& output) {
  if (currentObserver != nullptr) currentObserver->onForward(module, input, output);
}

void notifyBegin(const torch::nn::Module& module) {
  if (currentObserver != nullptr) currentObserver->onBegin(module);
}

ModuleNames moduleNames(torch::nn::Module& root) {
  ModuleNames names;
  for (const auto& item : root.named_modules("", /*include_self=*/false)) {
    names.emplace(item.value().get(), item.key());
  }
  return names;
}

torch::Tensor forwardSequential(torch::nn::SequentialImpl& sequence, torch::Tensor input) {
  for (auto& child : sequence) {
    if (isFoldedAway(*child.ptr())) continue;
    notifyBegin(*child.ptr());
    torch::Tensor output = deployedForward(*child.ptr(), input);
    if (!output.defined()) output = child.forward(input);
    notifyForward(*child.ptr(), input, output);
    input = std::move(output);
  }
  return input;
}

}  // namespace ghostlens
