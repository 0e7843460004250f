#include "ghostlens/analysis/redundancy.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ghostlens {

namespace {

std::vector<bool> deadMask(int64_t c, const std::vector<int64_t>& dead) {
  std::vector<bool> mask(static_cast<std::size_t>(c), false);
  for (int64_t d : dead) {
    TORCH_CHECK(d >= 0 && d < c, "redundancy: dead map ", d, " of ", c);
    mask[static_cast<std::size_t>(d)] = true;
  }
  return mask;
}

}  // namespace

std::vector<int64_t> deadMaps(const torch::Tensor& maps, double tolerance) {
  TORCH_CHECK(maps.dim() == 3, "dead maps: maps must be [C, H, W]");
  const int64_t c = maps.size(0);
  if (c == 0 || maps.numel() == 0) return {};
  const torch::Tensor flat = maps.reshape({c, -1}).to(torch::kFloat64);
  const double largest = flat.abs().max().item<double>();
  const torch::Tensor spread = flat.std(1, /*unbiased=*/false).contiguous();
  const double* sd = spread.data_ptr<double>();
  std::vector<int64_t> dead;
  for (int64_t i = 0; i < c; ++i) {
    if (sd[i] <= tolerance * largest) dead.push_back(i);
  }
  return dead;
}

void clearDeadScores(torch::Tensor& similarity, const std::vector<int64_t>& dead) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "redundancy: similarity must be [C, C]");
  if (dead.empty()) return;
  const torch::Tensor index = torch::tensor(dead, torch::kLong);
  similarity.index_fill_(0, index, 0.0);
  similarity.index_fill_(1, index, 0.0);
}

Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs,
                          const std::vector<int64_t>& dead) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "redundancy: similarity must be [C, C]");
  const torch::Tensor s = similarity.to(torch::kFloat64).contiguous();
  const int64_t c = s.size(0);
  const std::vector<bool> isDead = deadMask(c, dead);
  const int64_t live = c - std::count(isDead.begin(), isDead.end(), true);
  const torch::Tensor symmetric = torch::maximum(s, s.t()).contiguous();
  const double* sym = symmetric.data_ptr<double>();

  Redundancy r;
  std::vector<RedundantPair> candidates;
  std::vector<bool> hasPartner(c, false);
  for (int64_t a = 0; a < c; ++a) {
    if (isDead[a]) continue;
    for (int64_t b = a + 1; b < c; ++b) {
      if (isDead[b]) continue;
      const double score = sym[a * c + b];
      if (score >= threshold) {
        candidates.push_back({a, b, score});
        hasPartner[a] = hasPartner[b] = true;
      }
    }
  }
  std::stable_sort(
      candidates.begin(), candidates.end(),
      [](const RedundantPair& x, const RedundantPair& y) { return x.score > y.score; });
  if (allPairs) {
    r.pairs = std::move(candidates);
  } else {
    std::vector<bool> used(c, false);
    for (const RedundantPair& p : candidates) {
      if (used[p.a] || used[p.b]) continue;
      used[p.a] = used[p.b] = true;
      r.pairs.push_back(p);
    }
  }
  r.score = live == 0
                ? 0.0
                : static_cast<double>(std::count(hasPartner.begin(), hasPartner.end(), true)) /
                      static_cast<double>(live);

  // Greedy cover, O(C^2) overall: gain[i] counts the maps i would newly explain (itself
  // included) and is decreased as maps get explained, instead of being recounted each round.
  std::vector<uint8_t> explains(static_cast<std::size_t>(c * c));
  std::vector<int64_t> gain(c, 0);
  const double* d = s.data_ptr<double>();
  // Dead maps need no intrinsic map and explain nothing: they start explained.
  for (int64_t i = 0; i < c; ++i) {
    if (isDead[i]) continue;
    for (int64_t j = 0; j < c; ++j) {
      explains[i * c + j] = !isDead[j] && (i == j || d[i * c + j] >= threshold) ? 1 : 0;
      gain[i] += explains[i * c + j];
    }
  }
  std::vector<bool> explained = isDead;
  int64_t remaining = live;
  while (remaining > 0) {
    const int64_t best = std::max_element(gain.begin(), gain.end()) - gain.begin();
    for (int64_t j = 0; j < c; ++j) {
      if (explained[j] || !explains[best * c + j]) continue;
      explained[j] = true;
      --remaining;
      for (int64_t i = 0; i < c; ++i) gain[i] -= explains[i * c + j];
    }
    ++r.intrinsicEstimate;
  }
  return r;
}

std::vector<double> bestPartnerScores(const torch::Tensor& similarity,
                                      const std::vector<int64_t>& dead) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "redundancy: similarity must be [C, C]");
  const int64_t c = similarity.size(0);
  const std::vector<bool> isDead = deadMask(c, dead);
  std::vector<double> out(static_cast<std::size_t>(c), -1.0);
  if (c >= 2) {
    constexpr double kNone = -std::numeric_limits<double>::infinity();
    torch::Tensor s = similarity.to(torch::kFloat64);
    s = torch::maximum(s, s.t());
    s.fill_diagonal_(kNone);
    if (!dead.empty()) s.index_fill_(1, torch::tensor(dead, torch::kLong), kNone);
    const torch::Tensor best = std::get<0>(s.max(1)).contiguous();
    out.assign(best.data_ptr<double>(), best.data_ptr<double>() + c);
  }
  for (int64_t i = 0; i < c; ++i) {
    if (isDead[i]) out[i] = std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

double redundancyScore(const std::vector<double>& bestPartner, double threshold) {
  std::size_t live = 0, redundant = 0;
  for (double b : bestPartner) {
    if (std::isnan(b)) continue;
    ++live;
    redundant += b >= threshold ? 1 : 0;
  }
  return live == 0 ? 0.0 : static_cast<double>(redundant) / static_cast<double>(live);
}

}  // namespace ghostlens
