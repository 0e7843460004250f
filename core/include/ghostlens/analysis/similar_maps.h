#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

#include "ghostlens/analysis/analysis_types.h"

namespace ghostlens {

/// The score of the unordered pair (a, b) as findRedundancy() ranks it: the better of the two
/// directions of a [C, C] similarity matrix (they differ for the cheap-op fit).
double pairScore(const torch::Tensor& similarity, int64_t a, int64_t b);

/// The `k` maps most similar to `channel` by pairScore(), best first; ties keep channel order;
/// the map itself is left out.
std::vector<SimilarMap> topSimilar(const torch::Tensor& similarity, int64_t channel, int64_t k);

/// The cheap operation's error for one ordered pair: target - w * source, with w the
/// least-squares d x d filter of cheapFitFilter() (cross-correlation, zero padding d / 2).
/// @param maps [C, H, W]  @return [H, W] float64
torch::Tensor cheapFitResidual(const torch::Tensor& maps, int64_t source, int64_t target,
                               int64_t d);
/// The same residual with `filter` [d, d] already solved (cheapFitFilter()), so that a caller
/// showing both solves the least squares once.
torch::Tensor cheapFitResidual(const torch::Tensor& maps, int64_t source, int64_t target,
                               const torch::Tensor& filter);

/// A [C, C] matrix as CSV: a header row "map,0,1,...", then one row per map (its index, then
/// its C scores), numbers with 9 significant digits.
std::string similarityCsv(const torch::Tensor& similarity);

}  // namespace ghostlens
