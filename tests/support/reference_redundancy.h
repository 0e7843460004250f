#pragma once

#include <torch/types.h>

#include <vector>

#include "ghostlens/analysis/analysis_types.h"

namespace ghostlens::reference {

/// Plain version of findRedundancy() (redundancy.h), same contract: every candidate pair is
/// sorted (stable, best score first) and matched greedily; the intrinsic estimate recounts each
/// map's gain every round. Used by the tests as the ground truth of the fast version.
Redundancy findRedundancy(const torch::Tensor& similarity, double threshold, bool allPairs,
                          const std::vector<int64_t>& dead);

}  // namespace ghostlens::reference
