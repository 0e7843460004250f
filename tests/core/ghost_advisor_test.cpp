#include "ghostlens/analysis/ghost_advisor.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "ghostlens/analysis/cheap_fit_accumulator.h"
#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/analysis/similarity.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/data/fashion_mnist_batch.h"
#include "ghostlens/models/ghost_plan.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/network.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/session/model_source.h"
#include "ghostlens/util/input_error.h"
#include "reference_similarity.h"

namespace ghostlens {
namespace {

/// Layer maps [N, C, H, W] in which `intrinsic` maps are random and every other map is a random
/// d x d depthwise filter (cross-correlation, zero padding) of one of them.
torch::Tensor plantedMaps(int64_t images, int64_t channels, const std::vector<int64_t>& intrinsic,
                          int64_t d, int64_t side) {
  torch::manual_seed(7);
  torch::Tensor maps = torch::zeros({images, channels, side, side}, torch::kFloat64);
  for (int64_t c : intrinsic) maps.select(1, c).copy_(torch::randn({images, side, side}));
  for (int64_t c = 0, next = 0; c < channels; ++c) {
    if (std::find(intrinsic.begin(), intrinsic.end(), c) != intrinsic.end()) continue;
    const int64_t parent = intrinsic[static_cast<std::size_t>(next++) % intrinsic.size()];
    const torch::Tensor filter = torch::randn({1, 1, d, d}, torch::kFloat64);
    maps.select(1, c).copy_(
        torch::conv2d(maps.select(1, parent).unsqueeze(1), filter, {}, 1, d / 2).squeeze(1));
  }
  return maps.to(torch::kFloat32);
}

TEST(CheapFitAccumulator, OneImageGivesTheOneImageFit) {
  torch::manual_seed(1);
  const torch::Tensor maps = torch::randn({5, 9, 11});
  CheapFitAccumulator fit(3);
  fit.add(maps);
  EXPECT_TRUE(torch::allclose(fit.result(), cheapFitMatrix(maps, 3), 1e-6, 1e-5));
}

TEST(CheapFitAccumulator, ABatchIsOneFitOverEveryPixelLikeThePlainReference) {
  torch::manual_seed(2);
  // Correlated maps, so that the scores are far from 0 and the comparison means something.
  const torch::Tensor base = torch::randn({3, 1, 8, 7});
  const torch::Tensor batch = base + 0.7 * torch::randn({3, 4, 8, 7});
  for (int64_t d : {1, 3}) {
    CheapFitAccumulator whole(d), chunks(d);
    whole.add(batch);
    chunks.add(batch.narrow(0, 0, 1));
    chunks.add(batch.narrow(0, 1, 2));
    const torch::Tensor r2 = whole.result();
    // Products run in float32: chunks add the same sums in another order.
    EXPECT_TRUE(torch::allclose(r2, chunks.result(), 1e-5, 1e-6));
    for (int64_t i = 0; i < 4; ++i) {
      for (int64_t j = 0; j < 4; ++j) {
        EXPECT_NEAR(r2[i][j].item<double>(), reference::cheapFitOverBatch(batch, i, j, d), 1e-4)
            << "d=" << d << " pair " << i << "->" << j;
      }
    }
    // Not the mean of per-image fits: one filter serves every image.
    EXPECT_GT(r2[0][1].item<double>(), 0.05);
  }
}

TEST(CheapFitAccumulator, ConstantMapsAreFound) {
  torch::Tensor maps = torch::randn({2, 4, 6, 6});
  maps.select(1, 2).fill_(0.0);
  maps.select(1, 3).fill_(1.5);
  CheapFitAccumulator fit(3);
  fit.add(maps);
  EXPECT_EQ(fit.constantMaps(), (std::vector<int64_t>{2, 3}));
}

TEST(GhostAdvisor, RecoversAPlantedIntrinsicSetExactly) {
  const std::vector<int64_t> intrinsic{0, 3, 5};
  const int64_t d = 3, channels = 9;
  const torch::Tensor maps = plantedMaps(4, channels, intrinsic, d, 10);
  CheapFitAccumulator fit(d);
  fit.add(maps);
  const IntrinsicCurve curve = greedyIntrinsics(fit.result(), {}, channels);
  ASSERT_EQ(curve.meanR2.size(), static_cast<std::size_t>(channels));
  EXPECT_EQ(intrinsicsFor(curve, 0.999), 3);
  const std::set<int64_t> chosen(curve.order.begin(), curve.order.begin() + 3);
  EXPECT_EQ(chosen, std::set<int64_t>(intrinsic.begin(), intrinsic.end()));
  EXPECT_LT(curve.meanR2[1], 0.999);  // two maps are not enough
  EXPECT_GT(curve.meanR2[2], 0.999);
  EXPECT_TRUE(std::is_sorted(curve.meanR2.begin(), curve.meanR2.end()));
  EXPECT_EQ(impliedGhostRatio({curve}, channels, 0.999), 3);
  // With d = 1 (a scale) the children are not reproduced, so more maps are needed.
  CheapFitAccumulator scale(1);
  scale.add(maps);
  EXPECT_GT(intrinsicsFor(greedyIntrinsics(scale.result(), {}, channels), 0.999), 3);
}

TEST(GhostAdvisor, IndependentRandomMapsGetNoGhosting) {
  torch::manual_seed(3);
  const int64_t channels = 12;
  const torch::Tensor maps = torch::randn({6, channels, 12, 12});
  std::vector<IntrinsicCurve> curves;
  for (int64_t d : {1, 3, 5}) {
    CheapFitAccumulator fit(d);
    fit.add(maps);
    curves.push_back(greedyIntrinsics(fit.result(), {}, channels));
  }
  EXPECT_EQ(impliedGhostRatio(curves, channels, 0.9), 1);
  EXPECT_GT(intrinsicsFor(curves[2], 0.9), channels / 2);
}

TEST(GhostAdvisor, DeadMapsNeedNoIntrinsicAndAreNeverChosen) {
  torch::manual_seed(4);
  torch::Tensor maps = plantedMaps(2, 6, {1}, 3, 8);
  maps.select(1, 0).zero_();
  CheapFitAccumulator fit(3);
  fit.add(maps);
  const std::vector<int64_t> dead = fit.constantMaps();
  ASSERT_EQ(dead, std::vector<int64_t>{0});
  const IntrinsicCurve curve = greedyIntrinsics(fit.result(), dead, 6);
  EXPECT_EQ(curve.order.front(), 1);
  EXPECT_EQ(intrinsicsFor(curve, 0.999), 1);
  EXPECT_EQ(std::count(curve.order.begin(), curve.order.end(), 0), 0);
}

class ShippedAdvice : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    loaded_ = new LoadedModel(loadModel(ModelSource::file(shippedPair().vanilla)));
    inputs_ = new torch::Tensor(fashionMnistBatch(kFashionMnistDirectory, 8, loaded_->spec));
  }
  static void TearDownTestSuite() {
    delete loaded_;
    delete inputs_;
  }
  static LoadedModel* loaded_;
  static torch::Tensor* inputs_;
};
LoadedModel* ShippedAdvice::loaded_ = nullptr;
torch::Tensor* ShippedAdvice::inputs_ = nullptr;

