// The profiler's parts (issue 14): the allocation meter and the per-layer rows.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/profiling/allocation_meter.h"
#include "ghostlens/profiling/forward_profile.h"
#include "ghostlens/profiling/pair_profile.h"

namespace ghostlens {
namespace {

TEST(AllocationMeter, CountsWhatThisThreadAllocatesAndFrees) {
  const torch::Tensor before = torch::empty({1 << 16});  // made before: never counted
  AllocationMeter meter;
  EXPECT_EQ(meter.peakBytes(), 0);
  {
    torch::Tensor a = torch::empty({1000});
    torch::Tensor b = torch::empty({2000});
    EXPECT_EQ(meter.currentBytes(), 12000);
    a.reset();
    EXPECT_EQ(meter.currentBytes(), 8000);
    torch::Tensor c = torch::empty({500});
    EXPECT_EQ(meter.peakBytes(), 12000);
  }
  EXPECT_EQ(meter.currentBytes(), 0);
  EXPECT_EQ(meter.peakBytes(), 12000);
}

// Every leaf the counter sees is a row, with the counter's MACs and params, in the same order;
// the Ghost modules' own work is a Concat row each; rows and MACs add up.
TEST(ForwardProfile, RowsAreTheCountersLeavesPlusEachCompositesOwnWork) {
  ModelSpec spec = ModelSpec::defaults(Architecture::GhostNet);
  spec.width = 0.5;
  spec.input = {3, 64, 64};
  auto model = buildModel(spec, 0);
  ProfileOptions options;
  options.repeat = 3;
  int calls = 0;
  const ForwardProfile profile =
      profileForward(*model, spec.input, options, [&calls](int done, int total) {
        EXPECT_LE(done, total);
        ++calls;
        return true;
      });
  EXPECT_GE(calls, 1);
  const ComplexityReport counted = countComplexity(*model, spec.input);
  std::size_t leaf = 0;
  int concats = 0;
  int64_t macs = 0;
  double sum = 0;
  for (const LayerProfile& row : profile.layers) {
    sum += row.latencyMs;
    macs += row.macs;
    EXPECT_GE(row.latencyMs, 0.0);
    if (row.type == "Concat") ++concats;
    if (row.type == "Concat" || row.type.find(" ops") != std::string::npos) continue;
    ASSERT_LT(leaf, counted.layers.size());
    EXPECT_EQ(row.name, counted.layers[leaf].name);
    EXPECT_EQ(row.macs, counted.layers[leaf].macs);
    EXPECT_EQ(row.layer, counted.layers[leaf].layer);
    EXPECT_GT(row.bytesMoved, row.outputBytes);
    ++leaf;
  }
  EXPECT_EQ(leaf, counted.layers.size());
  EXPECT_EQ(concats, 32);  // GhostNet's 16 bottlenecks have two Ghost modules each
  EXPECT_EQ(macs, counted.macs);
  EXPECT_DOUBLE_EQ(sum, profile.layerSumMs);
  EXPECT_GT(profile.peakActivationBytes, 0);
}

TEST(ForwardProfile, CancelsWhenTheCallbackSaysSo) {
  auto model = buildModel(ModelSpec::defaults(Architecture::ResNet56), 0);
  ProfileOptions options;
  options.repeat = 20;
  EXPECT_THROW(profileForward(*model, {3, 32, 32}, options, [](int, int) { return false; }),
               ProfileCancelled);
}

// Layers of the two forms pair up by name, as the counts do.
TEST(PairProfile, MatchesLayersByName) {
  ModelSpec ghost = ModelSpec::defaults(Architecture::Vgg16);
  ModelSpec vanilla = ghost;
  vanilla.ratio = 1;
  ProfileOptions options;
  options.repeat = 2;
  options.warmup = 1;
  const std::vector<LayerProfilePair> layers =
      compareLayerProfiles(profileForward(*buildModel(vanilla, 0), vanilla.input, options),
                           profileForward(*buildModel(ghost, 0), ghost.input, options));
  const auto macs = compareLayerMacs(countComplexity(vanilla), countComplexity(ghost));
  for (const LayerMacsPair& counted : macs) {
    const auto found = std::find_if(layers.begin(), layers.end(), [&](const LayerProfilePair& l) {
      return l.name == counted.name;
    });
    ASSERT_NE(found, layers.end()) << counted.name;
    EXPECT_EQ(found->macs[0], counted.first) << counted.name;
    EXPECT_EQ(found->macs[1], counted.second) << counted.name;
  }
}

}  // namespace
}  // namespace ghostlens
