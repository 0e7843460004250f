#pragma once

#include <cstdint>

namespace ghostlens {

/// One finished epoch of a training run: what the trainer reports and the store keeps.
struct EpochMetrics {
  int64_t epoch = 0;  ///< 0-based
  double trainLoss = 0, trainAccuracy = 0, testAccuracy = 0, seconds = 0, imagesPerSecond = 0;
};

}  // namespace ghostlens
