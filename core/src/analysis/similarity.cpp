#include "ghostlens/analysis/similarity.h"

#include <torch/torch.h>

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

constexpr double kTiny = 1e-12;

/// [C, H, W] -> [C, H*W] in float32. The layer-sized products run in float32 (scores are good to
/// about 1e-6, far below what a person reads), which is 2 to 4 times faster than double here;
/// the small per-map quantities are formed in double where cancellation matters.
torch::Tensor uncheckedFlatMaps(const torch::Tensor& maps) {
  TORCH_CHECK(maps.dim() == 3, "similarity: maps must be [C, H, W], got ", maps.dim(), " dims");
  TORCH_CHECK(maps.size(0) >= 1 && maps.size(1) >= 1 && maps.size(2) >= 1,
              "similarity: empty maps ", maps.sizes());
  return maps.reshape({maps.size(0), -1}).to(torch::kFloat32).contiguous();
}

void checkFinite(const torch::Tensor& maps) {
  TORCH_CHECK(torch::isfinite(maps).all().item<bool>(), "similarity: maps contain NaN or Inf");
}

torch::Tensor flatMaps(const torch::Tensor& maps) {
  checkFinite(maps);
  return uncheckedFlatMaps(maps);
}

/// Gram matrix of unit rows; rows with no energy become 0 (off-diagonal) and 1 (diagonal), and
/// two rows without energy score 1 with each other.
torch::Tensor unitGram(const torch::Tensor& rows) {
  const torch::Tensor norms = rows.norm(2, 1);
  const torch::Tensor dead = norms <= kTiny * (1.0 + norms.max().item<double>());
  const torch::Tensor unit = rows / norms.clamp_min(kTiny).unsqueeze(1);
  // In place, and the masks only when some row is dead: on 2,048 maps each extra [C, C] pass
  // costs milliseconds the explorer's input change cannot spare.
  torch::Tensor gram = unit.matmul(unit.t()).to(torch::kFloat64).clamp_(-1.0, 1.0);
  if (dead.any().item<bool>()) {
    gram.masked_fill_(dead.unsqueeze(1) | dead.unsqueeze(0), 0.0);
    gram.masked_fill_(dead.unsqueeze(1) & dead.unsqueeze(0), 1.0);
  }
  gram.fill_diagonal_(1.0);
  return gram;
}

double layerRange(const torch::Tensor& flat) {
  const double range = (flat.max() - flat.min()).item<double>();
  return range > 0 ? range : 1.0;
}

}  // namespace

const std::vector<Metric>& allMetrics() {
  static const std::vector<Metric> metrics{Metric::Cosine, Metric::Pearson, Metric::Mse,
                                           Metric::Ssim, Metric::CheapFit};
  return metrics;
}

std::string metricName(Metric metric) {
  switch (metric) {
    case Metric::Cosine:
      return "cosine";
    case Metric::Pearson:
      return "pearson";
    case Metric::Mse:
      return "mse";
    case Metric::Ssim:
      return "ssim";
    case Metric::CheapFit:
      return "cheapfit";
  }
  throw InputError("unknown metric");
}

std::optional<Metric> parseMetric(const std::string& name) {
  for (const Metric m : allMetrics()) {
    if (metricName(m) == name) return m;
  }
  return std::nullopt;
}

namespace {

/// rows * rows^T of [C, K] rows, [C, C], both triangles. A Gram matrix is symmetric: from 256
/// rows only the row blocks on and below the diagonal are multiplied (3/4 of the work in 2
/// blocks, 10/16 in 4 from 512 rows) and mirrored. Measured over GhostNet's layers, 9% faster
/// than one full product; 6 blocks or blocking from 128 rows were slower (smaller products).
torch::Tensor symmetricProduct(const torch::Tensor& rows) {
  const int64_t c = rows.size(0);
  if (c < 256) return rows.matmul(rows.t()).contiguous();
  const int64_t blocks = c >= 512 ? 4 : 2;
  const int64_t size = (c + blocks - 1) / blocks;
  torch::Tensor gram = torch::empty({c, c}, rows.options());
  for (int64_t i = 0; i < blocks; ++i) {
    const int64_t top = i * size, height = std::min(size, c - top);
    if (height <= 0) break;
    // Row block i against row blocks 0..i in one product: [height, (i + 1) * size].
    const int64_t width = std::min((i + 1) * size, c);
    gram.narrow(0, top, height)
        .narrow(1, 0, width)
        .copy_(torch::mm(rows.narrow(0, top, height), rows.narrow(0, 0, width).t()));
    for (int64_t j = 0; j < i; ++j) {
      const int64_t left = j * size;
      gram.narrow(0, left, size)
          .narrow(1, top, height)
          .copy_(gram.narrow(0, top, height).narrow(1, left, size).t());
    }
  }
  return gram;
}

}  // namespace

