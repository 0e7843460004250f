#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>

#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// The first `count` images of a folder (file names in sorted order; files OpenCV cannot read as
/// an image are an error, files without an image extension are skipped), each prepared for
/// `spec` as loadImageInput() prepares one. Throws InputError for a missing folder, a count
/// below 1, or fewer images than `count`. @return [count, C, H, W] float32
torch::Tensor imageFolderBatch(const std::string& folder, int64_t count, const ModelSpec& spec);

}  // namespace ghostlens
