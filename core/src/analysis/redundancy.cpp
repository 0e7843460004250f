#include "ghostlens/analysis/redundancy.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>

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

  // Greedy cover, O(C^2) overall: gain[i] counts the maps i would newly explain (itself
  // included) and is decreased as maps get explained, instead of being recounted each round.
  std::vector<uint8_t> explains(static_cast<std::size_t>(c * c));
  std::vector<int64_t> gain(c, 0);
  const double* d = s.data_ptr<double>();
  for (int64_t i = 0; i < c; ++i) {
    for (int64_t j = 0; j < c; ++j) {
      explains[i * c + j] = (i == j || d[i * c + j] >= threshold) ? 1 : 0;
      gain[i] += explains[i * c + j];
    }
  }
  std::vector<bool> explained(c, false);
  int64_t remaining = c;
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

std::vector<double> bestPartnerScores(const torch::Tensor& similarity) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "redundancy: similarity must be [C, C]");
  const int64_t c = similarity.size(0);
  if (c < 2) return std::vector<double>(static_cast<std::size_t>(c), -1.0);
  torch::Tensor s = similarity.to(torch::kFloat64);
  s = torch::maximum(s, s.t());
  s.fill_diagonal_(-std::numeric_limits<double>::infinity());
  const torch::Tensor best = std::get<0>(s.max(1)).contiguous();
  return {best.data_ptr<double>(), best.data_ptr<double>() + c};
}

double redundancyScore(const std::vector<double>& bestPartner, double threshold) {
  if (bestPartner.empty()) return 0.0;
  const auto n = std::count_if(bestPartner.begin(), bestPartner.end(),
                               [threshold](double b) { return b >= threshold; });
  return static_cast<double>(n) / static_cast<double>(bestPartner.size());
}

}  // namespace ghostlens
