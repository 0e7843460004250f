#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "ghostlens/analysis/cka_grid.h"
#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/analysis/ghost_advice.h"
#include "ghostlens/analysis/metric.h"
#include "ghostlens/session/input_source.h"
#include "ghostlens/session/model_source.h"

namespace ghostlens {

/// Loads the models of `source` (loadModel), prepares `input` for them, and returns their
/// depthProfile() with `metric` and `threshold` (the cheap-op fit uses the ghost model's d).
/// Free of Torch, for the GUI. Throws when a model cannot be loaded, the two take different
/// inputs, or the input cannot be read.
DepthProfile pairDepthProfile(const PairSource& source, const InputSource& input, Metric metric,
                              double threshold, const DepthProgress& progress = {});

/// pairDepthProfile() over the first `count` Fashion-MNIST test images of `dataDirectory`: every
/// measure is the mean over them (AnalysisOptions::overBatch), the spread kept in the profile.
DepthProfile pairDepthProfileOverBatch(const PairSource& source, const std::string& dataDirectory,
                                       int64_t count, Metric metric, double threshold,
                                       const DepthProgress& progress = {});

/// adviseGhosting() on the first model of `source` (it must be vanilla) over the first `count`
/// Fashion-MNIST test images of `dataDirectory`; the plan is named `planName`.
Advice pairAdvice(const PairSource& source, const std::string& dataDirectory, int64_t count,
                  const AdviceOptions& options, const std::string& planName,
                  const AdviceProgress& progress = {});

/// Loads the models of `source` and returns linear CKA between every tapped layer of the first
/// and every tapped layer of the second (of the first with itself for a single model) over the
/// first `count` Fashion-MNIST test images of `dataDirectory`, prepared for the models
/// (ckaBetweenModels, minibatches of 64). `progress` as for ckaBetweenModels: false cancels.
CkaGrid pairCka(const PairSource& source, const std::string& dataDirectory, int64_t count,
                const std::function<bool(int64_t, int64_t)>& progress = {});

}  // namespace ghostlens
