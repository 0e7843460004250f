// Reading a weights file (issue 11): GhostLens's reader on the file $GHOSTLENS_WEIGHTS.
// bench/load_weights.sh runs it beside Python's torch.load on the same file.
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <cstdlib>

#include "ghostlens/io/weights_file.h"
#include "ghostlens/models/weights_import.h"

namespace ghostlens {
namespace {

const char* weightsPath(benchmark::State& state) {
  const char* path = std::getenv("GHOSTLENS_WEIGHTS");
  if (path == nullptr) state.SkipWithError("set GHOSTLENS_WEIGHTS to a weights file");
  return path;
}

// The file to a state dict of tensors: what torch.load returns.
void BM_ReadWeightsFile(benchmark::State& state) {
  torch::set_num_threads(static_cast<int>(state.range(0)));
  state.counters["threads"] = static_cast<double>(state.range(0));
  const char* path = weightsPath(state);
  if (path == nullptr) return;
  for (auto _ : state) benchmark::DoNotOptimize(readWeightsFile(path));
}
BENCHMARK(BM_ReadWeightsFile)->Arg(2)->Unit(benchmark::kMillisecond);

// The file to a model of the zoo with its weights: inferring the spec, building the model
// (which initialises every weight first) and copying the tensors in.
void BM_ImportWeights(benchmark::State& state) {
  torch::set_num_threads(static_cast<int>(state.range(0)));
  state.counters["threads"] = static_cast<double>(state.range(0));
  const char* path = weightsPath(state);
  if (path == nullptr) return;
  for (auto _ : state) benchmark::DoNotOptimize(importWeights(path));
}
BENCHMARK(BM_ImportWeights)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ghostlens
