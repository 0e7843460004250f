// The fast all-pairs metrics against the plain per-pair references, and the behaviours the
// redundancy analysis promises.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <cmath>

#include "ghostlens/analysis/cka_accumulator.h"
#include "ghostlens/analysis/layer_measures.h"
#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/analysis/similarity.h"
#include "reference_redundancy.h"
#include "reference_similarity.h"

namespace ghostlens {
namespace {

// Thresholds 0, 0.05, ..., 1 exactly (adding 0.05 twenty times overshoots 1 and skips it).
std::vector<double> everyTwentieth() {
  std::vector<double> t;
  for (int i = 0; i <= 20; ++i) t.push_back(i / 20.0);
  return t;
}

// Seeded random maps with a few planted special cases: a constant map and a zero map.
torch::Tensor seededMaps(int64_t c, int64_t h, int64_t w, uint64_t seed) {
  torch::manual_seed(seed);
  torch::Tensor maps = torch::randn({c, h, w});
  maps[1] = maps[0] * 2.5 + 0.3;  // affine copy
  maps[2].fill_(0.7);             // constant
  maps[3].zero_();                // dead
  maps[4].fill_(-1.2);            // another constant
  return maps;
}

using PairFn = double (*)(const torch::Tensor&, int64_t, int64_t);

// Tolerance: absolute 2e-5 on scores in [-1, 1]: the fast path multiplies in float32, the
// reference adds up in float64.
void expectMatchesReference(const torch::Tensor& fast, const torch::Tensor& maps, PairFn ref) {
  ASSERT_EQ(fast.sizes(), (std::vector<int64_t>{maps.size(0), maps.size(0)}));
  EXPECT_FALSE(torch::isnan(fast).any().item<bool>());
  for (int64_t a = 0; a < maps.size(0); ++a) {
    for (int64_t b = 0; b < maps.size(0); ++b) {
      EXPECT_NEAR(fast[a][b].item<double>(), ref(maps, a, b), 2e-5) << "pair " << a << "," << b;
    }
  }
}

TEST(Similarity, CosineEqualsReference) {
  const auto maps = seededMaps(9, 7, 6, 1);
  expectMatchesReference(cosineMatrix(maps), maps, reference::cosine);
}

// Above 256 maps the Gram matrix is computed as row blocks on and below the diagonal and
// mirrored (2 blocks, 4 from 512): every block, the mirror and the dead map agree with the plain
// per-pair reference. Pairs are sampled (all 360,000 through item() would take seconds), and
// every pair of a few rows that straddle the block boundaries is checked.
TEST(Similarity, BlockedCosineEqualsReference) {
  for (const int64_t c : {300, 600}) {
    SCOPED_TRACE(c);
    const auto maps = seededMaps(c, 5, 4, 3);
    const torch::Tensor fast = cosineMatrix(maps);
    ASSERT_EQ(fast.sizes(), (std::vector<int64_t>{c, c}));
    EXPECT_TRUE(torch::allclose(fast, fast.t(), 0, 1e-6));  // a product is symmetric to rounding
    EXPECT_TRUE(torch::all(fast.diagonal() == 1.0).item<bool>());
    const auto rows = std::vector<int64_t>{0, 1, 3, c / 4 - 1, c / 4, c / 2 - 1, c / 2, c - 1};
    for (const int64_t a : rows) {
      for (int64_t b = 0; b < c; b += 7) {
        EXPECT_NEAR(fast[a][b].item<double>(), reference::cosine(maps, a, b), 2e-5)
            << "pair " << a << "," << b;
        EXPECT_NEAR(fast[b][a].item<double>(), reference::cosine(maps, b, a), 2e-5)
            << "pair " << b << "," << a;
      }
    }
    torch::manual_seed(4);
    const torch::Tensor picks = torch::randint(0, c, {2000, 2});
    for (int64_t p = 0; p < picks.size(0); ++p) {
      const int64_t a = picks[p][0].item<int64_t>(), b = picks[p][1].item<int64_t>();
      EXPECT_NEAR(fast[a][b].item<double>(), reference::cosine(maps, a, b), 2e-5)
          << "pair " << a << "," << b;
    }
  }
}

TEST(Similarity, PearsonEqualsReference) {
  const auto maps = seededMaps(9, 7, 6, 2);
  expectMatchesReference(pearsonMatrix(maps), maps, reference::pearson);
}

TEST(Similarity, MseEqualsReference) {
  const auto maps = seededMaps(9, 7, 6, 3);
  expectMatchesReference(mseMatrix(maps), maps, reference::mse);
}

TEST(Similarity, GlobalSsimEqualsReference) {
  const auto maps = seededMaps(9, 7, 6, 4);
  expectMatchesReference(ssimGlobalMatrix(maps), maps, reference::ssimGlobal);
}

// Tolerance 1e-4: the fast path forms the normal equations in float32 (the reference in
// float64) and solves them with a 1e-10 relative ridge.
TEST(Similarity, CheapFitEqualsReference) {
  for (int64_t d : {1, 3, 5}) {
    const auto maps = seededMaps(7, 9, 8, 5 + d);
    const torch::Tensor fast = cheapFitMatrix(maps, d);
    EXPECT_FALSE(torch::isnan(fast).any().item<bool>());
    for (int64_t i = 0; i < maps.size(0); ++i) {
      for (int64_t j = 0; j < maps.size(0); ++j) {
        EXPECT_NEAR(fast[i][j].item<double>(), reference::cheapFit(maps, i, j, d), 1e-4)
            << "d=" << d << " pair " << i << "->" << j;
      }
    }
  }
}

TEST(Similarity, PlantedAffineDuplicatesScoreOne) {
  torch::manual_seed(11);
  torch::Tensor maps = torch::rand({16, 12, 12});
  maps[9] = maps[4] * 3.0 + 0.5;
  const auto cos = cosineMatrix(maps);
  const auto pear = pearsonMatrix(maps);
  EXPECT_NEAR(pear[4][9].item<double>(), 1.0, 1e-5);
  // Cosine sees the offset, but the maps are positive and the copy scaled: still about 1.
  EXPECT_GT(cos[4][9].item<double>(), 0.97);
  const Redundancy r = findRedundancy(pear, 0.99);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].a, 4);
  EXPECT_EQ(r.pairs[0].b, 9);
  EXPECT_NEAR(r.score, 2.0 / 16.0, 1e-12);
  EXPECT_EQ(intrinsicEstimate(pear, 0.99), 15);
}

