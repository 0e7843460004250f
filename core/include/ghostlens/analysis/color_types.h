#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/analysis/analysis_types.h"

namespace ghostlens {

/// Colormaps a feature map can be drawn with.
enum class Colormap { Gray, Viridis, Inferno, Jet };

/// "gray", "viridis", "inferno", "jet".
std::string colormapName(Colormap colormap);
std::optional<Colormap> parseColormap(const std::string& name);
std::vector<Colormap> allColormaps();

/// Which values map to the ends of the colormap: each map its own min..max, one range for the
/// whole layer, or one range shared by the layer in both models (so that their maps compare).
enum class ColorScale { PerMap, PerLayer, Shared };

/// "per-map", "per-layer", "shared": the keys settings and command lines use.
std::string colorScaleName(ColorScale scale);
std::optional<ColorScale> parseColorScale(const std::string& name);
std::vector<ColorScale> allColorScales();

struct ValueRange {
  double low = 0;
  double high = 0;
};

/// The range each map of a layer is drawn with. `other` holds the statistics of the same layer
/// in the other model and is used by ColorScale::Shared only.
std::vector<ValueRange> colorRanges(const std::vector<MapStats>& stats, ColorScale scale,
                                    const std::vector<MapStats>& other = {});

/// An 8-bit RGB picture, rows top to bottom, 3 bytes a pixel, no padding.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;
};

/// The frame colour of highlighted pair `index` (RGB): three brightness levels in turn, hues
/// spread by the golden ratio, so that the best 20 pairs are told apart (also
/// renderFeatureGrid()'s frames).
std::array<std::uint8_t, 3> pairColor(std::size_t index);

}  // namespace ghostlens