TEST_F(ShippedAdvice, ThePlansMacsAreTheBuiltModelsAndTheBudgetHolds) {
  const ComplexityReport vanilla = countComplexity(loaded_->spec);
  const int64_t budget = ghostCostFromVanilla(vanilla, 3, 3).macs;
  AdviceOptions options;
  options.budgetMacs = budget;
  const Advice advice = adviseGhosting(*loaded_->network, loaded_->spec, *inputs_, options);
  ASSERT_EQ(advice.plan.layers.size(), 13u);
  const ModelSpec planned = specOfPlan(advice.plan);
  const ComplexityReport built = countComplexity(planned);
  EXPECT_EQ(advice.plan.macs, built.macs);
  EXPECT_EQ(advice.plan.params, built.params);
  EXPECT_LE(advice.plan.macs, budget);
  EXPECT_GT(advice.plan.macs, budget * 9 / 10);  // spends the budget, not far under it
  int64_t ghosted = 0;
  for (const LayerAdvice& layer : advice.layers) {
    if (layer.height * layer.width < kMinComparablePixels) {
      EXPECT_TRUE(layer.tooSmall) << layer.name;
      EXPECT_EQ(layer.ratio, 1) << layer.name;
    }
    ghosted += layer.ratio > 1 ? 1 : 0;
  }
  EXPECT_GT(ghosted, 0);
  for (const PlanLayer& layer : advice.plan.layers) {
    const bool tiny =
        layer.name == "features.14" || layer.name == "features.15" || layer.name == "features.16";
    EXPECT_EQ(!layer.r2.has_value(), tiny) << layer.name;
  }
  // The file round trip keeps every field the trainer and the counter read.
  const GhostPlan again = planFromJson(planToJson(advice.plan));
  EXPECT_EQ(specOfPlan(again), planned);
}

