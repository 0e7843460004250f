#include "ghostlens/analysis/redundancy.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <queue>

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

/// max(S, S^T) of a row-major [c, c] matrix, tile by tile and rows of tiles in parallel:
/// torch::maximum(s, s.t()) walks the transpose column by column and took 20 ms on 2,048 maps.
torch::Tensor betterDirection(const double* s, int64_t c) {
  constexpr int64_t kTile = 32;
  torch::Tensor out = torch::empty({c, c}, torch::kFloat64);
  double* o = out.data_ptr<double>();
  const int64_t tiles = (c + kTile - 1) / kTile;
  at::parallel_for(0, tiles, 1, [&](int64_t begin, int64_t end) {
    for (int64_t i0 = begin * kTile; i0 < std::min(c, end * kTile); i0 += kTile) {
      for (int64_t j0 = 0; j0 < c; j0 += kTile) {
        const int64_t i1 = std::min(c, i0 + kTile), j1 = std::min(c, j0 + kTile);
        for (int64_t i = i0; i < i1; ++i) {
          for (int64_t j = j0; j < j1; ++j) o[i * c + j] = std::max(s[i * c + j], s[j * c + i]);
        }
      }
    }
  });
  return out;
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

namespace {

/// Best first; ties in (a, b) order, the order of a stable sort of the pairs listed row by row.
bool better(const RedundantPair& x, const RedundantPair& y) {
  if (x.score != y.score) return x.score > y.score;
  return x.a != y.a ? x.a < y.a : x.b < y.b;
}

/// The candidate pairs of one map, best first: its kKept best live partners at or above the
/// threshold among the maps not yet matched, refilled from its row when all have been matched.
class PartnerList {
 public:
  static constexpr std::size_t kKept = 8;

  /// The best pair of `map` with an unmatched live partner, or nothing.
  std::optional<RedundantPair> best(int64_t map, const double* row, int64_t c, double threshold,
                                    const std::vector<bool>& unavailable) {
    while (next_ < kept_.size() && unavailable[partnerOf(kept_[next_], map)]) ++next_;
    if (next_ == kept_.size()) {
      if (exhausted_) return std::nullopt;
      refill(map, row, c, threshold, unavailable);
      if (kept_.empty()) return std::nullopt;
    }
    return kept_[next_];
  }

 private:
  static int64_t partnerOf(const RedundantPair& p, int64_t map) { return p.a == map ? p.b : p.a; }

  void refill(int64_t map, const double* row, int64_t c, double threshold,
              const std::vector<bool>& unavailable) {
    kept_.clear();
    next_ = 0;
    std::size_t found = 0;
    for (int64_t other = 0; other < c; ++other) {
      // Written so that a NaN score is no candidate, as in the plain version.
      if (other == map || unavailable[other] || !(row[other] >= threshold)) continue;
      ++found;
      const RedundantPair p{std::min(map, other), std::max(map, other), row[other]};
      if (kept_.size() == kKept && !better(p, kept_.back())) continue;
      if (kept_.size() == kKept) kept_.pop_back();
      kept_.insert(std::upper_bound(kept_.begin(), kept_.end(), p, better), p);
    }
    // Partners only ever become unavailable: a row with no more than kKept is read once.
    exhausted_ = found <= kKept;
  }

  std::vector<RedundantPair> kept_;
  std::size_t next_ = 0;
  bool exhausted_ = false;
};

/// A [C, C] similarity matrix as contiguous doubles, with its dead maps marked.
struct Scores {
  torch::Tensor s;
  int64_t c = 0;
  std::vector<bool> isDead;
};

Scores scoresOf(const torch::Tensor& similarity, const std::vector<int64_t>& dead) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "redundancy: similarity must be [C, C]");
  Scores out;
  out.s = similarity.to(torch::kFloat64).contiguous();
  out.c = out.s.size(0);
  out.isDead = deadMask(out.c, dead);
  return out;
}

}  // namespace

Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs,
                          const std::vector<int64_t>& dead) {
  const Scores scores = scoresOf(similarity, dead);
  const torch::Tensor& s = scores.s;
  const int64_t c = scores.c;
  const std::vector<bool>& isDead = scores.isDead;
  const int64_t live = c - std::count(isDead.begin(), isDead.end(), true);
  const torch::Tensor symmetric = betterDirection(s.data_ptr<double>(), c);
  const double* sym = symmetric.data_ptr<double>();

  Redundancy r;
  int64_t partnered = 0;
  for (int64_t a = 0; a < c; ++a) {
    if (isDead[a]) continue;
    for (int64_t b = 0; b < c; ++b) {
      if (b != a && !isDead[b] && sym[a * c + b] >= threshold) {
        ++partnered;
        break;
      }
    }
  }
  r.score = live == 0 ? 0.0 : static_cast<double>(partnered) / static_cast<double>(live);

  if (allPairs) {
    for (int64_t a = 0; a < c; ++a) {
      for (int64_t b = a + 1; b < c; ++b) {
        if (!isDead[a] && !isDead[b] && sym[a * c + b] >= threshold) {
          r.pairs.push_back({a, b, sym[a * c + b]});
        }
      }
    }
    std::sort(r.pairs.begin(), r.pairs.end(), better);
    return r;
  }

  // Greedy matching without sorting all pairs (two million for 2,048 alike maps): the best pair
  // left is the best of the maps' own best pairs. A heap holds each unmatched map's best pair; a
  // popped pair whose partner has been matched since is replaced by the map's next best.
  std::vector<bool> unavailable = isDead;  // dead or matched
  std::vector<PartnerList> lists(static_cast<std::size_t>(c));
  const auto worse = [](const RedundantPair& x, const RedundantPair& y) { return better(y, x); };
  std::priority_queue<RedundantPair, std::vector<RedundantPair>, decltype(worse)> heap(worse);
  auto push = [&](int64_t map) {
    if (const auto p = lists[map].best(map, sym + map * c, c, threshold, unavailable)) {
      heap.push(*p);
    }
  };
  // Each map's first list from its own row, in parallel (nothing is matched yet).
  std::vector<std::optional<RedundantPair>> firstBest(static_cast<std::size_t>(c));
  at::parallel_for(0, c, 16, [&](int64_t begin, int64_t end) {
    for (int64_t map = begin; map < end; ++map) {
      if (!unavailable[map]) {
        firstBest[map] = lists[map].best(map, sym + map * c, c, threshold, unavailable);
      }
    }
  });
  for (const auto& p : firstBest) {
    if (p) heap.push(*p);
  }
  while (!heap.empty()) {
    const RedundantPair p = heap.top();
    heap.pop();
    if (!unavailable[p.a] && !unavailable[p.b]) {
      unavailable[p.a] = unavailable[p.b] = true;
      r.pairs.push_back(p);
      continue;
    }
    // Stale: refresh whichever end is still unmatched (the pair may stand for either map).
    if (!unavailable[p.a]) push(p.a);
    if (!unavailable[p.b]) push(p.b);
  }
  return r;
}