// The fast matching (a heap of each map's best partners, ties in (a, b) order) and the
// incremental cover give exactly the plain version's pairs, score and estimate: scores rounded
// to a few levels make many ties, 60 maps make lists refilled past their 8 kept partners, and
// the matrices are asymmetric like the cheap-op fit's, with and without dead maps.
TEST(Similarity, FindRedundancyEqualsThePlainVersion) {
  torch::manual_seed(21);
  for (const int64_t c : {2, 7, 60}) {
    for (const int levels : {4, 1000}) {
      const torch::Tensor s =
          (torch::rand({c, c}, torch::kFloat64) * levels).floor() / static_cast<double>(levels);
      for (const std::vector<int64_t>& dead : {std::vector<int64_t>{}, std::vector<int64_t>{1}}) {
        for (const double t : {0.0, 0.25, 0.5, 0.75, 0.999}) {
          for (const bool all : {false, true}) {
            const Redundancy fast = findRedundancy(s, t, all, dead);
            const Redundancy plain = reference::findRedundancy(s, t, all, dead);
            ASSERT_EQ(fast.pairs.size(), plain.pairs.size()) << c << " " << t << " " << all;
            for (std::size_t i = 0; i < fast.pairs.size(); ++i) {
              EXPECT_EQ(fast.pairs[i].a, plain.pairs[i].a) << c << " " << t << " pair " << i;
              EXPECT_EQ(fast.pairs[i].b, plain.pairs[i].b) << c << " " << t << " pair " << i;
              EXPECT_EQ(fast.pairs[i].score, plain.pairs[i].score);
            }
            EXPECT_EQ(fast.score, plain.score) << c << " " << t;
            if (!all) {
              EXPECT_EQ(intrinsicEstimate(s, t, dead), plain.intrinsicEstimate) << c << " " << t;
            }
          }
        }
      }
    }
  }
}

// The O(C) score a slider uses equals findRedundancy's at every threshold, for symmetric and
// asymmetric (cheap-op fit) matrices.
TEST(Similarity, ScoreFromBestPartnersEqualsFindRedundancy) {
  torch::manual_seed(14);
  torch::Tensor maps = torch::rand({24, 10, 10});
  maps[7] = maps[3] * 2.0;
  maps[11] = maps[3] + 0.01 * torch::rand({10, 10});
  for (Metric m : {Metric::Cosine, Metric::CheapFit}) {
    const torch::Tensor s = similarityMatrix(maps, m, 3);
    const std::vector<double> best = bestPartnerScores(s);
    ASSERT_EQ(best.size(), 24u);
    for (const double t : everyTwentieth()) {
      EXPECT_DOUBLE_EQ(redundancyScore(best, t), findRedundancy(s, t).score)
          << metricName(m) << " at " << t;
    }
  }
}

