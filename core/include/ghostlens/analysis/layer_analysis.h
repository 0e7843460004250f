#pragma once

#include <torch/types.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/layer_measures.h"
#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/analysis/similarity.h"

namespace ghostlens {

struct AnalysisOptions {
  Metric metric = Metric::Cosine;
  double threshold = 0.9;  ///< in [0, 1]
  int64_t dw = 3;          ///< d of the cheap-op fit
  bool allPairs = false;
  std::vector<std::string> layers;  ///< empty: all
  /// false: LayerAnalysis::redundancy and rank are left empty. The explorer finds pairs at its
  /// slider's threshold when a layer is shown and has no use for either: on a 2,048-map layer
  /// they cost more than the forward pass.
  bool summaries = true;
  /// true: every measure is also computed for each sample of the batch and reported as mean and
  /// spread (LayerAnalysis::batch); the maps, similarity and pairs stay sample 0's.
  bool overBatch = false;
};

/// The redundancy analysis of one layer, for sample 0 of the batch (and, with overBatch, means
/// over the batch). A layer whose maps are too small to compare (comparableMaps()) has no pairs,
/// NaN redundancy, intrinsic estimate 0, NaN implied ratio and all-NaN bestPartner.
struct LayerAnalysis {
  std::string name;
  std::string type;
  int64_t channels = 0, height = 0, width = 0;
  torch::Tensor maps;               ///< [C, H, W]
  torch::Tensor similarity;         ///< [C, C] float64; rows and columns of dead maps are 0
  std::vector<int64_t> dead;        ///< deadMaps(maps): never paired, not in the score
  std::vector<double> bestPartner;  ///< bestPartnerScores(similarity, dead)
  Redundancy redundancy;
  RankMeasures rank;
  int64_t intrinsic = 0;                    ///< Ghost module: intrinsic channels; else C
  std::vector<int64_t> parents;             ///< Ghost module: intrinsic parent of each channel
  bool comparable = true;                   ///< comparableMaps(height, width)
  std::optional<LayerBatchMeasures> batch;  ///< with AnalysisOptions::overBatch
};

/// Called after each layer with (layers done, layers in all); return false to cancel, which
/// ends the analysis with the layers done so far.
using AnalysisProgress = std::function<bool(std::size_t done, std::size_t total)>;

/// Throws InputError for a threshold outside [0, 1] or a layer name that the taps do
/// not have (the message lists a few that exist).
void validateAnalysisOptions(const AnalysisOptions& options, const TapResult& taps);

/// Analyses the chosen layers of a tap result.
std::vector<LayerAnalysis> analyzeLayers(const TapResult& taps, const AnalysisOptions& options,
                                         const AnalysisProgress& progress = {});

}  // namespace ghostlens
