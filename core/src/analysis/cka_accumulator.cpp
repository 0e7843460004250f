#include "ghostlens/analysis/cka_accumulator.h"

#include <torch/torch.h>

namespace ghostlens {

namespace {

torch::Tensor gramWithoutDiagonal(const torch::Tensor& features) {
  const torch::Tensor x = features.reshape({features.size(0), -1}).to(torch::kFloat64);
  torch::Tensor k = x.matmul(x.t());
  k.fill_diagonal_(0.0);
  return k;
}

// The estimator on Gram matrices whose diagonals are already zero.
double hsicOfZeroDiagonal(const torch::Tensor& k, const torch::Tensor& l) {
  const double n = static_cast<double>(k.size(0));
  const torch::Tensor ones = torch::ones({k.size(0)}, k.options());
  const double trace = (k * l).sum().item<double>();  // tr(K L) for symmetric K, L
  const double sums = k.sum().item<double>() * l.sum().item<double>() / ((n - 1) * (n - 2));
  const double cross = ones.matmul(k).matmul(l.matmul(ones)).item<double>() * 2.0 / (n - 2);
  return (trace + sums - cross) / (n * (n - 3));
}

}  // namespace

CkaAccumulator::CkaAccumulator(int64_t layersA, int64_t layersB)
    : cross_(torch::zeros({layersA, layersB}, torch::kFloat64)),
      selfA_(torch::zeros({layersA}, torch::kFloat64)),
      selfB_(torch::zeros({layersB}, torch::kFloat64)) {}

void CkaAccumulator::add(const std::vector<torch::Tensor>& featuresA,
                         const std::vector<torch::Tensor>& featuresB) {
  TORCH_CHECK(static_cast<int64_t>(featuresA.size()) == cross_.size(0) &&
                  static_cast<int64_t>(featuresB.size()) == cross_.size(1),
              "CKA: expected ", cross_.size(0), " and ", cross_.size(1), " layers");
  TORCH_CHECK(!featuresA.empty() && featuresA[0].size(0) >= 4,
              "CKA: a minibatch needs >= 4 samples");
  std::vector<torch::Tensor> gramsB;
  for (std::size_t j = 0; j < featuresB.size(); ++j) {
    gramsB.push_back(gramWithoutDiagonal(featuresB[j]));
    selfB_[j] += hsicOfZeroDiagonal(gramsB[j], gramsB[j]);
  }
  for (std::size_t i = 0; i < featuresA.size(); ++i) {
    const torch::Tensor k = gramWithoutDiagonal(featuresA[i]);
    selfA_[i] += hsicOfZeroDiagonal(k, k);
    for (std::size_t j = 0; j < gramsB.size(); ++j)
      cross_[i][j] += hsicOfZeroDiagonal(k, gramsB[j]);
  }
  ++batches_;
}

torch::Tensor CkaAccumulator::value() const {
  const torch::Tensor denominator =
      torch::sqrt((selfA_.clamp_min(0).unsqueeze(1) * selfB_.clamp_min(0).unsqueeze(0)));
  return torch::where(denominator > 1e-30, cross_ / denominator.clamp_min(1e-30),
                      torch::zeros_like(cross_));
}

}  // namespace ghostlens
