#pragma once

#include <torch/types.h>

#include <vector>

#include "ghostlens/analysis/analysis_types.h"

namespace ghostlens {

/// A map is dead when its values hardly vary: standard deviation at most this times the largest
/// |value| of its layer (or every map of an all-zero layer). A constant map matches anything under
/// the cheap-op fit (a zero filter explains a blank target, R^2 = 1) and nothing under Pearson: its
/// scores say nothing about redundancy, and ReLU networks have many such maps.
constexpr double kDeadMapTolerance = 1e-6;

/// The dead maps of one layer, ascending. @param maps [C, H, W]  @return channel indices
std::vector<int64_t> deadMaps(const torch::Tensor& maps, double tolerance = kDeadMapTolerance);

/// Sets the rows and columns of the `dead` maps of a [C, C] similarity matrix to 0 (in place):
/// one score per ordered pair everywhere (heatmap, tooltips, detail pane, CSV).
void clearDeadScores(torch::Tensor& similarity, const std::vector<int64_t>& dead);

/// Finds the redundant pairs of one layer from its [C, C] similarity matrix (higher = more alike;
/// may be asymmetric, as the cheap-op fit is: row = source, column = target; a pair scores the
/// better of its two directions). By default each map is in at most one pair, chosen greedily
/// from the best score down (ties: lower map numbers first); with `allPairs` every pair at or
/// above the threshold is listed, best first. Maps listed in `dead` are never paired and left
/// out of the score's denominator (the score is the share of live maps with a live partner; 0
/// when no map is live). The estimate is left 0: intrinsicEstimate() computes it.
/// Cost O(C^2) without `allPairs`, whatever the number of pairs above the threshold.
Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs = false,
                          const std::vector<int64_t>& dead = {});

/// How many maps explain all the live maps: repeatedly take the map that explains (score >=
/// threshold, row = source, itself included) the most maps not yet explained, until all are; for
/// the cheap-op metric that is the number of intrinsic maps a Ghost module would need. Dead maps
/// need none. @param similarity [C, C]
int64_t intrinsicEstimate(const torch::Tensor& similarity, double threshold,
                          const std::vector<int64_t>& dead = {});

/// For each map, the best score it reaches with another live map (the better of the two
/// directions, as findRedundancy pairs them): what a redundancy score at any threshold needs,
/// computed once. Dead maps get NaN, which redundancyScore() leaves out.
/// @param similarity [C, C]  @return C scores
std::vector<double> bestPartnerScores(const torch::Tensor& similarity,
                                      const std::vector<int64_t>& dead = {});

}  // namespace ghostlens
