#include "ghostlens/analysis/redundancy.h"

#include <torch/torch.h>

#include <algorithm>

namespace ghostlens {

Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "redundancy: similarity must be [C, C]");
  const torch::Tensor s = similarity.to(torch::kFloat64).contiguous();
  const int64_t c = s.size(0);
  const torch::Tensor symmetric = torch::maximum(s, s.t()).contiguous();
  const double* sym = symmetric.data_ptr<double>();

  Redundancy r;
  std::vector<RedundantPair> candidates;
  std::vector<bool> hasPartner(c, false);
  for (int64_t a = 0; a < c; ++a) {
    for (int64_t b = a + 1; b < c; ++b) {
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
  r.score = static_cast<double>(std::count(hasPartner.begin(), hasPartner.end(), true)) /
            static_cast<double>(c);

  // Vectorised greedy cover: explains[i][j] = map i explains map j (itself included).
  const torch::Tensor explains = (s >= threshold) | torch::eye(c, torch::kBool);
  torch::Tensor unexplained = torch::ones({c}, torch::kBool);
  while (unexplained.any().item<bool>()) {
    const torch::Tensor gains = (explains & unexplained.unsqueeze(0)).sum(1);
    const int64_t best = gains.argmax().item<int64_t>();
    unexplained &= explains[best].logical_not();
    ++r.intrinsicEstimate;
  }
  return r;
}

}  // namespace ghostlens
