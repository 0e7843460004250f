#pragma once

#include <cstdint>
#include <string>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/analysis/metric.h"

namespace ghostlens {

/// Loads the two checkpoints (each carries its spec), runs both on Fashion-MNIST test image
/// `imageIndex` shaped for the ghost model, and returns their depthProfile() with `metric` and
/// `threshold` (the cheap-op fit uses the ghost model's d). Free of Torch, for the GUI.
/// Throws when a file cannot be read or the two models take different inputs.
DepthProfile checkpointDepthProfile(const std::string& vanillaCheckpoint,
                                    const std::string& ghostCheckpoint,
                                    const std::string& dataDirectory, int64_t imageIndex,
                                    Metric metric, double threshold,
                                    const DepthProgress& progress = {});

}  // namespace ghostlens
