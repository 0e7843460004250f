#include "ghostlens/models/zoo_model.h"

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/network.h"

namespace ghostlens {

ZooModel::ZooModel(std::shared_ptr<NetworkImpl> network, ModelSpec spec)
    : network_(std::move(network)), spec_(std::move(spec)) {}

std::string ZooModel::architecture() const { return architectureName(spec_.arch); }

torch::Tensor ZooModel::forward(const torch::Tensor& input) {
  EvalScope eval(*network_);
  return network_->forward(input);
}

TapResult ZooModel::tap(const torch::Tensor& input, const std::vector<std::string>& stopAfter) {
  return runWithTaps(*network_, input, stopAfter);
}

ComplexityReport ZooModel::count(const std::array<int64_t, 3>& input) {
  return countComplexity(*network_, input);
}

}  // namespace ghostlens
