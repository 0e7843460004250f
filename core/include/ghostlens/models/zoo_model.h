#pragma once

#include <memory>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/runnable_model.h"

namespace ghostlens {

class NetworkImpl;

/// A model of GhostLens's own zoo behind the RunnableModel interface.
class ZooModel : public RunnableModel {
 public:
  ZooModel(std::shared_ptr<NetworkImpl> network, ModelSpec spec);
  ModelKind kind() const override { return ModelKind::Zoo; }
  /// The architecture's name ("ghostnet"): a model's vanilla and ghost forms share it.
  std::string architecture() const override;
  torch::Tensor forward(const torch::Tensor& input) override;
  TapResult tap(const torch::Tensor& input,
                const std::vector<std::string>& stopAfter = {}) override;
  ComplexityReport count(const std::array<int64_t, 3>& input) override;

 private:
  std::shared_ptr<NetworkImpl> network_;
  ModelSpec spec_;
};

}  // namespace ghostlens
