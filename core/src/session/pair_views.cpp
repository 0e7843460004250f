#include "ghostlens/session/pair_views.h"

#include <torch/torch.h>

#include "ghostlens/analysis/depth_profile.h"
#include "ghostlens/analysis/ghost_advisor.h"
#include "ghostlens/analysis/model_cka.h"
#include "ghostlens/data/fashion_mnist_batch.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/session/model_pair.h"

namespace ghostlens {

namespace {

ModelPair loadPair(const PairSource& source) {
  std::optional<LoadedModel> second;
  if (source.second) second = loadModelForWindow(*source.second);
  return ModelPair(loadModelForWindow(source.first), std::move(second));
}

}  // namespace

DepthProfile pairDepthProfile(const PairSource& source, const InputSource& input, Metric metric,
                              double threshold, const DepthProgress& progress) {
  const ModelPair pair = loadPair(source);
  AnalysisOptions options;
  options.metric = metric;
  options.threshold = threshold;
  return depthProfile(pair, prepareInput(input, pair.inputSpec()), options, progress);
}

DepthProfile pairDepthProfileOverBatch(const PairSource& source, const std::string& dataDirectory,
                                       int64_t count, Metric metric, double threshold,
                                       const DepthProgress& progress) {
  const ModelPair pair = loadPair(source);
  AnalysisOptions options;
  options.metric = metric;
  options.threshold = threshold;
  options.overBatch = true;
  return depthProfile(pair, fashionMnistBatch(dataDirectory, count, pair.inputSpec()), options,
                      progress);
}

Advice pairAdvice(const PairSource& source, const std::string& dataDirectory, int64_t count,
                  const AdviceOptions& options, const std::string& planName,
                  const AdviceProgress& progress) {
  const LoadedModel model = loadModelForWindow(source.first);
  const torch::Tensor inputs = fashionMnistBatch(dataDirectory, count, model.spec);
  Advice advice = adviseGhosting(model.zoo("The advisor"), model.spec, inputs, options, progress);
  advice.plan.name = planName;
  return advice;
}

CkaGrid pairCka(const PairSource& source, const std::string& dataDirectory, int64_t count,
                const std::function<bool(int64_t, int64_t)>& progress) {
  const ModelPair pair = loadPair(source);
  const LoadedModel& second = pair.isPair() ? *pair.second() : pair.first();
  const torch::Tensor inputs = fashionMnistBatch(dataDirectory, count, pair.inputSpec());
  const CkaResult result =
      ckaBetweenModels(*pair.first().model, *second.model, inputs, 64, progress);
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
