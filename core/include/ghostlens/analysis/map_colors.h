#pragma once

#include <torch/types.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/analysis/color_types.h"
#include "ghostlens/analysis/map_statistics.h"

namespace ghostlens {

/// Draws one [H, W] map: values outside the range are clamped; a range of zero width draws the
/// colormap's low end.
RgbImage colorizeMap(const torch::Tensor& map, ValueRange range, Colormap colormap);

/// colorizeMap for every map of a [C, H, W] layer; `ranges` has one entry a map.
std::vector<RgbImage> colorizeMaps(const torch::Tensor& maps, const std::vector<ValueRange>& ranges,
                                   Colormap colormap);

}  // namespace ghostlens
