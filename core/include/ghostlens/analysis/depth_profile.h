#pragma once

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/analysis/layer_analysis.h"

namespace ghostlens {

class NetworkImpl;

/// Runs both models on `input` (sample 0 is analysed, as analyzeLayers() does), analyses every
/// tapped layer with `options`, counts each layer's MACs (the leaf modules under its name), and
/// pairs the two models' layers by name. Layers one model lacks are left out. A cancelled
/// profile holds the layers that both models finished.
/// @param input [N, C, H, W]
DepthProfile depthProfile(NetworkImpl& vanilla, NetworkImpl& ghost, const torch::Tensor& input,
                          const AnalysisOptions& options, const DepthProgress& progress = {});

}  // namespace ghostlens
