#pragma once

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/analysis/layer_analysis.h"

namespace ghostlens {

class ModelPair;

/// Runs the pair's models on `input` (sample 0 is analysed, as analyzeLayers() does), analyses
/// every matched layer with `options` (ModelPair::analyze), and counts each layer's MACs (the
/// leaf modules under its name). The first model fills the vanilla fields, the second the ghost
/// ones; a single model leaves those zero and the profile unpaired. A cancelled profile holds
/// the layers that both models finished.
/// @param input [N, C, H, W]
DepthProfile depthProfile(const ModelPair& pair, const torch::Tensor& input,
                          const AnalysisOptions& options, const DepthProgress& progress = {});

}  // namespace ghostlens
