#include "ghostlens/analysis/layer_measures.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace ghostlens {

RankMeasures rankMeasures(const torch::Tensor& maps) {
  TORCH_CHECK(maps.dim() == 3, "rank measures: maps must be [C, H, W], got ", maps.dim(), " dims");
  const int64_t channels = maps.size(0);
  torch::Tensor flat = maps.reshape({channels, -1}).to(torch::kFloat64);
  flat = flat - flat.mean(1, true);
  // Singular values from the eigenvalues of the smaller Gram matrix: a matrix product and a
  // C x C (or HW x HW) symmetric eigenproblem cost a tenth of an SVD of the C x HW maps (80 ms
  // for ResNet-50's 256 maps of 56 x 56). Eigenvalues within the eigensolver's rounding error
  // of zero (about n * eps * largest) are zero, as an SVD would find them.
  const torch::Tensor gram =
      flat.size(1) >= channels ? flat.matmul(flat.t()) : flat.t().matmul(flat);
  torch::Tensor eigen = torch::linalg_eigvalsh(gram).flip(0);
  const double floor = std::max(eigen[0].item<double>(), 0.0) * 4.0 *
                       static_cast<double>(gram.size(0)) * std::numeric_limits<double>::epsilon();
  const torch::Tensor sigma = torch::where(eigen > floor, eigen, torch::zeros_like(eigen)).sqrt();
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
