// The paper's params/MACs (Han et al. 2020, Tables 1, 2, 3, 4, 5, 7) reproduced by our counter.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/counting/ghost_tradeoff.h"

namespace ghostlens {
namespace {

struct PaperRow {
  std::string label;
  ModelSpec spec;
  double paperParams;  // absolute count, e.g. 5.2e6
  double paperMacs;
  double paramsDigits;  // the paper's rounding step for this figure, e.g. 0.1e6 for "5.2M"
  double macsDigits;
  double tolerance;  // relative tolerance
  bool checkParams = true;
};

std::ostream& operator<<(std::ostream& os, const PaperRow& row) { return os << row.label; }

ModelSpec spec(Architecture arch, double width, int64_t ratio, int64_t dw) {
  ModelSpec s = ModelSpec::defaults(arch);
  s.width = width;
  s.ratio = ratio;
  s.dw = dw;
  return s;
}

// Within the relative tolerance, or equal once rounded to the paper's digits.
bool matchesPaper(double ours, double paper, double digits, double tolerance) {
  if (std::abs(ours - paper) <= tolerance * paper) return true;
  return std::abs(std::round(ours / digits) * digits - paper) < digits / 2;
}

class PaperNumbers : public ::testing::TestWithParam<PaperRow> {};

TEST_P(PaperNumbers, ParamsAndMacsMatch) {
  const PaperRow& row = GetParam();
  const ComplexityReport report = countComplexity(row.spec);
  if (row.checkParams) {
    EXPECT_TRUE(matchesPaper(static_cast<double>(report.params), row.paperParams, row.paramsDigits,
                             row.tolerance))
        << row.label << ": params " << report.params << " vs paper " << row.paperParams;
  }
  EXPECT_TRUE(
      matchesPaper(static_cast<double>(report.macs), row.paperMacs, row.macsDigits, row.tolerance))
      << row.label << ": MACs " << report.macs << " vs paper " << row.paperMacs;
}

constexpr double M = 1e6;
constexpr double G = 1e9;
constexpr double kPaperTol = 0.015;
using A = Architecture;

INSTANTIATE_TEST_SUITE_P(
    Paper, PaperNumbers,
    ::testing::Values(
        PaperRow{"GhostNet_0_5x", spec(A::GhostNet, 0.5, 2, 3), 2.6 * M, 42 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostNet_1_0x", spec(A::GhostNet, 1.0, 2, 3), 5.2 * M, 141 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostNet_1_3x", spec(A::GhostNet, 1.3, 2, 3), 7.3 * M, 226 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"VGG16", spec(A::Vgg16, 1, 1, 3), 15 * M, 313 * M, 1 * M, 1 * M, kPaperTol},
        PaperRow{"GhostVGG16_s2_d3", spec(A::Vgg16, 1, 2, 3), 7.7 * M, 158 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostVGG16_s3_d3", spec(A::Vgg16, 1, 3, 3), 5.2 * M, 107 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostVGG16_s4_d3", spec(A::Vgg16, 1, 4, 3), 4.0 * M, 80 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostVGG16_s5_d3", spec(A::Vgg16, 1, 5, 3), 3.3 * M, 65 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostVGG16_s2_d1", spec(A::Vgg16, 1, 2, 1), 7.6 * M, 157 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostVGG16_s2_d5", spec(A::Vgg16, 1, 2, 5), 7.7 * M, 160 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"GhostVGG16_s2_d7", spec(A::Vgg16, 1, 2, 7), 7.7 * M, 163 * M, 0.1 * M, 1 * M,
                 kPaperTol},
        PaperRow{"ResNet56", spec(A::ResNet56, 1, 1, 3), 0.85 * M, 125 * M, 0.01 * M, 1 * M,
                 kPaperTol},
        // The paper's 63M leaves out the cheap operations' MACs; counted, they add 3.6%.
        PaperRow{"GhostResNet56_s2", spec(A::ResNet56, 1, 2, 3), 0.43 * M, 63 * M, 0.01 * M, 1 * M,
                 0.04},
        PaperRow{"ResNet50", spec(A::ResNet50, 1, 1, 3), 25.6 * M, 4.1 * G, 0.1 * M, 0.1 * G,
                 kPaperTol},
        // Params of Ghost-ResNet-50 (13.0M, 6.5M) follow an unconfirmed definition: see README.
        PaperRow{"GhostResNet50_s2", spec(A::ResNet50, 1, 2, 3), 13.0 * M, 2.2 * G, 0.1 * M,
                 0.1 * G, 0.03, false},
        PaperRow{"GhostResNet50_s4", spec(A::ResNet50, 1, 4, 3), 6.5 * M, 1.2 * G, 0.1 * M, 0.1 * G,
                 0.03, false}),
    [](const ::testing::TestParamInfo<PaperRow>& info) { return info.param.label; });

// The rounding escape must not let a clear miss through.
TEST(PaperNumbersTolerance, RejectsAClearMiss) {
  EXPECT_FALSE(matchesPaper(5.5 * M, 5.2 * M, 0.1 * M, kPaperTol));
  EXPECT_TRUE(matchesPaper(5.18 * M, 5.2 * M, 0.1 * M, 0.0));
  EXPECT_FALSE(matchesPaper(7.36 * M, 7.3 * M, 0.1 * M, 0.0));
}

// MobileNetV2 (Sandler et al. 2018): torchvision's mobilenet_v2() has 3,504,872 parameters
// (sum(p.numel() for p in mobilenet_v2().parameters()), Debian's python3-torchvision), and the
// MobileNetV2 paper gives 300M multiply-adds. Its ghost form, every pointwise and depthwise conv a
// Ghost module, costs more than the vanilla model, not less: the depthwise convs become ordinary
// 3x3 primary convs (the review's third drawback).
TEST(PaperNumbers, MobileNetV2MatchesTorchvisionAndItsGhostFormCostsMore) {
  const ComplexityReport vanilla = countComplexity(spec(A::MobileNetV2, 1.0, 1, 3));
  EXPECT_EQ(vanilla.params, 3504872);
  EXPECT_NEAR(static_cast<double>(vanilla.macs), 300 * M, 0.01 * 300 * M);
  for (const int64_t s : {2, 3, 4}) {
    const ComplexityReport ghost = countComplexity(spec(A::MobileNetV2, 1.0, s, 3));
    EXPECT_GT(ghost.params, 2 * vanilla.params) << "s=" << s;
    EXPECT_GT(ghost.macs, 2 * vanilla.macs) << "s=" << s;
    const GhostCost derived = ghostCostFromVanilla(vanilla, s, 3);
    EXPECT_EQ(derived.params, ghost.params) << "s=" << s;
    EXPECT_EQ(derived.macs, ghost.macs) << "s=" << s;
    EXPECT_LT(derived.speedup, 1.0);
    std::printf("MobileNetV2 s=%lld: params %.2fM (vanilla %.2fM), MACs %.0fM (vanilla %.0fM)\n",
                static_cast<long long>(s), static_cast<double>(ghost.params) / M,
                static_cast<double>(vanilla.params) / M, static_cast<double>(ghost.macs) / M,
                static_cast<double>(vanilla.macs) / M);
  }
}

}  // namespace
}  // namespace ghostlens
