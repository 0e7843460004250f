#include "ghostlens/analysis/model_cka.h"

#include <torch/torch.h>

#include "ghostlens/analysis/cka_accumulator.h"
#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/models/runnable_model.h"

namespace ghostlens {

namespace {
std::vector<torch::Tensor> mapsOf(const TapResult& taps) {
  std::vector<torch::Tensor> maps;
  for (const TappedLayer& layer : taps.layers) maps.push_back(layer.maps);
  return maps;
}
std::vector<std::string> namesOf(const TapResult& taps) {
  std::vector<std::string> names;
  for (const TappedLayer& layer : taps.layers) names.push_back(layer.name);
  return names;
}
}  // namespace

CkaResult ckaBetweenModels(RunnableModel& modelA, RunnableModel& modelB,
                           const torch::Tensor& inputs, int64_t batchSize,
                           const CkaProgress& progress) {
  TORCH_CHECK(inputs.dim() == 4, "CKA: inputs must be [N, C, H, W]");
  TORCH_CHECK(batchSize >= 4, "CKA: the minibatch needs at least 4 samples, got ", batchSize);
  const int64_t total = inputs.size(0);
  TORCH_CHECK(total >= 4, "CKA: needs at least 4 inputs, got ", total);
  CkaResult result;
  std::unique_ptr<CkaAccumulator> accumulator;
  for (int64_t start = 0; start + 4 <= total; start += batchSize) {
    const torch::Tensor batch = inputs.narrow(0, start, std::min(batchSize, total - start));
    const TapResult a = modelA.tap(batch);
    const TapResult b = modelB.tap(batch);
    if (!accumulator) {
      result.layersA = namesOf(a);
      result.layersB = namesOf(b);
      accumulator = std::make_unique<CkaAccumulator>(a.layers.size(), b.layers.size());
    }
    accumulator->add(mapsOf(a), mapsOf(b));
    result.samples += batch.size(0);
    if (progress && !progress(result.samples, total)) {
      result.cancelled = result.samples < total;
      break;
    }
  }
  result.cka = accumulator->value();
  return result;
}

}  // namespace ghostlens
