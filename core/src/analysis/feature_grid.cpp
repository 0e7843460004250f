#include "ghostlens/analysis/feature_grid.h"

#include <torch/torch.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "ghostlens/analysis/map_colors.h"

namespace ghostlens {

namespace {
cv::Scalar pairColourBgr(std::size_t index) {
  const auto rgb = pairColor(index);
  return cv::Scalar(rgb[2], rgb[1], rgb[0]);
}
}  // namespace

cv::Mat renderFeatureGrid(const torch::Tensor& maps, const std::vector<RedundantPair>& pairs,
                          int cell) {
  TORCH_CHECK(maps.dim() == 3, "feature grid: maps must be [C, H, W]");
  const int64_t c = maps.size(0), h = maps.size(1), w = maps.size(2);
  const int scale =
      std::max<int>(1, static_cast<int>(std::ceil(cell / static_cast<double>(std::max(h, w)))));
  const int tileH = static_cast<int>(h) * scale, tileW = static_cast<int>(w) * scale;
  const int border = 4, gap = 2 * border;
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(c))));
  const int rows = static_cast<int>((c + columns - 1) / columns);
  cv::Mat canvas(rows * (tileH + gap) + gap, columns * (tileW + gap) + gap, CV_8UC3,
                 cv::Scalar(255, 255, 255));

  torch::Tensor flat = maps.reshape({c, -1}).to(torch::kFloat32);
  const torch::Tensor low = std::get<0>(flat.min(1, true));
  const torch::Tensor span = (std::get<0>(flat.max(1, true)) - low).clamp_min(1e-12);
  const torch::Tensor bytes =
      ((flat - low) / span * 255.0).clamp(0, 255).to(torch::kUInt8).reshape({c, h, w}).contiguous();

  auto origin = [&](int64_t channel) {
    const int row = static_cast<int>(channel / columns), col = static_cast<int>(channel % columns);
    return cv::Point(gap + col * (tileW + gap), gap + row * (tileH + gap));
  };
  for (int64_t ch = 0; ch < c; ++ch) {
    cv::Mat tile(static_cast<int>(h), static_cast<int>(w), CV_8UC1, bytes[ch].data_ptr<uint8_t>());
    cv::Mat big, colour;
    cv::resize(tile, big, cv::Size(tileW, tileH), 0, 0, cv::INTER_NEAREST);
    cv::cvtColor(big, colour, cv::COLOR_GRAY2BGR);
    colour.copyTo(canvas(cv::Rect(origin(ch), cv::Size(tileW, tileH))));
  }
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    for (int64_t ch : {pairs[i].a, pairs[i].b}) {
      const cv::Point o = origin(ch);
      cv::rectangle(canvas,
                    cv::Rect(o.x - border / 2 - 1, o.y - border / 2 - 1, tileW + border + 1,
                             tileH + border + 1),
                    pairColourBgr(i), border / 2 + 1);
    }
  }
  return canvas;
}

}  // namespace ghostlens
