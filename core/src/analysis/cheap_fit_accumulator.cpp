#include "ghostlens/analysis/cheap_fit_accumulator.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "ghostlens/analysis/redundancy.h"

namespace ghostlens {

namespace {
constexpr double kFitTiny = 1e-12;
/// Images per product: bounds the [C, d2, n*H*W] patch tensor to about 32 MB.
constexpr int64_t kPatchBudget = int64_t{8} << 20;
}  // namespace

CheapFitAccumulator::CheapFitAccumulator(int64_t d) : d_(d) {
  TORCH_CHECK(d >= 1 && d % 2 == 1, "cheap-op fit: d must be odd and >= 1, got ", d);
}

void CheapFitAccumulator::add(const torch::Tensor& input) {
  const torch::Tensor maps = input.dim() == 3 ? input.unsqueeze(0) : input;
  TORCH_CHECK(maps.dim() == 4, "cheap-op fit: maps must be [N, C, H, W], got ", maps.sizes());
  TORCH_CHECK(maps.size(0) >= 1 && maps.size(1) >= 1 && maps.size(2) >= 1 && maps.size(3) >= 1,
              "cheap-op fit: empty maps ", maps.sizes());
  TORCH_CHECK(torch::isfinite(maps).all().item<bool>(), "cheap-op fit: maps contain NaN or Inf");
  const int64_t c = maps.size(1), h = maps.size(2), w = maps.size(3), d2 = d_ * d_;
  if (images_ == 0) {
    channels_ = c;
    height_ = h;
    width_ = w;
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
    gram_ = torch::zeros({c, d2, d2}, f64);
    rhs_ = torch::zeros({c, d2, c}, f64);
    energy_ = torch::zeros({c}, f64);
    sum_ = torch::zeros({c}, f64);
  }
  TORCH_CHECK(c == channels_ && h == height_ && w == width_, "cheap-op fit: maps ", maps.sizes(),
              " after maps of ", channels_, "x", height_, "x", width_);
  const int64_t chunk = std::max<int64_t>(1, kPatchBudget / (c * d2 * h * w));
  for (int64_t first = 0; first < maps.size(0); first += chunk) {
    const int64_t n = std::min(chunk, maps.size(0) - first);
    const torch::Tensor part = maps.narrow(0, first, n).to(torch::kFloat32).contiguous();
    // [n*C, 1, H, W] -> [n*C, d2, HW] -> [C, d2, n*HW]: one product per chunk.
    const torch::Tensor p =
        torch::im2col(part.reshape({n * c, 1, h, w}), {d_, d_}, {1, 1}, {d_ / 2, d_ / 2}, {1, 1})
            .view({n, c, d2, h * w})
            .permute({1, 2, 0, 3})
            .reshape({c, d2, n * h * w});
    const torch::Tensor flat = part.permute({1, 0, 2, 3}).reshape({c, n * h * w});  // [C, n*HW]
    gram_ += p.matmul(p.transpose(1, 2)).to(torch::kFloat64);
    rhs_ += p.reshape({c * d2, n * h * w}).matmul(flat.t()).view({c, d2, c}).to(torch::kFloat64);
    const torch::Tensor flat64 = flat.to(torch::kFloat64);
    energy_ += flat64.pow(2).sum(1);
    sum_ += flat64.sum(1);
    maxAbs_ = std::max(maxAbs_, flat64.abs().max().item<double>());
  }
  images_ += maps.size(0);
}

torch::Tensor CheapFitAccumulator::result() const {
  TORCH_CHECK(images_ > 0, "cheap-op fit: no images added");
  const int64_t d2 = d_ * d_;
  // A ridge tiny against the data, so that dead maps still solve (to w = 0).
  const torch::Tensor scale = gram_.diagonal(0, 1, 2).mean(1).clamp_min(1.0);
  const torch::Tensor gram =
      gram_ + (1e-10 * scale).view({-1, 1, 1}) * torch::eye(d2, gram_.options());
  const torch::Tensor w = torch::linalg_solve(gram, rhs_);  // [C, d2, C]
  const torch::Tensor explained = (w * rhs_).sum(1);        // [C(i), C(j)]
  const torch::Tensor residual = (energy_.unsqueeze(0) - explained).clamp_min(0);
  const double pixels = static_cast<double>(images_ * height_ * width_);
  const torch::Tensor total = (energy_ - sum_.pow(2) / pixels).clamp_min(0).unsqueeze(0);
  const torch::Tensor energyScale = energy_.unsqueeze(0) + 1.0;
  const torch::Tensor r2 = (1.0 - residual / total.clamp_min(kFitTiny)).clamp(0.0, 1.0);
  const torch::Tensor constantTarget = (total <= 1e-9 * energyScale).expand_as(r2);
  return torch::where(constantTarget, (residual <= 1e-5 * energyScale).to(torch::kFloat64), r2);
}

std::vector<int64_t> CheapFitAccumulator::constantMaps() const {
  std::vector<int64_t> out;
  if (images_ == 0) return out;
  const double pixels = static_cast<double>(images_ * height_ * width_);
  const torch::Tensor variance = ((energy_ - sum_.pow(2) / pixels) / pixels).clamp_min(0);
  const double limit = kDeadMapTolerance * maxAbs_;
  const auto v = variance.accessor<double, 1>();
  for (int64_t c = 0; c < channels_; ++c) {
    if (maxAbs_ == 0 || std::sqrt(v[c]) <= limit) out.push_back(c);
  }
  return out;
}

}  // namespace ghostlens
