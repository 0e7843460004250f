#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ghostlens {

/// One tapped layer of a vanilla/ghost pair: what the depth view draws at its index.
struct DepthLayer {
  std::string name;
  /// NaN where the maps are too small to compare (comparableMaps()): the view leaves a gap.
  /// Over a batch: means, with the standard deviations over images in the *Spread fields.
  double vanillaRedundancy = 0, ghostRedundancy = 0;
  double vanillaRedundancySpread = 0, ghostRedundancySpread = 0;
  double vanillaEffectiveRank = 0, ghostEffectiveRank = 0;
  double vanillaImpliedRatio = 0, ghostImpliedRatio = 0;
  int64_t vanillaMacs = 0, ghostMacs = 0;  ///< the layer's leaf modules, one sample
};

/// Redundancy, rank and cost along the depth of a model pair (depthProfile()); free of Torch so
/// that the GUI can hold it.
struct DepthProfile {
  std::vector<DepthLayer> layers;  ///< in the vanilla model's execution order
  bool paired = true;              ///< false for a single model: the ghost fields are unset
  int64_t images = 1;              ///< inputs the measures are means over
  bool cancelled = false;
};

/// Called after each analysed layer of either model with (done, total); false cancels.
using DepthProgress = std::function<bool(std::size_t done, std::size_t total)>;

}  // namespace ghostlens
