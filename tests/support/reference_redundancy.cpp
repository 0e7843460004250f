#include "reference_redundancy.h"

#include <torch/torch.h>

#include <algorithm>

namespace ghostlens::reference {

Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs,
                          const std::vector<int64_t>& dead) {
  const torch::Tensor s = similarity.to(torch::kFloat64).contiguous();
  const int64_t c = s.size(0);
  std::vector<bool> isDead(static_cast<std::size_t>(c), false);
  for (int64_t d : dead) isDead[static_cast<std::size_t>(d)] = true;
  auto at = [&s, c](int64_t i, int64_t j) { return s.data_ptr<double>()[i * c + j]; };

  Redundancy r;
  std::vector<RedundantPair> candidates;
  std::vector<bool> hasPartner(static_cast<std::size_t>(c), false);
  for (int64_t a = 0; a < c; ++a) {
    for (int64_t b = a + 1; b < c; ++b) {
      if (isDead[a] || isDead[b]) continue;
      const double score = std::max(at(a, b), at(b, a));
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
    r.pairs = candidates;
  } else {
    std::vector<bool> used(static_cast<std::size_t>(c), false);
    for (const RedundantPair& p : candidates) {
      if (used[p.a] || used[p.b]) continue;
      used[p.a] = used[p.b] = true;
      r.pairs.push_back(p);
    }
  }
  int64_t live = 0, partnered = 0;
  for (int64_t i = 0; i < c; ++i) {
    live += isDead[i] ? 0 : 1;
    partnered += hasPartner[i] ? 1 : 0;
  }
  r.score = live == 0 ? 0.0 : static_cast<double>(partnered) / static_cast<double>(live);

  // Greedy cover, recounted every round: the live map that explains the most live maps not yet
  // explained (itself included; the first such map on ties).
  std::vector<bool> explained = isDead;
  auto explains = [&](int64_t i, int64_t j) {
    return !isDead[i] && !isDead[j] && (i == j || at(i, j) >= threshold);
  };
  for (;;) {
    int64_t best = -1, bestGain = 0;
    for (int64_t i = 0; i < c; ++i) {
      int64_t gain = 0;
      for (int64_t j = 0; j < c; ++j) gain += !explained[j] && explains(i, j) ? 1 : 0;
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    for (int64_t j = 0; j < c; ++j) {
      if (explains(best, j)) explained[j] = true;
    }
    ++r.intrinsicEstimate;
  }
  return r;
}

}  // namespace ghostlens::reference
