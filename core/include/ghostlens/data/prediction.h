#pragma once

#include <cstdint>
#include <string>

namespace ghostlens {

/// One of a model's most probable classes for an input.
struct Prediction {
  int64_t index = 0;
  std::string label;
  double probability = 0.0;  ///< softmax of the logits
};

}  // namespace ghostlens
