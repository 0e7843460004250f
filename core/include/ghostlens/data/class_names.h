#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ghostlens/data/prediction.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// The names of the classes a model predicts: ImageNet's 1,000 (shipped in resources/) for a
/// 1000-class model, Fashion-MNIST's for a one-channel 10-class model, "class i" otherwise.
std::vector<std::string> classNames(const ModelSpec& spec);

/// The `k` most probable classes, most probable first.
/// @param logits [classes] or [1, classes]  @param names one per class
std::vector<Prediction> topPredictions(const torch::Tensor& logits, int64_t k,
                                       const std::vector<std::string>& names);

}  // namespace ghostlens
