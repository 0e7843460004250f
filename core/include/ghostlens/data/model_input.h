#pragma once

#include <torch/types.h>

#include <string>

#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// Reads any image OpenCV reads (8- or 16-bit; gray, BGR or BGRA) and turns it into the model's
/// input: converted to the model's channels, resized to its H x W, scaled to [0, 1] and
/// normalised (Fashion-MNIST statistics for 1 channel, ImageNet's for 3, 0.5/0.5 otherwise).
/// Throws std::invalid_argument naming the file for a missing, empty or unreadable one.
/// @return [1, C, H, W] float32
torch::Tensor loadImageInput(const std::string& path, const ModelSpec& spec);

/// Test-split Fashion-MNIST image `index` prepared the same way. @return [1, C, H, W]
torch::Tensor fashionMnistInput(const std::string& directory, int64_t index, const ModelSpec& spec);

/// Prepares a [H, W, channels] image with values in [0, 1] (float32, RGB order) for `spec`.
torch::Tensor prepareImage(const torch::Tensor& hwc, const ModelSpec& spec);

}  // namespace ghostlens