torch::Tensor cosineMatrix(const torch::Tensor& maps) {
  // The Gram matrix of the raw maps (its symmetric half where that pays), then one plain pass
  // that normalises by its own diagonal, clamps, marks dead maps and widens to double.
  // Normalising the maps first, checking them for NaN and the half-dozen [C, C] tensor ops after
  // the product had cost 2.5x the product itself over GhostNet's 54 layers (issue 14: the
  // analysis engine on the roofline).
  const torch::Tensor flat = uncheckedFlatMaps(maps);
  const torch::Tensor gram = symmetricProduct(flat);
  const int64_t c = gram.size(0);
  const float* g = gram.data_ptr<float>();
  // A NaN or Inf in a map makes its diagonal entry NaN or Inf; so do finite maps whose squares
  // overflow float32, which the slower path normalises first.
  std::vector<double> inverse(static_cast<std::size_t>(c));
  std::vector<char> dead(static_cast<std::size_t>(c));
  double largest = 0;
  for (int64_t i = 0; i < c; ++i) {
    const double diagonal = g[i * c + i];
    if (!std::isfinite(diagonal)) {
      checkFinite(maps);
      return unitGram(flat);
    }
    inverse[static_cast<std::size_t>(i)] = std::sqrt(std::max(diagonal, 0.0));
    largest = std::max(largest, inverse[static_cast<std::size_t>(i)]);
  }
  bool anyDead = false;
  for (std::size_t i = 0; i < inverse.size(); ++i) {
    dead[i] = inverse[i] <= kTiny * (1.0 + largest);
    anyDead |= dead[i] != 0;
    // A dead map's factor is 0: its products with live maps come out 0 without a branch.
    inverse[i] = dead[i] ? 0.0 : 1.0 / std::max(inverse[i], kTiny);
  }
  torch::Tensor out = torch::empty({c, c}, torch::kFloat64);
  double* o = out.data_ptr<double>();
  const double* factor = inverse.data();
  // Serial below a quarter million entries: a parallel region cost more than it saved here.
  at::parallel_for(0, c, std::max<int64_t>(1, 262144 / c), [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const double scale = factor[i];
      const float* row = g + i * c;
      double* to = o + i * c;
      for (int64_t j = 0; j < c; ++j) {
        const double value = static_cast<double>(row[j]) * scale * factor[j];
        to[j] = value < -1.0 ? -1.0 : (value > 1.0 ? 1.0 : value);
      }
      to[i] = 1.0;
    }
  });
  if (anyDead) {  // two dead maps score 1 with each other
    for (int64_t i = 0; i < c; ++i) {
      if (!dead[static_cast<std::size_t>(i)]) continue;
      for (int64_t j = 0; j < c; ++j) {
        if (dead[static_cast<std::size_t>(j)]) o[i * c + j] = 1.0;
      }
    }
  }
  return out;
}

torch::Tensor pearsonMatrix(const torch::Tensor& maps) {
  const torch::Tensor flat = flatMaps(maps);
  return unitGram(flat - flat.mean(1, true));
}

torch::Tensor mseMatrix(const torch::Tensor& maps) {
  const torch::Tensor flat = flatMaps(maps);
  const torch::Tensor low = std::get<0>(flat.min(1, true));
  const torch::Tensor span = std::get<0>(flat.max(1, true)) - low;
  const torch::Tensor scaled =
      torch::where(span > 0, (flat - low) / span.clamp_min(kTiny), torch::zeros_like(flat));
  const double n = static_cast<double>(flat.size(1));
  const torch::Tensor squares = scaled.pow(2).sum(1);
  // ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b, for all pairs at once.
  const torch::Tensor sse =
      (squares.unsqueeze(1) + squares.unsqueeze(0) - 2.0 * scaled.matmul(scaled.t()))
          .to(torch::kFloat64)
          .clamp_min(0);
  torch::Tensor score = 1.0 - sse / n;
  score.fill_diagonal_(1.0);
  return score;
}

torch::Tensor ssimGlobalMatrix(const torch::Tensor& maps) {
  const torch::Tensor flat = flatMaps(maps);
  const double range = layerRange(flat);
  const double c1 = std::pow(0.01 * range, 2), c2 = std::pow(0.03 * range, 2);
  const double n = static_cast<double>(flat.size(1));
  const torch::Tensor mu32 = flat.mean(1);
  const torch::Tensor centred = flat - mu32.unsqueeze(1);
  const torch::Tensor cov = centred.matmul(centred.t()).to(torch::kFloat64) / n;
  const torch::Tensor mu = mu32.to(torch::kFloat64);
  const torch::Tensor var = cov.diagonal();
  const torch::Tensor muProduct = mu.unsqueeze(1) * mu.unsqueeze(0);
  const torch::Tensor muSquares = mu.pow(2).unsqueeze(1) + mu.pow(2).unsqueeze(0);
  const torch::Tensor varSum = var.unsqueeze(1) + var.unsqueeze(0);
  return ((2 * muProduct + c1) * (2 * cov + c2)) / ((muSquares + c1) * (varSum + c2));
}