// A blank or constant map is "dead": the cheap-op fit explains it perfectly from any map (a zero
// filter), which would pair it with everything and push the layer to 100% redundant.
TEST(DeadMaps, AreFoundAtAnyScaleAndNotMistakenForQuietMaps) {
  torch::manual_seed(21);
  torch::Tensor maps = torch::randn({6, 12, 12});
  maps[1].zero_();
  maps[4].fill_(3.5);
  maps[5] = maps[5] * 1e-3;  // quiet, but it varies
  const std::vector<int64_t> expected{1, 4};
  EXPECT_EQ(deadMaps(maps), expected);
  EXPECT_EQ(deadMaps(maps * 1e-9), expected);  // a tolerance relative to the layer
  EXPECT_EQ(deadMaps(maps * 1e9), expected);
  EXPECT_EQ(deadMaps(torch::zeros({3, 4, 4})), (std::vector<int64_t>{0, 1, 2}));
  EXPECT_TRUE(deadMaps(torch::randn({3, 4, 4})).empty());
}

TEST(DeadMaps, AreNeverPairedAndLeftOutOfTheScore) {
  torch::manual_seed(22);
  torch::Tensor maps = torch::randn({10, 12, 12});
  maps[2] = maps[0] * 1.5;  // one real pair: (0, 2)
  maps[5].zero_();
  maps[8].zero_();
  torch::Tensor s = similarityMatrix(maps, Metric::CheapFit, 3);
  // Without the dead list, a blank target is "explained" by every map.
  ASSERT_GT(s[3][5].item<double>(), 0.99);
  ASSERT_GT(findRedundancy(s, 0.9).score, 0.3);

  const std::vector<int64_t> dead = deadMaps(maps);
  ASSERT_EQ(dead, (std::vector<int64_t>{5, 8}));
  clearDeadScores(s, dead);
  EXPECT_EQ(s.select(1, 5).abs().max().item<double>(), 0.0);  // the column the heatmap shows
  EXPECT_EQ(s.select(0, 8).abs().max().item<double>(), 0.0);
  for (double t : {0.0, 0.5, 0.9}) {
    const Redundancy r = findRedundancy(s, t, true, dead);
    for (const RedundantPair& p : r.pairs) {
      EXPECT_TRUE(p.a != 5 && p.a != 8 && p.b != 5 && p.b != 8) << p.a << "," << p.b;
    }
  }
  const Redundancy r = findRedundancy(s, 0.9, false, dead);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].a, 0);
  EXPECT_EQ(r.pairs[0].b, 2);
  EXPECT_DOUBLE_EQ(r.score, 2.0 / 8.0);  // 2 of the 8 live maps
  EXPECT_EQ(intrinsicEstimate(s, 0.9, dead),
            7);  // the 8 live maps, one of them explained by its pair
  const std::vector<double> best = bestPartnerScores(s, dead);
  EXPECT_TRUE(std::isnan(best[5]) && std::isnan(best[8]));
  for (const double t : everyTwentieth()) {
    EXPECT_DOUBLE_EQ(redundancyScore(best, t), findRedundancy(s, t, false, dead).score) << t;
  }
  // An all-dead layer is not redundant at all.
  const torch::Tensor blank = torch::zeros({3, 3});
  EXPECT_EQ(findRedundancy(blank, 0.0, false, {0, 1, 2}).score, 0.0);
  EXPECT_EQ(redundancyScore(bestPartnerScores(blank, {0, 1, 2}), 0.0), 0.0);
}

TEST(Similarity, PlantedBlurredCopyIsFoundByTheCheapFitNotByCosine) {
  torch::manual_seed(12);
  torch::Tensor maps = torch::randn({8, 20, 20});
  const torch::Tensor kernel =
      torch::tensor({{0.05, 0.2, -0.1}, {0.3, -0.6, 0.25}, {-0.1, 0.15, 0.1}}, torch::kFloat32);
  maps[5] = torch::conv2d(maps[2].view({1, 1, 20, 20}), kernel.view({1, 1, 3, 3}), {}, 1, 1)
                .view({20, 20});
  const auto fit = cheapFitMatrix(maps, 3);
  EXPECT_GT(fit[2][5].item<double>(), 0.99);
  EXPECT_LT(std::abs(cosineMatrix(maps)[2][5].item<double>()), 0.9);
  EXPECT_TRUE(
      torch::allclose(cheapFitFilter(maps, 2, 5, 3).to(torch::kFloat32), kernel, 1e-4, 1e-4));
}

TEST(Similarity, RandomMapsHaveNoPairAboveNinety) {
  torch::manual_seed(13);
  const torch::Tensor maps = torch::randn({64, 16, 16});
  for (Metric m : {Metric::Cosine, Metric::Pearson, Metric::Ssim, Metric::CheapFit}) {
    EXPECT_TRUE(findRedundancy(similarityMatrix(maps, m, 3), 0.9).pairs.empty()) << metricName(m);
  }
}

