#pragma once

#include <torch/types.h>

#include <vector>

#include "ghostlens/analysis/analysis_types.h"

namespace ghostlens {

/// Finds the redundant pairs of one layer from its [C, C] similarity matrix (higher = more alike;
/// may be asymmetric, as the cheap-op fit is: row = source, column = target; a pair scores the
/// better of its two directions). By default each map is in at most one pair, chosen greedily
/// from the best score down; with `allPairs` every pair at or above the threshold is listed.
/// intrinsicEstimate: repeatedly take the map that explains (score >= threshold, itself
/// included) the most maps not yet explained, until all are; for the cheap-op metric that is the
/// number of intrinsic maps a Ghost module would need.
Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs = false);

/// For each map, the best score it reaches with another map (the better of the two directions,
/// as findRedundancy pairs them): what a redundancy score at any threshold needs, computed once.
/// @param similarity [C, C]  @return C scores
std::vector<double> bestPartnerScores(const torch::Tensor& similarity);

}  // namespace ghostlens
