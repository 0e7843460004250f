#pragma once

#include <torch/types.h>

#include <vector>

#include "ghostlens/analysis/analysis_types.h"

namespace ghostlens {

/// Min, max and mean of every map of a layer, in one pass over the tensor.
/// @param maps [C, H, W]
std::vector<MapStats> mapStatistics(const torch::Tensor& maps);

}  // namespace ghostlens
