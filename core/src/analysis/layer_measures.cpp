#include "ghostlens/analysis/layer_measures.h"

#include <torch/torch.h>

#include <cmath>

namespace ghostlens {

RankMeasures rankMeasures(const torch::Tensor& maps) {
  TORCH_CHECK(maps.dim() == 3, "rank measures: maps must be [C, H, W], got ", maps.dim(), " dims");
  const int64_t channels = maps.size(0);
  torch::Tensor flat = maps.reshape({channels, -1}).to(torch::kFloat64);
  flat = flat - flat.mean(1, true);
  const torch::Tensor sigma = torch::linalg_svdvals(flat);
  RankMeasures m;
  const double total = sigma.sum().item<double>();
  if (total <= 1e-12) {
    m.impliedRatio = static_cast<double>(channels);
    return m;
  }
  const torch::Tensor p = sigma / total;
  const torch::Tensor logs = torch::where(p > 0, torch::log(p), torch::zeros_like(p));
  m.effectiveRank = std::exp(-(p * logs).sum().item<double>());
  const torch::Tensor energy = sigma.pow(2);
  const torch::Tensor cumulative = energy.cumsum(0) / energy.sum();
  m.k95 = (cumulative < 0.95 - 1e-12).sum().item<int64_t>() + 1;
  m.impliedRatio = static_cast<double>(channels) / static_cast<double>(m.k95);
  return m;
}

}  // namespace ghostlens
