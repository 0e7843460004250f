#pragma once

#include <cstdint>
#include <functional>

#include "ghostlens/data/evaluation_set.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens {

class RunnableModel;

struct EvaluationResult {
  int64_t images = 0;  ///< images evaluated
  double top1 = 0;     ///< percent of images whose label is the most probable class
  double top5 = 0;     ///< percent whose label is among the five most probable
  double seconds = 0;
  double imagesPerSecond = 0;
  bool cancelled = false;
};

/// Called after each batch with the images done, the images in all, the result so far; return
/// false to stop (the result then covers the images done).
using EvaluationProgress = std::function<bool(const EvaluationResult& soFar, int64_t total)>;

/// Top-1 and top-5 accuracy of `model` (built for `spec`) on the first `limit` images of `set`
/// (0: all), in batches of `batchSize`, in eval mode, as the official GhostNet validate.py
/// reports them. Throws InputError when the set has more classes than the model.
EvaluationResult evaluateModel(RunnableModel& model, const ModelSpec& spec,
                               const EvaluationSet& set, int64_t limit = 0, int64_t batchSize = 64,
                               const EvaluationProgress& progress = {});

}  // namespace ghostlens