TEST(Similarity, RejectsNonFiniteMaps) {
  torch::Tensor maps = torch::randn({3, 4, 4});
  maps[1][2][2] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW(cosineMatrix(maps), c10::Error);
  EXPECT_THROW(cheapFitMatrix(torch::randn({3, 4}), 3), c10::Error);
}

TEST(LayerMeasures, RankOfPlantedStructure) {
  torch::manual_seed(15);
  // 12 maps that are mixtures of 3 independent ones: k95 <= 3, implied ratio >= 4.
  const torch::Tensor basis = torch::randn({3, 100});
  const torch::Tensor maps = torch::randn({12, 3}).matmul(basis).view({12, 10, 10});
  const RankMeasures m = rankMeasures(maps);
  EXPECT_LE(m.k95, 3);
  EXPECT_GE(m.impliedRatio, 4.0);
  EXPECT_LE(m.effectiveRank, 3.0 + 1e-9);
  const RankMeasures full = rankMeasures(torch::randn({12, 30, 30}));
  EXPECT_GE(full.k95, 10);
  EXPECT_GT(full.effectiveRank, 10.0);
  const RankMeasures dead = rankMeasures(torch::zeros({4, 5, 5}));
  EXPECT_EQ(dead.k95, 0);
  EXPECT_EQ(dead.impliedRatio, 4.0);
}

// The plain definition rankMeasures() computes faster: singular values of the centred maps.
RankMeasures referenceRankMeasures(const torch::Tensor& maps) {
  torch::Tensor flat = maps.reshape({maps.size(0), -1}).to(torch::kFloat64);
  flat = flat - flat.mean(1, true);
  const torch::Tensor sigma = torch::linalg_svdvals(flat);
  RankMeasures m;
  const double total = sigma.sum().item<double>();
  if (total <= 1e-12) {
    m.impliedRatio = static_cast<double>(maps.size(0));
    return m;
  }
  double entropy = 0, energy = 0, cumulative = 0;
  for (int64_t i = 0; i < sigma.numel(); ++i) {
    const double p = sigma[i].item<double>() / total;
    if (p > 0) entropy -= p * std::log(p);
    energy += std::pow(sigma[i].item<double>(), 2);
  }
  m.effectiveRank = std::exp(entropy);
  for (int64_t i = 0; i < sigma.numel(); ++i) {
    cumulative += std::pow(sigma[i].item<double>(), 2) / energy;
    m.k95 = i + 1;
    if (cumulative >= 0.95 - 1e-12) break;
  }
  m.impliedRatio = static_cast<double>(maps.size(0)) / static_cast<double>(m.k95);
  return m;
}

TEST(LayerMeasures, EqualTheSingularValueDefinition) {
  torch::manual_seed(17);
  // Wide (C < HW) and tall (C > HW) layers, full rank and low rank, and a layer with dead maps.
  std::vector<torch::Tensor> layers = {
      torch::randn({32, 12, 12}), torch::randn({64, 3, 3}),
      torch::randn({40, 5}).matmul(torch::randn({5, 81})).view({40, 9, 9}),
      torch::relu(torch::randn({16, 7, 7}) - 1.5)};
  layers.back()[3].zero_();
  for (const torch::Tensor& maps : layers) {
    const RankMeasures fast = rankMeasures(maps), plain = referenceRankMeasures(maps);
    EXPECT_NEAR(fast.effectiveRank, plain.effectiveRank, 1e-5 * plain.effectiveRank);
    EXPECT_EQ(fast.k95, plain.k95);
    EXPECT_DOUBLE_EQ(fast.impliedRatio, plain.impliedRatio);
  }
}

TEST(Cka, SelfIsOneAndInvariantToRotationAndScale) {
  torch::manual_seed(16);
  const torch::Tensor x = torch::randn({64, 20}, torch::kFloat64);
  const torch::Tensor q = std::get<0>(torch::linalg_qr(torch::randn({20, 20}, torch::kFloat64)));
  const torch::Tensor y = torch::randn({64, 30}, torch::kFloat64);
  CkaAccumulator cka(1, 4);
  for (int64_t start = 0; start < 64; start += 16) {  // four minibatches
    const torch::Tensor xb = x.narrow(0, start, 16), yb = y.narrow(0, start, 16);
    cka.add({xb}, {xb, xb.matmul(q), xb * 7.5, yb});
  }
  const torch::Tensor v = cka.value();
  EXPECT_NEAR(v[0][0].item<double>(), 1.0, 1e-12);
  EXPECT_NEAR(v[0][1].item<double>(), 1.0, 1e-9);   // orthogonal transform
  EXPECT_NEAR(v[0][2].item<double>(), 1.0, 1e-12);  // isotropic scaling
  EXPECT_LT(v[0][3].item<double>(), 0.5);           // unrelated features
  EXPECT_EQ(cka.batches(), 4);
}

}  // namespace
}  // namespace ghostlens
