// The small core functions behind the explorer window: statistics, colours, top-k, residuals, CSV.
#include <gtest/gtest.h>

#include <torch/torch.h>
#include <cmath>

#include <sstream>

#include "ghostlens/analysis/map_colors.h"
#include "ghostlens/analysis/map_statistics.h"
#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/analysis/similar_maps.h"
#include "ghostlens/analysis/similarity.h"

using namespace ghostlens;

TEST(MapStatistics, MatchTorchReductionsPerMap) {
  torch::manual_seed(3);
  const torch::Tensor maps = torch::randn({5, 7, 6});
  const auto stats = mapStatistics(maps);
  ASSERT_EQ(stats.size(), 5u);
  for (int64_t c = 0; c < 5; ++c) {
    EXPECT_NEAR(stats[c].min, maps[c].min().item<double>(), 1e-6);
    EXPECT_NEAR(stats[c].max, maps[c].max().item<double>(), 1e-6);
    EXPECT_NEAR(stats[c].mean, maps[c].mean().item<double>(), 1e-6);
  }
}

TEST(MapColors, RangesFollowTheScale) {
  const std::vector<MapStats> a{{0, 1, 0.5}, {-2, 3, 0}};
  const std::vector<MapStats> b{{-5, 0.5, 0}, {0, 9, 1}};
  auto perMap = colorRanges(a, ColorScale::PerMap);
  EXPECT_DOUBLE_EQ(perMap[1].low, -2);
  EXPECT_DOUBLE_EQ(perMap[1].high, 3);
  auto perLayer = colorRanges(a, ColorScale::PerLayer, b);
  EXPECT_DOUBLE_EQ(perLayer[0].low, -2);
  EXPECT_DOUBLE_EQ(perLayer[0].high, 3);
  auto shared = colorRanges(a, ColorScale::Shared, b);
  EXPECT_DOUBLE_EQ(shared[0].low, -5);
  EXPECT_DOUBLE_EQ(shared[1].high, 9);
}

TEST(MapColors, GrayMapsEndsOfTheRangeToBlackAndWhite) {
  const torch::Tensor map = torch::tensor({{0.0, 0.5}, {1.0, 2.0}});
  const RgbImage image = colorizeMap(map, {0.0, 1.0}, Colormap::Gray);
  ASSERT_EQ(image.width, 2);
  ASSERT_EQ(image.height, 2);
  ASSERT_EQ(image.rgb.size(), 12u);
  EXPECT_EQ(image.rgb[0], 0);
  EXPECT_EQ(image.rgb[3], 128);           // 0.5 * 255 rounded
  EXPECT_EQ(image.rgb[6], 255);           // 1.0
  EXPECT_EQ(image.rgb[9], 255);           // clamped
  EXPECT_EQ(image.rgb[4], image.rgb[3]);  // gray: R = G = B
  const RgbImage viridis = colorizeMap(map, {0.0, 1.0}, Colormap::Viridis);
  EXPECT_NE(viridis.rgb[0], viridis.rgb[1]);  // a real colormap, not gray
  EXPECT_EQ(parseColormap("inferno"), Colormap::Inferno);
  EXPECT_FALSE(parseColormap("rainbow").has_value());
}

// Issue 13, defect 2: frames "in a few repeating colours". The best 20 pairs (the grid frames 20
// by default) are at least 50 apart in RGB; hues alone left two of them 40 apart.
TEST(MapColors, TheBestTwentyPairColoursAreFarApart) {
  double closest = 1e9;
  for (std::size_t i = 0; i < 20; ++i) {
    for (std::size_t j = i + 1; j < 20; ++j) {
      const auto a = pairColor(i), b = pairColor(j);
      double d2 = 0;
      for (int k = 0; k < 3; ++k) d2 += std::pow(double(a[k]) - double(b[k]), 2);
      closest = std::min(closest, std::sqrt(d2));
    }
  }
  EXPECT_GE(closest, 50.0);
}

TEST(SimilarMaps, TopKUsesTheBetterDirectionAndSkipsTheMapItself) {
  const torch::Tensor s = torch::tensor(
      {{1.0, 0.2, 0.9, 0.1}, {0.7, 1.0, 0.3, 0.0}, {0.1, 0.3, 1.0, 0.4}, {0.5, 0.0, 0.4, 1.0}},
      torch::kFloat64);
  const auto top = topSimilar(s, 0, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].channel, 2);
  EXPECT_DOUBLE_EQ(top[0].score, 0.9);
  EXPECT_EQ(top[1].channel, 1);  // 0.7 from row 1, better than 0.2 from row 0
  EXPECT_DOUBLE_EQ(top[1].score, 0.7);
  EXPECT_DOUBLE_EQ(pairScore(s, 0, 3), 0.5);
  // The same pair score as findRedundancy gives the best pair.
  const Redundancy r = findRedundancy(s, 0.85);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_DOUBLE_EQ(r.pairs[0].score, pairScore(s, r.pairs[0].a, r.pairs[0].b));
}

TEST(SimilarMaps, ResidualReproducesTheCheapFitScore) {
  torch::manual_seed(7);
  torch::Tensor maps = torch::randn({3, 12, 10});
  // Map 1 is map 0 through a 3x3 filter plus a little noise: a near ghost.
  const torch::Tensor w = torch::randn({1, 1, 3, 3});
  maps[1] = torch::conv2d(maps[0].view({1, 1, 12, 10}), w, {}, 1, 1).view({12, 10}) +
            0.05 * torch::randn({12, 10});
  const torch::Tensor fit = cheapFitMatrix(maps, 3);
  for (auto [src, dst] : {std::pair<int64_t, int64_t>{0, 1}, {0, 2}, {2, 1}}) {
    const torch::Tensor res = cheapFitResidual(maps, src, dst, 3);
    ASSERT_EQ(res.sizes(), (std::vector<int64_t>{12, 10}));
    const torch::Tensor target = maps[dst].to(torch::kFloat64);
    const double total = (target - target.mean()).pow(2).sum().item<double>();
    const double r2 = std::max(0.0, 1.0 - res.pow(2).sum().item<double>() / total);
    EXPECT_NEAR(r2, fit[src][dst].item<double>(), 1e-3) << src << "->" << dst;
  }
  EXPECT_GT(fit[0][1].item<double>(), 0.95);
}

TEST(SimilarMaps, CsvHoldsEveryEntry) {
  const torch::Tensor s = torch::tensor({{1.0, 0.25}, {0.125, 1.0}}, torch::kFloat64);
  const std::string csv = similarityCsv(s);
  EXPECT_EQ(csv, "map,0,1\n0,1,0.25\n1,0.125,1\n");
}
