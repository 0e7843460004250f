#include "reference_similarity.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ghostlens::reference {

namespace {

std::vector<double> mapValues(const torch::Tensor& maps, int64_t c) {
  const torch::Tensor m = maps[c].to(torch::kFloat64).contiguous();
  return std::vector<double>(m.data_ptr<double>(), m.data_ptr<double>() + m.numel());
}

double layerRange(const torch::Tensor& maps) {
  const torch::Tensor m = maps.to(torch::kFloat64);
  const double range = (m.max() - m.min()).item<double>();
  return range > 0 ? range : 1.0;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

/// Solves A x = b (n x n, row-major) by Gaussian elimination with partial pivoting.
std::vector<double> solve(std::vector<double> a, std::vector<double> b, int n) {
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r) {
      if (std::abs(a[r * n + col]) > std::abs(a[pivot * n + col])) pivot = r;
    }
    for (int k = 0; k < n; ++k) std::swap(a[col * n + k], a[pivot * n + k]);
    std::swap(b[col], b[pivot]);
    const double p = a[col * n + col];
    if (std::abs(p) < 1e-300) continue;  // singular column: leave its unknown at 0
    for (int r = col + 1; r < n; ++r) {
      const double f = a[r * n + col] / p;
      for (int k = col; k < n; ++k) a[r * n + k] -= f * a[col * n + k];
      b[r] -= f * b[col];
    }
  }
  std::vector<double> x(n, 0.0);
  for (int r = n - 1; r >= 0; --r) {
    if (std::abs(a[r * n + r]) < 1e-300) continue;
    double s = b[r];
    for (int k = r + 1; k < n; ++k) s -= a[r * n + k] * x[k];
    x[r] = s / a[r * n + r];
  }
  return x;
}

}  // namespace

double cosine(const torch::Tensor& maps, int64_t a, int64_t b) {
  const auto x = mapValues(maps, a), y = mapValues(maps, b);
  double xy = 0, xx = 0, yy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    xy += x[i] * y[i];
    xx += x[i] * x[i];
    yy += y[i] * y[i];
  }
  if (a == b) return 1.0;
  const bool deadX = std::sqrt(xx) <= 1e-12, deadY = std::sqrt(yy) <= 1e-12;
  if (deadX || deadY) return deadX && deadY ? 1.0 : 0.0;
  return std::clamp(xy / std::sqrt(xx * yy), -1.0, 1.0);
}

double pearson(const torch::Tensor& maps, int64_t a, int64_t b) {
  auto x = mapValues(maps, a), y = mapValues(maps, b);
  const double mx = mean(x), my = mean(y);
  double xy = 0, xx = 0, yy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    xy += (x[i] - mx) * (y[i] - my);
    xx += (x[i] - mx) * (x[i] - mx);
    yy += (y[i] - my) * (y[i] - my);
  }
  if (a == b) return 1.0;
  const bool flatX = std::sqrt(xx) <= 1e-12, flatY = std::sqrt(yy) <= 1e-12;
  if (flatX || flatY) return flatX && flatY ? 1.0 : 0.0;
  return std::clamp(xy / std::sqrt(xx * yy), -1.0, 1.0);
}

double mse(const torch::Tensor& maps, int64_t a, int64_t b) {
  auto scale = [](std::vector<double> v) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    const double low = *lo, span = *hi - *lo;
    for (double& x : v) x = span > 0 ? (x - low) / span : 0.0;
    return v;
  };
  const auto x = scale(mapValues(maps, a)), y = scale(mapValues(maps, b));
  double sse = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sse += (x[i] - y[i]) * (x[i] - y[i]);
  return a == b ? 1.0 : 1.0 - sse / static_cast<double>(x.size());
}

double ssimGlobal(const torch::Tensor& maps, int64_t a, int64_t b) {
  const double range = layerRange(maps);
  const double c1 = std::pow(0.01 * range, 2), c2 = std::pow(0.03 * range, 2);
  const auto x = mapValues(maps, a), y = mapValues(maps, b);
  const double mx = mean(x), my = mean(y);
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const double n = static_cast<double>(x.size());
  sxx /= n;
  syy /= n;
  sxy /= n;
  return ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2));
}

double cheapFit(const torch::Tensor& maps, int64_t source, int64_t target, int64_t d) {
  return cheapFitOverBatch(maps.unsqueeze(0), source, target, d);
}

double cheapFitOverBatch(const torch::Tensor& batch, int64_t source, int64_t target, int64_t d) {
  const int64_t images = batch.size(0), h = batch.size(2), w = batch.size(3), r = d / 2;
  const int n = static_cast<int>(d * d);
  std::vector<std::vector<double>> fs, gs;
  for (int64_t i = 0; i < images; ++i) {
    fs.push_back(mapValues(batch[i], source));
    gs.push_back(mapValues(batch[i], target));
  }
  // The patch of image i around (y, x), zero outside the image: each image is padded on its own.
  auto patch = [&](int64_t i, int64_t y, int64_t x, std::vector<double>& out) {
    for (int64_t dy = 0; dy < d; ++dy) {
      for (int64_t dx = 0; dx < d; ++dx) {
        const int64_t yy = y + dy - r, xx = x + dx - r;
        out[dy * d + dx] = (yy >= 0 && yy < h && xx >= 0 && xx < w) ? fs[i][yy * w + xx] : 0.0;
      }
    }
  };
  std::vector<double> ata(n * n, 0.0), atb(n, 0.0), p(n);
  double sumG = 0;
  for (int64_t i = 0; i < images; ++i) {
    for (int64_t y = 0; y < h; ++y) {
      for (int64_t x = 0; x < w; ++x) {
        patch(i, y, x, p);
        const double t = gs[i][y * w + x];
        sumG += t;
        for (int k = 0; k < n; ++k) {
          atb[k] += p[k] * t;
          for (int j = 0; j < n; ++j) ata[k * n + j] += p[k] * p[j];
        }
      }
    }
  }
  const auto filter = solve(ata, atb, n);
  const double mg = sumG / static_cast<double>(images * h * w);
  double residual = 0, total = 0, energy = 0;
  for (int64_t i = 0; i < images; ++i) {
    for (int64_t y = 0; y < h; ++y) {
      for (int64_t x = 0; x < w; ++x) {
        patch(i, y, x, p);
        double fit = 0;
        for (int k = 0; k < n; ++k) fit += filter[k] * p[k];
        const double t = gs[i][y * w + x];
        residual += (t - fit) * (t - fit);
        total += (t - mg) * (t - mg);
        energy += t * t;
      }
    }
  }
  const double tol = 1e-9 * (energy + 1.0);
  if (total <= tol) return residual <= tol ? 1.0 : 0.0;
  return std::clamp(1.0 - residual / total, 0.0, 1.0);
}

}  // namespace ghostlens::reference
