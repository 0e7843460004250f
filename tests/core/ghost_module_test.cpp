// The Ghost module computes what the paper says it computes, channel by channel.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "ghostlens/models/ghost_module.h"

namespace ghostlens {
namespace {

namespace nn = torch::nn;

// Gives every BN non-trivial statistics and affine parameters, so eval-mode BN is not identity.
void randomiseBatchNorms(nn::Module& module) {
  torch::NoGradGuard noGrad;
  for (auto& child : module.modules()) {
    if (auto* bn = dynamic_cast<nn::BatchNorm2dImpl*>(child.get())) {
      bn->weight.uniform_(0.5, 1.5);
      bn->bias.uniform_(-0.5, 0.5);
      bn->running_mean.uniform_(-0.3, 0.3);
      bn->running_var.uniform_(0.5, 2.0);
    }
  }
}

// Plain per-channel eval-mode batch norm, written out.
torch::Tensor batchNormChannel(const torch::Tensor& y, const nn::BatchNorm2dImpl& bn, int64_t c) {
  const double eps = bn.options.eps();
  return (y - bn.running_mean[c]) / std::sqrt(bn.running_var[c].item<double>() + eps) *
             bn.weight[c] +
         bn.bias[c];
}

struct Case {
  int64_t in, out, kernel, ratio, dw, stride;
  bool relu;
};

class GhostModuleCases : public ::testing::TestWithParam<Case> {};

TEST_P(GhostModuleCases, GhostChannelsAreTheirParentFilteredByTheirOwnKernel) {
  const Case c = GetParam();
  torch::manual_seed(7);
  GhostModule module(GhostModuleOptions{c.in, c.out, c.kernel, c.ratio, c.dw, c.stride, c.relu});
  randomiseBatchNorms(*module);
  module->eval();
  const torch::Tensor x = torch::randn({2, c.in, 11, 9});
  torch::NoGradGuard noGrad;
  const torch::Tensor y = module->forward(x);
  const int64_t init = (c.out + c.ratio - 1) / c.ratio;
  ASSERT_EQ(module->intrinsicChannels(), init);
  ASSERT_EQ(y.size(1), c.out);

  // The output is the primary part followed by the cheap part, cut to `out`.
  const torch::Tensor intrinsic = module->primary_conv->forward(x);
  EXPECT_TRUE(torch::allclose(y.narrow(1, 0, init), intrinsic, 1e-5, 1e-6));

  auto* cheapConv = module->cheap_operation[0]->as<nn::Conv2dImpl>();
  auto* cheapBn = module->cheap_operation[1]->as<nn::BatchNorm2dImpl>();
  for (int64_t channel = init; channel < c.out; ++channel) {
    const int64_t parent = module->parentOf(channel);
    const int64_t k = channel - init;  // index inside the cheap operation
    EXPECT_EQ(parent, k / (c.ratio - 1));
    EXPECT_FALSE(module->isIntrinsic(channel));
    torch::Tensor expected = torch::conv2d(intrinsic.narrow(1, parent, 1),
                                           cheapConv->weight.narrow(0, k, 1), {}, 1, c.dw / 2);
    expected = batchNormChannel(expected, *cheapBn, k);
    if (c.relu) expected = torch::relu(expected);
    EXPECT_TRUE(torch::allclose(y.narrow(1, channel, 1), expected, 1e-4, 1e-5))
        << "ghost channel " << channel << " from intrinsic " << parent;
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, GhostModuleCases,
                         ::testing::Values(Case{8, 16, 1, 2, 3, 1, true},
                                           Case{6, 5, 3, 2, 3, 1, false},  // odd out: cut
                                           Case{4, 10, 3, 3, 5, 2, true},  // s=3, stride 2
                                           Case{5, 12, 1, 4, 1, 1, true},  // d=1
                                           Case{3, 7, 3, 5, 7, 1, false}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           const Case& c = info.param;
                           return "in" + std::to_string(c.in) + "_out" + std::to_string(c.out) +
                                  "_k" + std::to_string(c.kernel) + "_s" + std::to_string(c.ratio) +
                                  "_d" + std::to_string(c.dw) + "_stride" +
                                  std::to_string(c.stride) + (c.relu ? "_relu" : "");
                         });

TEST(GhostModule, RatioOneIsConvPlusBatchNorm) {
  torch::manual_seed(3);
  for (bool relu : {true, false}) {
    GhostModule module(GhostModuleOptions{4, 6, 3, 1, 3, 2, relu});
    randomiseBatchNorms(*module);
    module->eval();
    EXPECT_FALSE(module->cheap_operation);
    EXPECT_EQ(module->intrinsicChannels(), 6);
    EXPECT_EQ(module->ghostChannels(), 0);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = torch::randn({2, 4, 10, 10});
    auto* conv = module->primary_conv[0]->as<nn::Conv2dImpl>();
    auto* bn = module->primary_conv[1]->as<nn::BatchNorm2dImpl>();
    torch::Tensor expected = torch::conv2d(x, conv->weight, {}, 2, 1);
    expected = torch::batch_norm(expected, bn->weight, bn->bias, bn->running_mean, bn->running_var,
                                 false, 0.0, bn->options.eps(), false);
    if (relu) expected = torch::relu(expected);
    EXPECT_TRUE(torch::allclose(module->forward(x), expected, 1e-5, 1e-6));
  }
}

TEST(GhostModule, StateDictKeysFollowTheOfficialLayout) {
  GhostModule ghost(GhostModuleOptions{16, 16, 1, 2, 3, 1, true});
  std::vector<std::string> keys;
  for (const auto& p : ghost->named_parameters()) keys.push_back(p.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"primary_conv.0.weight", "primary_conv.1.weight",
                                            "primary_conv.1.bias", "cheap_operation.0.weight",
                                            "cheap_operation.1.weight", "cheap_operation.1.bias"}));
  EXPECT_EQ(ghost->primary_conv[0]->as<nn::Conv2dImpl>()->weight.sizes(),
            (std::vector<int64_t>{8, 16, 1, 1}));
  EXPECT_EQ(ghost->cheap_operation[0]->as<nn::Conv2dImpl>()->weight.sizes(),
            (std::vector<int64_t>{8, 1, 3, 3}));
}

TEST(GhostModule, RejectsBadSettings) {
  EXPECT_THROW(GhostModule(GhostModuleOptions{4, 8, 1, 0, 3, 1, true}), c10::Error);
  EXPECT_THROW(GhostModule(GhostModuleOptions{4, 8, 1, 2, 2, 1, true}), c10::Error);
  EXPECT_THROW(GhostModule(GhostModuleOptions{0, 8, 1, 2, 3, 1, true}), c10::Error);
  GhostModule ok(GhostModuleOptions{4, 8, 1, 2, 3, 1, true});
  EXPECT_THROW(ok->parentOf(8), c10::Error);
}

}  // namespace
}  // namespace ghostlens