TEST_F(ShippedAdvice, TheTargetModeKeepsEveryGhostedLayerAtTheTarget) {
  AdviceOptions options;
  options.target = 0.3;
  const Advice advice = adviseGhosting(*loaded_->network, loaded_->spec, *inputs_, options);
  for (const LayerAdvice& layer : advice.layers) {
    if (layer.tooSmall) continue;
    ASSERT_TRUE(layer.r2.has_value());
    EXPECT_GE(*layer.r2, 0.3 - 1e-12) << layer.name;
    if (layer.ratio > 1) {
      EXPECT_GT(layer.macsSaved, 0) << layer.name;
      EXPECT_LE(layer.ratio, layer.channels / layer.k) << layer.name;
    }
  }
  EXPECT_EQ(countComplexity(specOfPlan(advice.plan)).macs, advice.plan.macs);
}

TEST_F(ShippedAdvice, RefusesAGhostModelAndBadOptions) {
  ModelSpec ghost = loaded_->spec;
  ghost.ratio = 2;
  auto model = buildModel(ghost, 0);
  EXPECT_THROW(adviseGhosting(*model, ghost, *inputs_, {}), InputError);
  AdviceOptions even;
  even.dws = {2};
  EXPECT_THROW(adviseGhosting(*loaded_->network, loaded_->spec, *inputs_, even), InputError);
  AdviceOptions tiny;
  tiny.budgetMacs = 1000;
  EXPECT_THROW(adviseGhosting(*loaded_->network, loaded_->spec, *inputs_, tiny), InputError);
}