int64_t intrinsicEstimate(const torch::Tensor& similarity, double threshold,
                          const std::vector<int64_t>& dead) {
  const Scores scores = scoresOf(similarity, dead);
  const torch::Tensor& s = scores.s;
  const int64_t c = scores.c;
  const std::vector<bool>& isDead = scores.isDead;
  const double* d = s.data_ptr<double>();
  // Greedy cover, O(C^2) overall: gain[i] counts the maps i would newly explain (itself
  // included) and is decreased as maps get explained, instead of being recounted each round.
  // explainedBy[j * c + i]: map i explains map j; stored by target, so that explaining j walks
  // one contiguous row instead of a column (cache misses made 2,048 maps take 100 ms).
  std::vector<uint8_t> explainedBy(static_cast<std::size_t>(c * c), 0);
  std::vector<int64_t> gain(c, 0);
  // Dead maps need no intrinsic map and explain nothing: they start explained.
  for (int64_t i = 0; i < c; ++i) {
    if (isDead[i]) continue;
    for (int64_t j = 0; j < c; ++j) {
      const bool explains = !isDead[j] && (i == j || d[i * c + j] >= threshold);
      explainedBy[j * c + i] = explains ? 1 : 0;
      gain[i] += explains ? 1 : 0;
    }
  }
  std::vector<bool> explained = isDead;
  int64_t remaining = c - std::count(isDead.begin(), isDead.end(), true);
  int64_t estimate = 0;
  while (remaining > 0) {
    const int64_t best = std::max_element(gain.begin(), gain.end()) - gain.begin();
    for (int64_t j = 0; j < c; ++j) {
      if (explained[j] || !explainedBy[j * c + best]) continue;
      explained[j] = true;
      --remaining;
      const uint8_t* by = explainedBy.data() + j * c;
      for (int64_t i = 0; i < c; ++i) gain[i] -= by[i];
    }
    ++estimate;
  }
  return estimate;
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
    // The better direction of each pair is the larger of the row's and the column's best: two
    // contiguous reductions instead of a transposed [C, C] copy.
    torch::Tensor s = similarity.to(torch::kFloat64, /*non_blocking=*/false, /*copy=*/true);
    s.fill_diagonal_(kNone);
    if (!dead.empty()) {
      const torch::Tensor index = torch::tensor(dead, torch::kLong);
      s.index_fill_(0, index, kNone);
      s.index_fill_(1, index, kNone);
    }
    const torch::Tensor best = torch::maximum(s.amax(1), s.amax(0)).contiguous();
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
