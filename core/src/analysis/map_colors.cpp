#include "ghostlens/analysis/map_colors.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

std::string colormapName(Colormap colormap) {
  switch (colormap) {
    case Colormap::Gray:
      return "gray";
    case Colormap::Viridis:
      return "viridis";
    case Colormap::Inferno:
      return "inferno";
    case Colormap::Jet:
      return "jet";
  }
  throw InputError("unknown colormap");
}

std::optional<Colormap> parseColormap(const std::string& name) {
  for (Colormap c : allColormaps()) {
    if (colormapName(c) == name) return c;
  }
  return std::nullopt;
}

std::vector<Colormap> allColormaps() {
  return {Colormap::Gray, Colormap::Viridis, Colormap::Inferno, Colormap::Jet};
}

std::string colorScaleName(ColorScale scale) {
  switch (scale) {
    case ColorScale::PerMap:
      return "per-map";
    case ColorScale::PerLayer:
      return "per-layer";
    case ColorScale::Shared:
      return "shared";
  }
  throw InputError("unknown colour scale");
}

std::optional<ColorScale> parseColorScale(const std::string& name) {
  for (ColorScale s : allColorScales()) {
    if (colorScaleName(s) == name) return s;
  }
  return std::nullopt;
}

std::vector<ColorScale> allColorScales() {
  return {ColorScale::PerMap, ColorScale::PerLayer, ColorScale::Shared};
}

std::vector<ValueRange> colorRanges(const std::vector<MapStats>& stats, ColorScale scale,
                                    const std::vector<MapStats>& other) {
  std::vector<ValueRange> ranges;
  ranges.reserve(stats.size());
  if (scale == ColorScale::PerMap) {
    for (const MapStats& s : stats) ranges.push_back({s.min, s.max});
    return ranges;
  }
  ValueRange whole{0, 0};
  bool first = true;
  auto widen = [&](const std::vector<MapStats>& layer) {
    for (const MapStats& s : layer) {
      whole.low = first ? s.min : std::min(whole.low, s.min);
      whole.high = first ? s.max : std::max(whole.high, s.max);
      first = false;
    }
  };
  widen(stats);
  if (scale == ColorScale::Shared) widen(other);
  ranges.assign(stats.size(), whole);
  return ranges;
}

RgbImage colorizeMap(const torch::Tensor& map, ValueRange range, Colormap colormap) {
  TORCH_CHECK(map.dim() == 2, "colorize: a map must be [H, W]");
  const double span = range.high - range.low;
  const double scale = span > 0 ? 255.0 / span : 0.0;
  const torch::Tensor bytes = ((map.to(torch::kFloat32) - range.low) * scale)
                                  .round()
                                  .clamp(0, 255)
                                  .to(torch::kUInt8)
                                  .contiguous();
  const int h = static_cast<int>(map.size(0)), w = static_cast<int>(map.size(1));
  const cv::Mat gray(h, w, CV_8UC1, bytes.data_ptr<std::uint8_t>());
  cv::Mat rgb;
  if (colormap == Colormap::Gray) {
    cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
  } else {
    const int cvMap = colormap == Colormap::Viridis   ? cv::COLORMAP_VIRIDIS
                      : colormap == Colormap::Inferno ? cv::COLORMAP_INFERNO
                                                      : cv::COLORMAP_JET;
    cv::Mat bgr;
    cv::applyColorMap(gray, bgr, cvMap);
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  }
  RgbImage image;
  image.width = w;
  image.height = h;
  image.rgb.assign(rgb.data, rgb.data + static_cast<std::size_t>(w) * h * 3);
  return image;
}

std::vector<RgbImage> colorizeMaps(const torch::Tensor& maps, const std::vector<ValueRange>& ranges,
                                   Colormap colormap) {
  TORCH_CHECK(maps.dim() == 3, "colorize: maps must be [C, H, W]");
  TORCH_CHECK(static_cast<int64_t>(ranges.size()) == maps.size(0),
              "colorize: one range a map is needed");
  std::vector<RgbImage> images;
  images.reserve(ranges.size());
  for (std::size_t c = 0; c < ranges.size(); ++c) {
    images.push_back(colorizeMap(maps[static_cast<int64_t>(c)], ranges[c], colormap));
  }
  return images;
}

std::array<std::uint8_t, 3> pairColor(std::size_t index) {
  // Three brightness levels in turn, hues spread by the golden ratio within each: the best 20
  // pairs' frames are at least 50 apart in RGB (hue alone gave 40 and look-alike neighbours).
  constexpr double kGolden = 0.618033988749895;
  constexpr double kValue[3] = {255, 170, 110}, kSaturation[3] = {200, 255, 255};
  constexpr double kHueShift[3] = {0.0, 0.17, 0.34};
  const std::size_t level = index % 3;
  const double hue =
      std::fmod(static_cast<double>(index / 3) * kGolden + kHueShift[level], 1.0) * 180.0;
  cv::Mat hsv(1, 1, CV_8UC3, cv::Scalar(hue, kSaturation[level], kValue[level])), rgb;
  cv::cvtColor(hsv, rgb, cv::COLOR_HSV2RGB);
  const cv::Vec3b c = rgb.at<cv::Vec3b>(0, 0);
  return {c[0], c[1], c[2]};
}

}  // namespace ghostlens