TEST(LayerAnalysisBatch, MeasuresAreMeansOfTheImagesAndTinyMapsHaveNone) {
  torch::manual_seed(8);
  TapResult taps;
  TappedLayer big;
  big.name = "big";
  big.type = "Conv2d";
  big.maps = torch::rand({3, 6, 8, 8});
  big.maps.select(1, 1).copy_(big.maps.select(1, 0) * 2);  // one redundant pair in every image
  big.intrinsic = 6;
  TappedLayer tiny = big;
  tiny.name = "tiny";
  tiny.maps = torch::rand({3, 6, 3, 3});  // 9 pixels
  taps.layers = {big, tiny};
  AnalysisOptions options;
  options.overBatch = true;
  const std::vector<LayerAnalysis> batch = analyzeLayers(taps, options);
  ASSERT_EQ(batch.size(), 2u);
  ASSERT_TRUE(batch[0].batch.has_value());
  EXPECT_EQ(batch[0].batch->images, 3);
  double sum = 0;
  std::vector<double> each;
  for (int64_t n = 0; n < 3; ++n) {
    TapResult one;
    one.layers = {big};
    one.layers[0].maps = big.maps.narrow(0, n, 1);
    each.push_back(analyzeLayers(one, AnalysisOptions{}).front().redundancy.score);
    sum += each.back();
  }
  EXPECT_NEAR(batch[0].batch->redundancy.mean, sum / 3, 1e-12);
  EXPECT_GT(batch[0].batch->redundancy.mean, 0.0);
  const double mean = sum / 3;
  double squares = 0;
  for (double v : each) squares += (v - mean) * (v - mean);
  EXPECT_NEAR(batch[0].batch->redundancy.spread, std::sqrt(squares / 3), 1e-12);
  // Sample 0 stays what the explorer shows.
  EXPECT_EQ(batch[0].redundancy.score, each[0]);

  EXPECT_FALSE(batch[1].comparable);
  EXPECT_TRUE(std::isnan(batch[1].redundancy.score));
  EXPECT_TRUE(batch[1].redundancy.pairs.empty());
  EXPECT_TRUE(std::isnan(batch[1].rank.impliedRatio));
  EXPECT_TRUE(std::isnan(batch[1].batch->redundancy.mean));
  for (double b : batch[1].bestPartner) EXPECT_TRUE(std::isnan(b));
}

TEST(GhostPlan, PlanCostEqualsTheBuiltModelsCount) {
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.width = 0.25;
  spec.input = {1, 28, 28};
  spec.ratio = 1;
  const ComplexityReport vanilla = countComplexity(spec);
  ModelSpec planned = spec;
  planned.plan = {{"features.0", {2, 1}}, {"features.4", {5, 5}}, {"features.12", {16, 3}}};
  const PlanCost cost = planCostFromVanilla(vanilla, planned.plan);
  const ComplexityReport built = countComplexity(planned);
  EXPECT_EQ(cost.macs, built.macs);
  EXPECT_EQ(cost.params, built.params);
  EXPECT_LT(cost.macs, vanilla.macs);
  EXPECT_THROW(planCostFromVanilla(vanilla, {{"classifier.0", {2, 3}}}), InputError);
  ModelSpec wrong = spec;
  wrong.plan = {{"features.2", {2, 3}}};  // a pool
  EXPECT_THROW(buildModel(wrong), InputError);
  ModelSpec other = ModelSpec::defaults(Architecture::GhostNet);
  other.plan = {{"conv_stem", {2, 3}}};
  EXPECT_THROW(validateSpec(other), InputError);
}

// Each refusal names the file and what is wrong with it: the syntax, the missing key, the model,
// the layer and its field.
TEST(GhostPlan, MalformedPlansAreRefusedWithAReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "plan.json: not JSON"},
      {"{", "plan.json: not JSON"},
      {"[]", "plan.json: not a GhostLens plan"},
      {R"({"model":"vgg16"})",
       "plan.json: not a GhostLens plan ([json.exception.out_of_range.403] "
       "key 'width' not found)"},
      {R"({"model":"nope","width":1,"input":[1,28,28],"layers":[]})",
       "plan.json: unknown model nope"},
      {R"({"model":"vgg16","width":1,"input":[1,28,28],"layers":[{"name":"features.0","s":0,"d":3}]})",
       "plan.json: plan: layer features.0: s must be from 1 to"},
      {R"({"model":"vgg16","width":1,"input":[1,28,28],"layers":[{"name":"features.0","s":2,"d":4}]})",
       "plan.json: plan: layer features.0: d must be odd"},
      {R"({"model":"vgg16","width":1,"input":[1,28,28],"layers":[{"name":"features.0","d":3}]})",
       "plan.json: not a GhostLens plan ([json.exception.out_of_range.403] key 's' not found)"}};
  for (const auto& [text, reason] : cases) {
    try {
      planFromJson(text, "plan.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(reason, 0), 0u) << text << "\n  " << e.what();
    }
  }
}

}  // namespace
}  // namespace ghostlens
