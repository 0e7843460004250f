#pragma once

#include <torch/types.h>

#include <functional>
#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// The first `count` Fashion-MNIST test images, each prepared for `spec` as fashionMnistInput()
/// prepares one, reading the split once. Throws InputError for a count outside
/// [1, 10000]. @return [count, C, H, W] float32
torch::Tensor fashionMnistBatch(const std::string& directory, int64_t count, const ModelSpec& spec);

}  // namespace ghostlens
