// The counter against independent counts: totals over the modules that actually ran.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/network.h"

namespace ghostlens {
namespace {

namespace nn = torch::nn;

int64_t allParameters(nn::Module& module) {
  int64_t total = 0;
  for (const auto& p : module.parameters()) total += p.numel();
  return total;
}

// Every module of the zoo's models runs, so the counted params equal all parameters.
TEST(Complexity, ParamsEqualAllParametersForEveryModel) {
  for (Architecture arch : allArchitectures()) {
    for (int64_t ratio : {1, 2, 3}) {
      ModelSpec spec = ModelSpec::defaults(arch);
      spec.ratio = ratio;
      spec.width = 0.5;
      spec.input = {spec.input[0], 64, 64};
      auto model = buildModel(spec);
      const ComplexityReport report = countComplexity(*model, spec.input);
      EXPECT_EQ(report.params, allParameters(*model)) << architectureName(arch) << " s=" << ratio;
      int64_t layerParams = 0, layerMacs = 0;
      for (const LayerCost& layer : report.layers) {
        layerParams += layer.params;
        layerMacs += layer.macs;
      }
      EXPECT_EQ(report.params, layerParams);
      EXPECT_EQ(report.macs, layerMacs);
    }
  }
}

// VGG-16's MACs written out from its definition, independently of the model code.
int64_t vggMacsByHand(int64_t inChannels, int64_t size, int64_t ratio, int64_t dw,
                      int64_t classes) {
  const int64_t layout[] = {64, 64,  0,   128, 128, 0,   256, 256, 256,
                            0,  512, 512, 512, 0,   512, 512, 512, 0};
  int64_t macs = 0, channels = inChannels;
  for (int64_t out : layout) {
    if (out == 0) {
      size = (size + 1) / 2;
      continue;
    }
    const int64_t init = (out + ratio - 1) / ratio;
    macs += init * size * size * channels * 9;                          // primary 3x3
    if (ratio > 1) macs += init * (ratio - 1) * size * size * dw * dw;  // cheap depthwise
    channels = out;
  }
  return macs + 512 * 512 + 512 * classes;
}

TEST(Complexity, VggMacsEqualAHandCount) {
  for (int64_t ratio : {1, 2, 3, 4, 5}) {
    for (int64_t dw : {1, 3, 5, 7}) {
      ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
      spec.ratio = ratio;
      spec.dw = dw;
      EXPECT_EQ(countComplexity(spec).macs, vggMacsByHand(3, 32, ratio, dw, 10))
          << "s=" << ratio << " d=" << dw;
    }
  }
  ModelSpec fmnist = ModelSpec::defaults(Architecture::Vgg16);
  fmnist.input = {1, 28, 28};
  EXPECT_EQ(countComplexity(fmnist).macs, vggMacsByHand(1, 28, 2, 3, 10));
}

TEST(Complexity, LayerRowsCarryNamesTypesShapes) {
  const ComplexityReport report = countComplexity(ModelSpec::defaults(Architecture::GhostNet));
  ASSERT_FALSE(report.layers.empty());
  const LayerCost& stem = report.layers.front();
  EXPECT_EQ(stem.name, "conv_stem");
  EXPECT_EQ(stem.type, "Conv2d");
  EXPECT_EQ(stem.output, (std::vector<int64_t>{16, 112, 112}));
  EXPECT_EQ(stem.params, 16 * 3 * 3 * 3);
  EXPECT_EQ(stem.macs, 16 * 112 * 112 * 3 * 3 * 3);
  const LayerCost& last = report.layers.back();
  EXPECT_EQ(last.name, "classifier");
  EXPECT_EQ(last.type, "Linear");
  EXPECT_EQ(last.output, (std::vector<int64_t>{1000, 1, 1}));
  EXPECT_EQ(last.macs, 1280 * 1000);
  EXPECT_EQ(last.params, 1280 * 1000 + 1000);
}

TEST(Complexity, LayerTotalsMergeGhostModulesAndPairVanillaWithGhost) {
  ModelSpec ghost = ModelSpec::defaults(Architecture::Vgg16);
  ModelSpec vanilla = ghost;
  vanilla.ratio = 1;
  const auto ghostRows = layerTotals(countComplexity(ghost));
  const auto vanillaRows = layerTotals(countComplexity(vanilla));
  ASSERT_EQ(ghostRows.size(), vanillaRows.size());
  // 13 Ghost modules, 5 pools, Linear, BN1d, ReLU, Linear.
  EXPECT_EQ(ghostRows.size(), 13u + 5u + 4u);
  EXPECT_EQ(ghostRows[0].name, "features.0");
  const int64_t init = 32;  // ceil(64 / 2)
  EXPECT_EQ(ghostRows[0].macs, init * 32 * 32 * 3 * 9 + init * 32 * 32 * 9);
  EXPECT_EQ(vanillaRows[0].macs, 64 * 32 * 32 * 3 * 9);
  int64_t sum = 0;
  for (std::size_t i = 0; i < ghostRows.size(); ++i) {
    EXPECT_EQ(ghostRows[i].name, vanillaRows[i].name);
    sum += ghostRows[i].macs;
  }
  EXPECT_EQ(sum, countComplexity(ghost).macs);
}

// A model with a module that never runs and one that runs twice.
class Partial : public NetworkImpl {
 public:
  Partial() {
    used = register_module("used", nn::Linear(8, 8));
    unused = register_module("unused", nn::Linear(8, 100));
  }
  torch::Tensor forwardLayers(torch::Tensor x) override {
    x = x.flatten(1);
    return observed(used, observed(used, x));
  }
  nn::Linear used{nullptr}, unused{nullptr};
};

TEST(Complexity, CountsOnlyModulesThatRanAndParamsOnce) {
  Partial model;
  const ComplexityReport report = countComplexity(model, {8, 1, 1});
  EXPECT_EQ(report.params, 8 * 8 + 8);
  EXPECT_EQ(report.macs, 2 * 8 * 8);
  ASSERT_EQ(report.layers.size(), 2u);
  EXPECT_EQ(report.layers[0].name, "used");
  EXPECT_TRUE(model.is_training()) << "the counter must restore the caller's mode";
}

}  // namespace
}  // namespace ghostlens
