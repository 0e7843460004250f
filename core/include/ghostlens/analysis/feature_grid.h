#pragma once

#include <torch/types.h>

#include <opencv2/core/mat.hpp>
#include <vector>

#include "ghostlens/analysis/redundancy.h"

namespace ghostlens {

/// Draws a layer's maps as a grid in the style of the paper's Figure 1: each map scaled to its
/// own min..max, gray, at least `cell` pixels wide, and each redundant pair boxed in a colour of
/// its own (the same colour on both maps of the pair).
/// @param maps [C, H, W]  @return 8-bit BGR image
cv::Mat renderFeatureGrid(const torch::Tensor& maps, const std::vector<RedundantPair>& pairs,
                          int cell = 48);

}  // namespace ghostlens
