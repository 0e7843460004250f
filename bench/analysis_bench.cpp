// Analysis benchmarks (issue 3). Run: see README, "Benchmarks".
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/analysis/similarity.h"
#include "ghostlens/models/deploy.h"
#include "ghostlens/models/depthwise_conv.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/model_factory.h"
#include "reference_similarity.h"

namespace ghostlens {
namespace {

void setThreads(benchmark::State& state, int threads) {
  torch::set_num_threads(threads);
  state.counters["threads"] = threads;
}

// (b) all ordered pairs of 64 maps at 112x112, d = 3, one core.
void BM_CheapFitAllPairs(benchmark::State& state) {
  setThreads(state, 1);
  torch::manual_seed(0);
  const torch::Tensor maps = torch::randn({64, 112, 112});
  for (auto _ : state) benchmark::DoNotOptimize(cheapFitMatrix(maps, 3));
}
BENCHMARK(BM_CheapFitAllPairs)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The per-pair reference on the same layer, timed over 64 of the 4096 pairs (x64 for all).
void BM_CheapFitReference64Pairs(benchmark::State& state) {
  setThreads(state, 1);
  torch::manual_seed(0);
  const torch::Tensor maps = torch::randn({64, 112, 112});
  for (auto _ : state) {
    for (int64_t j = 0; j < 64; ++j) benchmark::DoNotOptimize(reference::cheapFit(maps, 0, j, 3));
  }
}
BENCHMARK(BM_CheapFitReference64Pairs)->Unit(benchmark::kMillisecond);

// (a) GhostNet 1.0x, one 224x224 image: plain forward, and taps plus all-pairs cosine.
void BM_GhostNetForward(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  auto model = buildModel(ModelSpec::defaults(Architecture::GhostNet));
  const torch::Tensor x = torch::randn({1, 3, 224, 224});
  EvalScope eval(*model);
  for (auto _ : state) benchmark::DoNotOptimize(model->forward(x));
}
BENCHMARK(BM_GhostNetForward)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The same in deploy mode (BN folded, Ghost modules writing into one output).
void BM_GhostNetForwardDeployed(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  const ModelSpec spec = ModelSpec::defaults(Architecture::GhostNet);
  auto plain = buildModel(spec);
  DeployOptions options;
  options.channelsLast = state.range(1) != 0;
  state.counters["channels_last"] = options.channelsLast;
  auto model = makeDeployed(*plain, spec, options);
  const torch::Tensor x = torch::randn({1, 3, 224, 224});
  EvalScope eval(*model);
  for (auto _ : state) benchmark::DoNotOptimize(model->forward(x));
}
BENCHMARK(BM_GhostNetForwardDeployed)
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

// One depthwise conv of GhostNet, ours (Arg 1 = 1) against LibTorch's (0), one thread.
// Arg 0 picks the shape: 0 = blocks.1.0.ghost1's cheap op (24 maps 112x112, 3x3), 1 =
// blocks.3.0.conv_dw (72 maps 56x56 -> 28x28, 5x5 stride 2), 2 = blocks.7.0.conv_dw (672 maps
// 14x14 -> 7x7, 5x5 stride 2), 3 = blocks.8.0.ghost1's cheap op (480 maps 7x7, 3x3), 4 =
// blocks.1.0.conv_dw (48 maps 112x112 -> 56x56, 3x3 stride 2), 5..7 = cheap ops at 56x56,
// 28x28 and 14x14.
void BM_DepthwiseConv(benchmark::State& state) {
  setThreads(state, 1);
  struct Shape {
    int64_t channels, size, kernel, stride;
  };
  const Shape shapes[] = {{24, 112, 3, 1}, {72, 56, 5, 2}, {672, 14, 5, 2}, {480, 7, 3, 1},
                          {48, 112, 3, 2}, {36, 56, 3, 1}, {60, 28, 3, 1},  {100, 14, 3, 1}};
  const Shape& s = shapes[state.range(0)];
  torch::manual_seed(0);
  const torch::Tensor x = torch::randn({1, s.channels, s.size, s.size});
  const torch::Tensor w = torch::randn({s.channels, 1, s.kernel, s.kernel});
  const torch::Tensor b = torch::randn({s.channels});
  const int64_t out = (s.size + 2 * (s.kernel / 2) - s.kernel) / s.stride + 1;
  c10::InferenceMode inference;
  for (auto _ : state) {
    if (state.range(1) != 0) {
      torch::Tensor y = torch::empty({1, s.channels, out, out});
      depthwiseConv2d(x, w, b, s.stride, false, y);
      benchmark::DoNotOptimize(y);
    } else {
      benchmark::DoNotOptimize(torch::conv2d(x, w, b, s.stride, s.kernel / 2, 1, s.channels));
    }
  }
  state.counters["GMAC/s"] =
      benchmark::Counter(static_cast<double>(s.channels * out * out * s.kernel * s.kernel) * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_DepthwiseConv)
    ->ArgsProduct({{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1}})
    ->Unit(benchmark::kMicrosecond);

// ResNet-50, vanilla (torchvision's) and Ghost (s = 2, d = 3), one 224x224 image: the explorer's
// two forward passes on a new input. Arg: threads; ratio 1 or 2.
/// ResNet-50 with ratio s = Arg 1, at Arg 0 threads (both in the benchmark's counters).
std::shared_ptr<NetworkImpl> resNet50Of(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  ModelSpec spec = ModelSpec::defaults(Architecture::ResNet50);
  spec.ratio = static_cast<int>(state.range(1));
  state.counters["s"] = static_cast<double>(spec.ratio);
  return buildModel(spec);
}

void BM_ResNet50Forward(benchmark::State& state) {
  auto model = resNet50Of(state);
  const torch::Tensor x = torch::randn({1, 3, 224, 224});
  EvalScope eval(*model);
  for (auto _ : state) benchmark::DoNotOptimize(model->forward(x));
}
BENCHMARK(BM_ResNet50Forward)->Args({2, 1})->Args({2, 2})->Unit(benchmark::kMillisecond);

// The explorer's first run on a new input: the same passes with every layer tapped, stopped
// after layer4 (what ExplorerSession does before the rest of the analysis).
void BM_ResNet50TapsToLayer4(benchmark::State& state) {
  auto model = resNet50Of(state);
  const torch::Tensor x = torch::randn({1, 3, 224, 224});
  for (auto _ : state) benchmark::DoNotOptimize(runWithTaps(*model, x, {"layer4"}));
}
BENCHMARK(BM_ResNet50TapsToLayer4)->Args({2, 1})->Args({2, 2})->Unit(benchmark::kMillisecond);

void BM_GhostNetTapsAndCosine(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  auto model = buildModel(ModelSpec::defaults(Architecture::GhostNet));
  const torch::Tensor x = torch::randn({1, 3, 224, 224});
  for (auto _ : state) {
    const TapResult taps = runWithTaps(*model, x);
    for (const TappedLayer& layer : taps.layers)
      benchmark::DoNotOptimize(cosineMatrix(layer.maps[0]));
  }
}
BENCHMARK(BM_GhostNetTapsAndCosine)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The analysis engine on the roofline (issue 14): all-pairs cosine of every tapped GhostNet 1.0x
// layer (taps made once, outside the timing), as multiply-adds per second counting the
// symmetric half (C^2 * H * W / 2 per layer), next to BM_Sgemm's rate at the same threads.
void BM_GhostNetAllPairsCosine(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  auto model = buildModel(ModelSpec::defaults(Architecture::GhostNet), 0);
  torch::manual_seed(0);
  const TapResult taps = runWithTaps(*model, torch::randn({1, 3, 224, 224}));
  double macs = 0;
  for (const TappedLayer& layer : taps.layers) {
    const double c = static_cast<double>(layer.maps.size(1));
    macs += c * c * static_cast<double>(layer.maps.size(2) * layer.maps.size(3)) / 2;
  }
  for (auto _ : state) {
    for (const TappedLayer& layer : taps.layers) {
      benchmark::DoNotOptimize(cosineMatrix(layer.maps[0]));
    }
  }
  state.counters["GMAC/s"] =
      benchmark::Counter(macs * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_GhostNetAllPairsCosine)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The machine's compute roof: one 1024 x 1024 x 1024 SGEMM.
void BM_Sgemm1024(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  torch::manual_seed(0);
  const torch::Tensor a = torch::randn({1024, 1024});
  const torch::Tensor b = torch::randn({1024, 1024});
  torch::Tensor c = torch::empty({1024, 1024});
  for (auto _ : state) torch::mm_out(c, a, b);
  state.counters["GMAC/s"] = benchmark::Counter(1024.0 * 1024.0 * 1024.0 * 1e-9,
                                                benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Sgemm1024)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// Redundant pairs of a 2,048-map layer (ResNet-50's layer4) whose maps are mostly alike, as an
// untrained network's are: two million candidate pairs at threshold 0.9. What a threshold change
// or a new input costs the explorer per grid.
void BM_FindRedundancy2048(benchmark::State& state) {
  setThreads(state, static_cast<int>(state.range(0)));
  torch::manual_seed(0);
  const torch::Tensor s = 0.85 + 0.15 * torch::rand({2048, 2048}, torch::kFloat64);
  for (auto _ : state) benchmark::DoNotOptimize(findRedundancy(s, 0.9));
}
BENCHMARK(BM_FindRedundancy2048)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ghostlens

BENCHMARK_MAIN();
