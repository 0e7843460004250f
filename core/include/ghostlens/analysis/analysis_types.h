#pragma once

#include <cstdint>
#include <vector>

namespace ghostlens {

/// Maps with fewer pixels than this (4x4) are too small to compare: a cosine or a filter fit
/// between a few pixels says nothing about spatial redundancy. Such layers get no redundancy,
/// pairs or implied s (NaN, JSON null, "n/a").
constexpr int64_t kMinComparablePixels = 16;

/// Whether maps of height x width are big enough to compare (kMinComparablePixels).
inline bool comparableMaps(int64_t height, int64_t width) {
  return height * width >= kMinComparablePixels;
}

/// A layer measure over a batch of inputs: the mean and standard deviation (population) of the
/// per-image values; NaN when not measured.
struct BatchMeasure {
  double mean = 0;
  double spread = 0;
};

/// The measures of one layer over a batch (AnalysisOptions::overBatch).
struct LayerBatchMeasures {
  int64_t images = 0;
  BatchMeasure redundancy;         ///< share of maps in a pair at the threshold
  BatchMeasure intrinsicEstimate;  ///< maps that explain all at the threshold
  BatchMeasure effectiveRank;
  BatchMeasure impliedRatio;  ///< C / k95
};

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