namespace {

/// Patches of every map for a d x d filter with zero padding: [C, d*d, H*W], float32.
torch::Tensor patches(const torch::Tensor& maps, int64_t d) {
  const torch::Tensor x = maps.to(torch::kFloat32).unsqueeze(1);  // [C, 1, H, W]
  return torch::im2col(x, {d, d}, {1, 1}, {d / 2, d / 2}, {1, 1});
}

/// Normal equations of every source map, with a ridge tiny against the data so that dead maps
/// still solve (to w = 0) and live ones are not biased.
torch::Tensor ridgeGram(const torch::Tensor& p) {
  torch::Tensor gram = p.matmul(p.transpose(1, 2)).to(torch::kFloat64);  // [C, d2, d2]
  const int64_t d2 = gram.size(1);
  const torch::Tensor scale = gram.diagonal(0, 1, 2).mean(1).clamp_min(1.0);  // [C]
  const torch::Tensor eye = torch::eye(d2, gram.options());
  return gram + (1e-10 * scale).view({-1, 1, 1}) * eye;
}

void checkKernel(int64_t d) {
  TORCH_CHECK(d >= 1 && d % 2 == 1, "cheap-op fit: d must be odd and >= 1, got ", d);
}

}  // namespace

torch::Tensor cheapFitMatrix(const torch::Tensor& maps, int64_t d) {
  checkKernel(d);
  const torch::Tensor flat = flatMaps(maps);  // [C, HW]
  const torch::Tensor p = patches(maps, d);   // [C, d2, HW]
  const torch::Tensor gram = ridgeGram(p);    // [C, d2, d2]
  // The one layer-sized product, [C*d2, HW] x [HW, C]: rhs[i][:, j] = P_i f_j.
  const torch::Tensor rhs = p.reshape({-1, p.size(2)})
                                .matmul(flat.t())
                                .view({flat.size(0), p.size(1), flat.size(0)})
                                .to(torch::kFloat64);
  const torch::Tensor w = torch::linalg_solve(gram, rhs);  // [C, d2, C]
  // At the least-squares optimum the residual is ||f_j||^2 - w.b.
  const torch::Tensor flat64 = flat.to(torch::kFloat64);
  const torch::Tensor energy = flat64.pow(2).sum(1);  // [C]
  const torch::Tensor explained = (w * rhs).sum(1);   // [C(i), C(j)]
  const torch::Tensor residual = (energy.unsqueeze(0) - explained).clamp_min(0);
  const torch::Tensor total = (flat64 - flat64.mean(1, true)).pow(2).sum(1).unsqueeze(0);  // [1, C]
  // A target is constant when its variance (exact, in double) vanishes against its energy; it is
  // reproduced when the residual is within float32 rounding of the products above.
  const torch::Tensor scale = energy.unsqueeze(0) + 1.0;
  const torch::Tensor r2 = (1.0 - residual / total.clamp_min(kTiny)).clamp(0.0, 1.0);
  const torch::Tensor constantTarget = (total <= 1e-9 * scale).expand_as(r2);
  return torch::where(constantTarget, (residual <= 1e-5 * scale).to(torch::kFloat64), r2);
}

torch::Tensor cheapFitFilter(const torch::Tensor& maps, int64_t source, int64_t target, int64_t d) {
  checkKernel(d);
  const torch::Tensor flat = flatMaps(maps);
  TORCH_CHECK(source >= 0 && source < flat.size(0) && target >= 0 && target < flat.size(0),
              "cheap-op fit: channel out of range");
  const torch::Tensor p = patches(maps.narrow(0, source, 1), d);  // [1, d2, HW]
  const torch::Tensor gram = ridgeGram(p);
  const torch::Tensor rhs = p.matmul(flat[target].unsqueeze(1)).to(torch::kFloat64);  // [1, d2, 1]
  return torch::linalg_solve(gram, rhs).view({d, d});
}

torch::Tensor similarityMatrix(const torch::Tensor& maps, Metric metric, int64_t d) {
  switch (metric) {
    case Metric::Cosine:
      return cosineMatrix(maps);
    case Metric::Pearson:
      return pearsonMatrix(maps);
    case Metric::Mse:
      return mseMatrix(maps);
    case Metric::Ssim:
      return ssimGlobalMatrix(maps);
    case Metric::CheapFit:
      return cheapFitMatrix(maps, d);
  }
  throw InputError("unknown metric");
}

}  // namespace ghostlens
