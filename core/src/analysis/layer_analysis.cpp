#include "ghostlens/analysis/layer_analysis.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

void validateAnalysisOptions(const AnalysisOptions& options, const TapResult& taps) {
  if (!(options.threshold >= 0.0 && options.threshold <= 1.0)) {
    throw InputError("threshold must be in [0, 1], got " + std::to_string(options.threshold));
  }
  for (const std::string& wanted : options.layers) {
    const bool found = std::any_of(taps.layers.begin(), taps.layers.end(),
                                   [&](const TappedLayer& l) { return l.name == wanted; });
    if (!found) {
      std::string known;
      for (std::size_t i = 0; i < taps.layers.size() && i < 4; ++i)
        known += " " + taps.layers[i].name;
      throw InputError("no layer named '" + wanted + "' (layers are e.g.:" + known + ")");
    }
  }
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

BatchMeasure meanAndSpread(const std::vector<double>& values) {
  if (values.empty()) return {kNaN, kNaN};
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return {mean, std::sqrt(squares / static_cast<double>(values.size()))};
}

/// The summaries of every sample of a tapped layer. @param maps [N, C, H, W]
LayerBatchMeasures batchMeasures(const torch::Tensor& maps, const AnalysisOptions& options,
                                 bool comparable) {
  std::vector<double> redundancy, intrinsic, rank, implied;
  for (int64_t n = 0; n < maps.size(0); ++n) {
    const torch::Tensor sample = maps[n];
    const RankMeasures measures = rankMeasures(sample);
    rank.push_back(measures.effectiveRank);
    if (!comparable) continue;
    torch::Tensor similarity = similarityMatrix(sample, options.metric, options.dw);
    const std::vector<int64_t> dead = deadMaps(sample);
    clearDeadScores(similarity, dead);
    redundancy.push_back(findRedundancy(similarity, options.threshold, false, dead).score);
    intrinsic.push_back(
        static_cast<double>(intrinsicEstimate(similarity, options.threshold, dead)));
    implied.push_back(measures.impliedRatio);
  }
  LayerBatchMeasures out;
  out.images = maps.size(0);
  out.redundancy = meanAndSpread(redundancy);
  out.intrinsicEstimate = meanAndSpread(intrinsic);
  out.effectiveRank = meanAndSpread(rank);
  out.impliedRatio = meanAndSpread(implied);
  return out;
}

}  // namespace

std::vector<LayerAnalysis> analyzeLayers(const TapResult& taps, const AnalysisOptions& options,
                                         const AnalysisProgress& progress) {
  validateAnalysisOptions(options, taps);
  std::vector<const TappedLayer*> chosen;
  for (const TappedLayer& layer : taps.layers) {
    if (options.layers.empty() || std::find(options.layers.begin(), options.layers.end(),
                                            layer.name) != options.layers.end()) {
      chosen.push_back(&layer);
    }
  }
  std::vector<LayerAnalysis> results;
  for (const TappedLayer* layer : chosen) {
    LayerAnalysis a;
    a.name = layer->name;
    a.type = layer->type;
    a.maps = layer->maps[0];
    a.channels = a.maps.size(0);
    a.height = a.maps.size(1);
    a.width = a.maps.size(2);
    a.comparable = comparableMaps(a.height, a.width);
    a.similarity = similarityMatrix(a.maps, options.metric, options.dw);
    a.dead = deadMaps(a.maps);
    clearDeadScores(a.similarity, a.dead);
    if (a.comparable) {
      a.bestPartner = bestPartnerScores(a.similarity, a.dead);
    } else {
      a.bestPartner.assign(static_cast<std::size_t>(a.channels), kNaN);
    }
    if (options.summaries) {
      a.rank = rankMeasures(a.maps);
      if (a.comparable) {
        a.redundancy = findRedundancy(a.similarity, options.threshold, options.allPairs, a.dead);
        a.redundancy.intrinsicEstimate = intrinsicEstimate(a.similarity, options.threshold, a.dead);
      } else {
        a.redundancy.score = kNaN;
        a.rank.impliedRatio = kNaN;
      }
      if (options.overBatch) a.batch = batchMeasures(layer->maps, options, a.comparable);
    }
    a.intrinsic = layer->intrinsic;
    a.parents = layer->parents;
    results.push_back(std::move(a));
    if (progress && !progress(results.size(), chosen.size())) break;
  }
  return results;
}

}  // namespace ghostlens
