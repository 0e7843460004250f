#include "ghostlens/training/evaluation.h"

#include <torch/torch.h>

#include <chrono>
#include <stdexcept>

#include "ghostlens/models/runnable_model.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

EvaluationResult evaluateModel(RunnableModel& model, const ModelSpec& spec,
                               const EvaluationSet& set, int64_t limit, int64_t batchSize,
                               const EvaluationProgress& progress) {
  if (set.classes() > spec.classes) {
    throw InputError("the images have " + std::to_string(set.classes()) +
                     " classes, the model predicts " + std::to_string(spec.classes));
  }
  if (batchSize < 1) throw InputError("batch size must be positive");
  const int64_t total = limit > 0 ? std::min(limit, set.size()) : set.size();
  const auto start = std::chrono::steady_clock::now();
  EvaluationResult result;
  int64_t correct1 = 0, correct5 = 0;
  for (int64_t begin = 0; begin < total; begin += batchSize) {
    const int64_t end = std::min(total, begin + batchSize);
    // Decoding runs on worker threads, outside the inference mode the forward pass uses.
    const auto [images, labels] = set.batch(begin, end, spec);
    const torch::Tensor logits = model.forward(images);
    const torch::Tensor top = std::get<1>(logits.topk(std::min<int64_t>(5, logits.size(1)), 1));
    const torch::Tensor hits = top.eq(labels.unsqueeze(1));
    correct1 += hits.select(1, 0).sum().item<int64_t>();
    correct5 += hits.any(1).sum().item<int64_t>();
    result.images = end;
    result.top1 = 100.0 * static_cast<double>(correct1) / static_cast<double>(end);
    result.top5 = 100.0 * static_cast<double>(correct5) / static_cast<double>(end);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.imagesPerSecond = static_cast<double>(end) / std::max(result.seconds, 1e-9);
    if (progress && !progress(result, total)) {
      result.cancelled = true;
      break;
    }
  }
  return result;
}

}  // namespace ghostlens
