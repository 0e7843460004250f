#include "ghostlens/session/model_pair.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "ghostlens/models/deploy.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/weights_import.h"
#include "ghostlens/util/input_error.h"
#include "ghostlens/util/shape_text.h"

namespace ghostlens {

namespace {

const TappedLayer* findLayer(const TapResult& taps, const std::string& name) {
  for (const TappedLayer& layer : taps.layers) {
    if (layer.name == name) return &layer;
  }
  return nullptr;
}

/// Whole blocks and stages: what a person compares across architectures.
bool isBlockOutput(const TappedLayer& layer) {
  return layer.type == "Bottleneck" || layer.type == "GhostBottleneck" ||
         layer.type == "BasicBlock" || layer.type == "ConvBnAct" ||
         (layer.type == "Sequential" && layer.name.find("downsample") == std::string::npos);
}

bool sameResolution(const TappedLayer& a, const TappedLayer& b) {
  return a.maps.size(2) == b.maps.size(2) && a.maps.size(3) == b.maps.size(3);
}

}  // namespace

std::string LoadedModel::description() const {
  if (!format) return source.label();
  return describeSpec(spec) + " (" + fileFormatName(*format) + ")";
}

LoadedModel loadModel(const ModelSource& source) {
  LoadedModel loaded;
  loaded.source = source;
  if (source.kind == ModelSource::Kind::Untrained) {
    validateSpec(source.spec);
    loaded.spec = source.spec;
    // The same random weights every time it is chosen.
    loaded.network = buildModel(source.spec, source.seed);
    loaded.network->eval();
    return loaded;
  }
  ImportedModel imported = importWeights(source.path, source.hints);
  loaded.spec = imported.spec;
  loaded.network = std::move(imported.model);
  loaded.format = imported.format;
  return loaded;
}

ModelPair::ModelPair(LoadedModel first, std::optional<LoadedModel> second, bool deploy)
    : first_(std::move(first)), second_(std::move(second)) {
  if (second_ && second_->spec.input != first_.spec.input) {
    throw InputError("the two models take different inputs (" + shapeText(first_.spec.input) +
                     " and " + shapeText(second_->spec.input) + ")");
  }
  auto runner = [deploy](const LoadedModel& loaded) {
    return deploy ? makeDeployed(*loaded.network, loaded.spec) : loaded.network;
  };
  firstRun_ = runner(first_);
  if (second_) secondRun_ = runner(*second_);
}

int64_t ModelPair::cheapKernel() const {
  if (second_ && !second_->spec.isVanilla()) return second_->spec.dw;
  return first_.spec.dw;
}

ModelPair::Taps ModelPair::run(const torch::Tensor& input,
                               const std::vector<std::string>& stopAfter) const {
  Taps taps;
  taps.first = runWithTaps(*firstRun_, input, stopAfter);
  if (!second_) return taps;
  // Partners share the layers' names only within one architecture; across two, the second model
  // runs whole.
  const bool sameNames = second_->spec.arch == first_.spec.arch;
  taps.second = runWithTaps(*secondRun_, input, sameNames ? stopAfter : std::vector<std::string>{});
  return taps;
}

std::vector<LayerMatch> ModelPair::matchLayers(const Taps& taps) const {
  std::vector<LayerMatch> matches;
  if (!second_) {
    for (const TappedLayer& layer : taps.first.layers) matches.push_back({layer.name, {}});
    return matches;
  }
  if (second_->spec.arch == first_.spec.arch) {
    for (const TappedLayer& layer : taps.first.layers) {
      const TappedLayer* other = findLayer(taps.second, layer.name);
      if (other != nullptr && sameResolution(layer, *other)) {
        matches.push_back({layer.name, layer.name});
      }
    }
    return matches;
  }
  // Two architectures: at each resolution both have, the last block output of each (the last
  // layer, where a resolution has no block).
  auto lastOfEachResolution = [](const TapResult& result) {
    std::map<std::pair<int64_t, int64_t>, std::string> last, lastBlock;
    for (const TappedLayer& layer : result.layers) {
      const std::pair<int64_t, int64_t> size{layer.maps.size(2), layer.maps.size(3)};
      last[size] = layer.name;
      if (isBlockOutput(layer)) lastBlock[size] = layer.name;
    }
    for (const auto& [size, name] : lastBlock) last[size] = name;
    return last;
  };
  const auto ofFirst = lastOfEachResolution(taps.first);
  const auto ofSecond = lastOfEachResolution(taps.second);
  for (const TappedLayer& layer : taps.first.layers) {
    const std::pair<int64_t, int64_t> size{layer.maps.size(2), layer.maps.size(3)};
    const auto other = ofSecond.find(size);
    if (other != ofSecond.end() && ofFirst.at(size) == layer.name) {
      matches.push_back({layer.name, other->second});
    }
  }
  return matches;
}

PairAnalysis ModelPair::analyze(const Taps& taps, AnalysisOptions options,
                                const AnalysisProgress& progress) const {
  options.dw = cheapKernel();
  validateAnalysisOptions(options, taps.first);
  std::vector<LayerMatch> matches = matchLayers(taps);
  if (!options.layers.empty()) {
    matches.erase(std::remove_if(matches.begin(), matches.end(),
                                 [&](const LayerMatch& m) {
                                   return std::find(options.layers.begin(), options.layers.end(),
                                                    m.first) == options.layers.end();
                                 }),
                  matches.end());
  }
  PairAnalysis result;
  result.firstLogits = taps.first.logits;
  result.secondLogits = taps.second.logits;
  const std::size_t total = matches.size() * (second_ ? 2 : 1);
  std::size_t done = 0;
  auto step = [&](std::size_t, std::size_t) {
    ++done;
    if (progress && !progress(done, total)) result.cancelled = true;
    return !result.cancelled;
  };
  AnalysisOptions firstOptions = options;
  firstOptions.layers.clear();
  for (const LayerMatch& m : matches) firstOptions.layers.push_back(m.first);
  if (matches.empty()) return result;
  result.first = analyzeLayers(taps.first, firstOptions, step);
  if (!second_ || result.cancelled) return result;
  // analyzeLayers keeps the taps' order; the partners of a cross-architecture match need not
  // be in that order, so each is analysed on its own.
  AnalysisOptions secondOptions = options;
  for (const LayerMatch& m : matches) {
    secondOptions.layers = {m.second};
    std::vector<LayerAnalysis> one = analyzeLayers(taps.second, secondOptions);
    result.second.push_back(std::move(one.front()));
    if (!step(0, 0)) break;
  }
  return result;
}

PairAnalysis ModelPair::analyze(const torch::Tensor& input, const AnalysisOptions& options,
                                const AnalysisProgress& progress) const {
  return analyze(run(input, options.layers), options, progress);
}

}  // namespace ghostlens
