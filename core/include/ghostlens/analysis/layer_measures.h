#pragma once

#include <torch/types.h>

namespace ghostlens {

/// How many independent maps a layer really has, from the singular values of its maps as a
/// [C, H*W] matrix with each map's mean removed.
struct RankMeasures {
  double effectiveRank =
      0;  ///< exp of the entropy of the normalised singular values (Roy and Vetterli 2007)
  int64_t k95 = 0;  ///< fewest principal components holding 95% of the energy (sum of squares)
  double impliedRatio = 0;  ///< C / k95: the ghost ratio s the layer's redundancy would allow
};

/// @param maps [C, H, W]. A layer with no energy at all has effective rank 0, k95 0, ratio C.
RankMeasures rankMeasures(const torch::Tensor& maps);

}  // namespace ghostlens
