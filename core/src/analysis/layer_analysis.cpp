#include "ghostlens/analysis/layer_analysis.h"

#include <torch/torch.h>

#include <algorithm>
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
    a.similarity = similarityMatrix(a.maps, options.metric, options.dw);
    a.dead = deadMaps(a.maps);
    clearDeadScores(a.similarity, a.dead);
    a.bestPartner = bestPartnerScores(a.similarity, a.dead);
    if (options.summaries) {
      a.redundancy = findRedundancy(a.similarity, options.threshold, options.allPairs, a.dead);
      a.redundancy.intrinsicEstimate = intrinsicEstimate(a.similarity, options.threshold, a.dead);
      a.rank = rankMeasures(a.maps);
    }
    a.intrinsic = layer->intrinsic;
    a.parents = layer->parents;
    results.push_back(std::move(a));
    if (progress && !progress(results.size(), chosen.size())) break;
  }
  return results;
}

}  // namespace ghostlens
