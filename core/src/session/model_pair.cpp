#include "ghostlens/session/model_pair.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "ghostlens/models/deploy.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/torchscript_model.h"
#include "ghostlens/models/weights_import.h"
#include "ghostlens/models/zoo_model.h"
#include "ghostlens/util/error_text.h"
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

LoadedModel LoadedModel::ofZoo(ModelSource source, ModelSpec spec,
                               std::shared_ptr<NetworkImpl> network,
                               std::optional<FileFormat> format) {
  LoadedModel loaded;
  loaded.source = std::move(source);
  loaded.spec = std::move(spec);
  loaded.network = std::move(network);
  loaded.format = format;
  loaded.model = std::make_shared<ZooModel>(loaded.network, loaded.spec);
  return loaded;
}

NetworkImpl& LoadedModel::zoo(const std::string& feature) const {
  if (!network) {
    throw InputError(feature + " needs a GhostLens zoo model; " + source.label() + " is a " +
                     modelKindName(kind()) + " file");
  }
  return *network;
}

std::string LoadedModel::modelName() const {
  return kind() == ModelKind::Zoo ? architectureName(spec.arch) : model->architecture();
}

std::string LoadedModel::formatName() const {
  if (kind() == ModelKind::TorchScript) return "torchscript";
  return format ? fileFormatName(*format) : "untrained";
}

std::string LoadedModel::description() const {
  if (kind() != ModelKind::Zoo) {
    return source.label() + " (" + modelKindName(kind()) + " " + model->architecture() + ")";
  }
  if (!format) return source.label();
  return describeSpec(spec) + " (" + fileFormatName(*format) + ")";
}

namespace {

/// A TorchScript file: its input from the hints (3x224x224 without), its classes from a forward
/// pass. Zoo settings in the hints are refused rather than ignored.
LoadedModel loadTorchScript(const ModelSource& source) {
  const SpecHints& hints = source.hints;
  if (hints.arch || hints.width || hints.ratio || hints.dw || hints.classes) {
    throw InputError(source.path +
                     " is a TorchScript file: model settings (architecture, width, s, d, "
                     "classes) describe a zoo model and do not apply to it; --input does");
  }
  LoadedModel loaded;
  loaded.source = source;
  auto model = std::make_shared<TorchScriptModel>(source.path);
  loaded.spec = ModelSpec::defaults(Architecture::ResNet50);
  loaded.spec.input = hints.input.value_or(std::array<int64_t, 3>{3, 224, 224});
  const auto& [c, h, w] = loaded.spec.input;
  torch::Tensor out;
  try {
    out = model->forward(torch::zeros({1, c, h, w}));
  } catch (const std::exception&) {
    throw InputError(source.path + ": its forward fails on an input of " +
                     shapeText(loaded.spec.input) + " (" + errorText(std::current_exception()) +
                     "); give the input it takes with --input C,H,W");
  }
  if (out.dim() != 2) {
    throw InputError(source.path + ": its forward returns " + std::to_string(out.dim()) +
                     " dimensions for one image, not [1, classes]");
  }
  loaded.spec.classes = out.size(1);
  loaded.model = std::move(model);
  return loaded;
}

}  // namespace

LoadedModel loadModel(const ModelSource& source) {
  if (source.kind == ModelSource::Kind::File && TorchScriptModel::isTorchScript(source.path)) {
    return loadTorchScript(source);
  }
  if (source.kind == ModelSource::Kind::Untrained) {
    validateSpec(source.spec);
    // The same random weights every time it is chosen.
    std::shared_ptr<NetworkImpl> network = buildModel(source.spec, source.seed);
    network->eval();
    return LoadedModel::ofZoo(source, source.spec, std::move(network));
  }
  ImportedModel imported = importWeights(source.path, source.hints);
  return LoadedModel::ofZoo(source, imported.spec, std::move(imported.model), imported.format);
}

LoadedModel loadModelForWindow(const ModelSource& source) {
  LoadedModel loaded = loadModel(source);
  if (loaded.kind() != ModelKind::Zoo) {
    throw InputError(source.label() + " is a " + modelKindName(loaded.kind()) +
                     " file: the window shows GhostLens zoo models only so far; `ghostlens-cli "
                     "analyze --weights " +
                     source.path + "` analyses it");
  }
  return loaded;
}

ModelPair::ModelPair(LoadedModel first, std::optional<LoadedModel> second, bool deploy)
    : first_(std::move(first)), second_(std::move(second)) {
  if (second_ && second_->spec.input != first_.spec.input) {
    throw InputError("the two models take different inputs (" + shapeText(first_.spec.input) +
                     " and " + shapeText(second_->spec.input) + ")");
  }
  auto runner = [deploy](const LoadedModel& loaded) -> std::shared_ptr<RunnableModel> {
    if (!deploy) return loaded.model;
    return std::make_shared<ZooModel>(makeDeployed(loaded.zoo("deploy mode"), loaded.spec),
                                      loaded.spec);
  };
  firstRun_ = runner(first_);
  if (second_) secondRun_ = runner(*second_);
}

bool ModelPair::sameArchitecture() const {
  return second_ && second_->model->architecture() == first_.model->architecture();
}

int64_t ModelPair::cheapKernel() const {
  if (second_ && !second_->spec.isVanilla()) return second_->spec.dw;
  return first_.spec.dw;
}

ModelPair::Taps ModelPair::run(const torch::Tensor& input,
                               const std::vector<std::string>& stopAfter) const {
  Taps taps;
  taps.first = firstRun_->tap(input, stopAfter);
  if (!second_) return taps;
  // Partners share the layers' names only within one architecture; across two, the second model
  // runs whole.
  taps.second = secondRun_->tap(input, sameArchitecture() ? stopAfter : std::vector<std::string>{});
  return taps;
}

std::vector<LayerMatch> ModelPair::matchLayers(const Taps& taps) const {
  std::vector<LayerMatch> matches;
  if (!second_) {
    for (const TappedLayer& layer : taps.first.layers) matches.push_back({layer.name, {}});
    return matches;
  }
  if (sameArchitecture()) {
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
