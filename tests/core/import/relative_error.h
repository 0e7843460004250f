#pragma once

#include <torch/torch.h>

#include <algorithm>

namespace ghostlens {

/// max |a - b| relative to max |b|: "equal to 1e-4 relative" in the import tests.
inline double relativeError(const torch::Tensor& a, const torch::Tensor& b) {
  const double scale = std::max(b.abs().max().item<double>(), 1e-6);
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>() / scale;
}

}  // namespace ghostlens
