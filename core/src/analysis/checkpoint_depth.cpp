#include "ghostlens/analysis/checkpoint_depth.h"

#include <torch/torch.h>

#include <stdexcept>

#include "ghostlens/analysis/depth_profile.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/training/checkpoint.h"

namespace ghostlens {

DepthProfile checkpointDepthProfile(const std::string& vanillaCheckpoint,
                                    const std::string& ghostCheckpoint,
                                    const std::string& dataDirectory, int64_t imageIndex,
                                    Metric metric, double threshold,
                                    const DepthProgress& progress) {
  const ModelSpec vanillaSpec = readCheckpointInfo(vanillaCheckpoint).spec;
  const ModelSpec ghostSpec = readCheckpointInfo(ghostCheckpoint).spec;
  if (vanillaSpec.input != ghostSpec.input) {
    throw std::invalid_argument("the two checkpoints take different input shapes");
  }
  auto vanilla = buildModel(vanillaSpec);
  auto ghost = buildModel(ghostSpec);
  loadCheckpoint(vanillaCheckpoint, *vanilla, nullptr);
  loadCheckpoint(ghostCheckpoint, *ghost, nullptr);
  AnalysisOptions options;
  options.metric = metric;
  options.threshold = threshold;
  options.dw = ghostSpec.dw;
  const torch::Tensor input = fashionMnistInput(dataDirectory, imageIndex, ghostSpec);
  return depthProfile(*vanilla, *ghost, input, options, progress);
}

}  // namespace ghostlens
