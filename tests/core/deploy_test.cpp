// Deploy mode (issue 14): BatchNorm folded into convs, Ghost modules writing into one output.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdio>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/deploy.h"
#include "ghostlens/models/deploy_state.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/model_factory.h"

namespace ghostlens {
namespace {

/// Random BN statistics and affine parameters, so that folding has something to fold.
void randomizeNorms(NetworkImpl& model) {
  torch::NoGradGuard noGrad;
  for (auto& module : model.modules()) {
    if (auto* bn = module->as<torch::nn::BatchNorm2dImpl>()) {
      bn->weight.uniform_(0.5, 1.5);
      bn->bias.normal_(0, 0.1);
      bn->running_mean.normal_(0, 0.1);
      bn->running_var.uniform_(0.5, 2.0);
    }
  }
}

double relativeError(const torch::Tensor& a, const torch::Tensor& b) {
  const double scale = std::max(b.abs().max().item<double>(), 1e-6);
  return (a - b).abs().max().item<double>() / scale;
}

ModelSpec smallSpec(Architecture arch, int64_t ratio) {
  ModelSpec spec = ModelSpec::defaults(arch);
  spec.ratio = ratio;
  if (spec.input[1] > 64) spec.input = {3, 96, 96};
  return spec;
}

// Every architecture, vanilla and ghost: logits within 1e-4 of the plain forward's, and the
// same layers tapped with the same maps (a folded conv's tap maps its output back).
TEST(Deploy, LogitsAndTappedMapsEqualThePlainForwardsForEveryModel) {
  torch::manual_seed(3);
  for (const Architecture arch : allArchitectures()) {
    for (const int64_t ratio : {1, 2}) {
      const ModelSpec spec = smallSpec(arch, ratio);
      SCOPED_TRACE(describeSpec(spec));
      auto model = buildModel(spec, 5);
      randomizeNorms(*model);
      auto deployed = makeDeployed(*model, spec);
      ASSERT_NE(deployed->deployState(), nullptr);
      EXPECT_GT(deployed->deployState()->foldedNorms.size(), 0u);
      const torch::Tensor x = torch::randn({1, spec.input[0], spec.input[1], spec.input[2]});
      const TapResult plain = runWithTaps(*model, x);
      const TapResult fast = runWithTaps(*deployed, x);
      EXPECT_LE(relativeError(fast.logits, plain.logits), 1e-4);
      ASSERT_EQ(fast.layers.size(), plain.layers.size());
      double worst = 0;
      for (std::size_t i = 0; i < plain.layers.size(); ++i) {
        ASSERT_EQ(fast.layers[i].name, plain.layers[i].name);
        ASSERT_EQ(fast.layers[i].maps.sizes(), plain.layers[i].maps.sizes());
        const double error = relativeError(fast.layers[i].maps, plain.layers[i].maps);
        EXPECT_LE(error, 1e-4) << plain.layers[i].name;
        worst = std::max(worst, error);
      }
      std::printf("%s: %zu BNs folded, %zu layers, worst map error %.1e\n",
                  describeSpec(spec).c_str(), deployed->deployState()->foldedNorms.size(),
                  plain.layers.size(), worst);
      // The original is untouched: it still runs its BNs.
      EvalScope eval(*model);
      EXPECT_LE(relativeError(model->forward(x), plain.logits), 1e-6);
    }
  }
}

// Folding twice would fold the BNs again into weights that already hold them.
TEST(Deploy, ADeployedModelIsNotDeployedAgain) {
  const ModelSpec spec = smallSpec(Architecture::Vgg16, 2);
  auto model = buildModel(spec, 1);
  auto deployed = makeDeployed(*model, spec);
  EXPECT_THROW(makeDeployed(*deployed, spec), c10::Error);
}

// A deployed model runs no BatchNorm that follows a conv: the counter sees none of them.
TEST(Deploy, FoldedNormsNoLongerRun) {
  const ModelSpec spec = smallSpec(Architecture::GhostNet, 2);
  auto model = buildModel(spec, 1);
  auto deployed = makeDeployed(*model, spec);
  int plainNorms = 0, deployedNorms = 0;
  for (const auto& row : countComplexity(*model, spec.input).layers) {
    plainNorms += row.type == "BatchNorm2d";
  }
  for (const auto& row : countComplexity(*deployed, spec.input).layers) {
    deployedNorms += row.type == "BatchNorm2d";
  }
  EXPECT_EQ(plainNorms, 80);  // bn1, 2 per Ghost module, the dw, shortcut and head BNs
  EXPECT_EQ(deployedNorms, 0);
}

// A BN whose scale is zero in a channel cannot be folded without losing its conv's maps.
TEST(Deploy, ANormWithAZeroScaleStays) {
  const ModelSpec spec = smallSpec(Architecture::ResNet56, 1);
  auto model = buildModel(spec, 1);
  randomizeNorms(*model);
  {
    torch::NoGradGuard noGrad;
    model->named_parameters()["bn1.weight"][0].fill_(0);
  }
  auto deployed = makeDeployed(*model, spec);
  const torch::nn::Module* bn1 = deployed->named_modules()["bn1"].get();
  EXPECT_EQ(deployed->deployState()->foldedNorms.count(bn1), 0u);
  const torch::Tensor x = torch::randn({1, 3, 32, 32});
  const TapResult plain = runWithTaps(*model, x);
  const TapResult fast = runWithTaps(*deployed, x);
  EXPECT_LE(relativeError(fast.logits, plain.logits), 1e-4);
}

}  // namespace
}  // namespace ghostlens
