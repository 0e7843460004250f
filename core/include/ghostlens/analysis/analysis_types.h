#pragma once

#include <cstdint>
#include <vector>

namespace ghostlens {

/// What a person reads off one feature map when hovering it.
struct MapStats {
  double min = 0;
  double max = 0;
  double mean = 0;
};

struct RedundantPair {
  int64_t a = 0;  ///< channel index, a < b
  int64_t b = 0;
  double score = 0;
};

struct Redundancy {
  std::vector<RedundantPair> pairs;  ///< at or above the threshold, best first
  double score = 0;  ///< fraction of live maps with a live partner at or above the threshold
  int64_t intrinsicEstimate = 0;  ///< intrinsicEstimate(): set by analyzeLayers, not findRedundancy
};

/// A map of the same layer and how alike it is to the one asked about.
struct SimilarMap {
  int64_t channel = 0;
  double score = 0;
};

/// The share of maps whose best partner (bestPartnerScores()) scores at or above `threshold`:
/// findRedundancy()'s score, in O(C) for a slider that moves over every layer of a model. NaN
/// entries (dead maps) count neither above nor below.
double redundancyScore(const std::vector<double>& bestPartner, double threshold);

}  // namespace ghostlens
