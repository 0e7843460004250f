#include "ghostlens/analysis/checkpoint_cka.h"

#include <torch/torch.h>

#include <stdexcept>

#include "ghostlens/analysis/model_cka.h"
#include "ghostlens/data/fashion_mnist_batch.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/training/checkpoint.h"

namespace ghostlens {

CkaGrid checkpointCka(const std::string& vanillaCheckpoint, const std::string& ghostCheckpoint,
                      const std::string& dataDirectory, int64_t count,
                      const std::function<bool(int64_t, int64_t)>& progress) {
  auto load = [](const std::string& path) {
    const CheckpointInfo info = readCheckpointInfo(path);
    auto model = buildModel(info.spec);
    loadCheckpoint(path, *model, nullptr);
    return std::make_pair(info.spec, model);
  };
  const auto [vanillaSpec, vanilla] = load(vanillaCheckpoint);
  const auto [ghostSpec, ghost] = load(ghostCheckpoint);
  if (vanillaSpec.input != ghostSpec.input) {
    throw std::invalid_argument("the two checkpoints take different input shapes");
  }
  const torch::Tensor inputs = fashionMnistBatch(dataDirectory, count, ghostSpec);
  const CkaResult result = ckaBetweenModels(*vanilla, *ghost, inputs, 64, progress);
  CkaGrid grid;
  grid.rows = result.layersA;
  grid.cols = result.layersB;
  grid.samples = result.samples;
  grid.cancelled = result.cancelled;
  const torch::Tensor values = result.cka.to(torch::kFloat64).contiguous();
  grid.values.assign(values.data_ptr<double>(), values.data_ptr<double>() + values.numel());
  return grid;
}

}  // namespace ghostlens
