#pragma once

#include <torch/types.h>

#include <vector>

namespace ghostlens {

/// What a person reads off one feature map when hovering it.
struct MapStats {
  double min = 0;
  double max = 0;
  double mean = 0;
};

/// Min, max and mean of every map of a layer, in one pass over the tensor.
/// @param maps [C, H, W]
std::vector<MapStats> mapStatistics(const torch::Tensor& maps);

}  // namespace ghostlens
