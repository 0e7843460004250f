#include "ghostlens/models/weights_import.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "ghostlens/models/make_divisible.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/util/input_error.h"
#include "ghostlens/util/shape_text.h"

namespace ghostlens {

namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Size `dim` of the tensor under `key`; throws naming the key when it is absent or too small.
int64_t dimOf(const StateDict& state, const std::string& key, int64_t dim,
              const std::string& what) {
  const torch::Tensor* t = state.find(key);
  if (t == nullptr) throw InputError(what + ": missing key '" + key + "'");
  if (t->dim() <= dim) {
    throw InputError(what + ": '" + key + "' has shape " + shapeText(t->sizes()));
  }
  return t->size(dim);
}

Architecture detectArchitecture(const StateDict& state, const std::string& what) {
  auto has = [&](const char* key) { return state.find(key) != nullptr; };
  if (has("conv_stem.weight")) return Architecture::GhostNet;
  if (has("features.0.primary_conv.0.weight")) return Architecture::Vgg16;
  if (has("conv1.weight") && has("linear.weight")) return Architecture::ResNet56;
  if (has("conv1.weight") && has("fc.weight")) return Architecture::ResNet50;
  if (has("features.0.0.weight") && has("classifier.1.weight")) return Architecture::MobileNetV2;
  std::string first;
  for (std::size_t i = 0; i < state.entries.size() && i < 4; ++i) {
    first += (i ? ", " : "") + state.entries[i].first;
  }
  throw InputError(
      what + ": the weights fit no model of the zoo (its keys begin " + first +
      "; GhostNet has conv_stem.weight, ResNet-50 conv1.weight and fc.weight, VGG-16 "
      "features.0.primary_conv.0.weight, ResNet-56 conv1.weight and linear.weight, MobileNetV2 "
      "features.0.0.weight and classifier.1.weight)");
}

/// Widths whose channel counts reproduce `channels` from `base` channels, roundest first:
/// 0.05 steps, then 0.01 steps, then the exact ratio.
std::vector<double> widthCandidates(int64_t channels, int64_t base,
                                    int64_t (*scale)(int64_t, double)) {
  const double exact = static_cast<double>(channels) / static_cast<double>(base);
  std::vector<double> candidates;
  for (const double w : {std::round(exact * 20) / 20, std::round(exact * 100) / 100, exact}) {
    if (w > 0 && scale(base, w) == channels &&
        std::find(candidates.begin(), candidates.end(), w) == candidates.end()) {
      candidates.push_back(w);
    }
  }
  return candidates;
}

int64_t ghostNetScale(int64_t base, double w) {
  return makeDivisible(static_cast<double>(base) * w, 4);
}

int64_t mobileNetScale(int64_t base, double w) {
  return makeDivisible(static_cast<double>(base) * w, 8);
}

}  // namespace

std::optional<std::string> stateDictMismatch(NetworkImpl& model, const StateDict& state) {
  std::unordered_map<std::string, const torch::Tensor*> given;
  for (const auto& [key, tensor] : state.entries) given[key] = &tensor;
  std::unordered_map<std::string, bool> known;
  auto check = [&](const std::string& key,
                   const torch::Tensor& mine) -> std::optional<std::string> {
    known[key] = true;
    const auto found = given.find(key);
    if (found == given.end()) {
      if (endsWith(key, "num_batches_tracked")) return std::nullopt;
      return "missing key '" + key + "' (shape " + shapeText(mine.sizes()) + " in the model)";
    }
    if (found->second->sizes() != mine.sizes()) {
      return "'" + key + "' has shape " + shapeText(found->second->sizes()) + " in the file but " +
             shapeText(mine.sizes()) + " in the model";
    }
    return std::nullopt;
  };
  for (const auto& p : model.named_parameters()) {
    if (auto problem = check(p.key(), p.value())) return problem;
  }
  for (const auto& b : model.named_buffers()) {
    if (auto problem = check(b.key(), b.value())) return problem;
  }
  for (const auto& [key, tensor] : state.entries) {
    if (!known.count(key)) return "unexpected key '" + key + "'";
  }
  return std::nullopt;
}

namespace {

/// inferSpec(), keeping the model it built to check the spec.
std::pair<ModelSpec, std::shared_ptr<NetworkImpl>> fitModel(const StateDict& state,
                                                            const SpecHints& hints,
                                                            const std::string& what) {
  ModelSpec spec = ModelSpec::defaults(hints.arch ? *hints.arch : detectArchitecture(state, what));
  std::string firstConv, classifier;
  std::vector<double> widths;
  switch (spec.arch) {
    case Architecture::GhostNet:
      firstConv = "conv_stem.weight";
      classifier = "classifier.weight";
      for (double w :
           widthCandidates(dimOf(state, "conv_head.weight", 1, what), 960, ghostNetScale)) {
        if (ghostNetScale(16, w) == dimOf(state, firstConv, 0, what)) widths.push_back(w);
      }
      break;
    case Architecture::Vgg16:
      firstConv = "features.0.primary_conv.0.weight";
      classifier = "classifier.3.weight";
      widths = widthCandidates(dimOf(state, firstConv, 0, what), 64, scaleChannels);
      break;
    case Architecture::ResNet56:
      firstConv = "conv1.weight";
      classifier = "linear.weight";
      widths = widthCandidates(dimOf(state, firstConv, 0, what), 16, scaleChannels);
      break;
    case Architecture::ResNet50:
      firstConv = "conv1.weight";
      classifier = "fc.weight";
      widths = widthCandidates(dimOf(state, firstConv, 0, what), 64, scaleChannels);
      break;
    case Architecture::MobileNetV2: {
      firstConv = "features.0.0.weight";
      classifier = "classifier.1.weight";
      // The 320-channel stage pins the width closer than the 32-channel stem.
      const std::string wide = "features.17.conv.2.weight";
      const bool vanilla = state.find(wide) != nullptr;
      for (double w : widthCandidates(dimOf(state, vanilla ? wide : firstConv, 0, what),
                                      vanilla ? 320 : 32, mobileNetScale)) {
        if (mobileNetScale(32, w) == dimOf(state, firstConv, 0, what)) widths.push_back(w);
      }
      break;
    }
  }
  const int64_t channels = dimOf(state, firstConv, 1, what);
  spec.classes = hints.classes ? *hints.classes : dimOf(state, classifier, 0, what);
  spec.ratio = 1;
  for (const auto& [key, tensor] : state.entries) {
    const std::string cheap = ".cheap_operation.0.weight";
    if (!endsWith(key, cheap) || tensor.dim() != 4) continue;
    const std::string primary = key.substr(0, key.size() - cheap.size()) + ".primary_conv.0.weight";
    const int64_t intrinsic = dimOf(state, primary, 0, what);
    if (intrinsic > 0 && tensor.size(0) % intrinsic == 0) {
      spec.ratio = 1 + tensor.size(0) / intrinsic;
      spec.dw = tensor.size(2);
    }
    break;
  }
  if (hints.ratio) spec.ratio = *hints.ratio;
  if (hints.dw) spec.dw = *hints.dw;
  if (hints.width) widths = {*hints.width};
  if (hints.input) {
    spec.input = *hints.input;
  } else if (spec.arch == Architecture::Vgg16 || spec.arch == Architecture::ResNet56) {
    spec.input = channels == 1 ? std::array<int64_t, 3>{1, 28, 28}
                               : std::array<int64_t, 3>{channels, 32, 32};
  } else {
    spec.input = {channels, 224, 224};
  }
  if (widths.empty()) {
    throw InputError(what + ": the channel counts fit no width of " + architectureName(spec.arch) +
                     " (first conv " + shapeText(state.find(firstConv)->sizes()) + ")");
  }
  std::string firstProblem;
  for (const double w : widths) {
    spec.width = w;
    try {
      validateSpec(spec);
    } catch (const InputError& e) {
      throw InputError(what + ": " + e.what());
    }
    auto model = buildModel(spec);
    const auto problem = stateDictMismatch(*model, state);
    if (!problem) return {spec, model};
    if (firstProblem.empty()) firstProblem = *problem;
  }
  char width[32];
  std::snprintf(width, sizeof width, "%g", widths.front());
  throw InputError(what + ": does not fit " + architectureName(spec.arch) + " width " + width +
                   " s=" + std::to_string(spec.ratio) + ": " + firstProblem);
}

}  // namespace

ModelSpec inferSpec(const StateDict& state, const SpecHints& hints, const std::string& what) {
  return fitModel(state, hints, what).first;
}

void loadStateDict(NetworkImpl& model, const StateDict& state, const std::string& what) {
  if (const auto problem = stateDictMismatch(model, state)) {
    throw InputError(what + ": does not fit the model: " + *problem);
  }
  torch::NoGradGuard noGrad;
  auto copy = [&](const std::string& key, torch::Tensor& mine) {
    const torch::Tensor* theirs = state.find(key);
    if (theirs == nullptr) return;  // num_batches_tracked of an old file
    if (mine.is_floating_point()) {
      if (!theirs->is_floating_point()) {
        throw InputError(what + ": '" + key + "' holds integers, not weights");
      }
      if (!torch::isfinite(*theirs).all().item<bool>()) {
        throw InputError(what + ": '" + key + "' holds NaN or Inf");
      }
    }
    mine.copy_(*theirs);
  };
  for (auto& p : model.named_parameters()) copy(p.key(), p.value());
  for (auto& b : model.named_buffers()) copy(b.key(), b.value());
}

ImportedModel importWeights(const std::string& path, const SpecHints& hints) {
  const WeightsFile weights = readWeightsFile(path);
  ImportedModel imported;
  imported.format = weights.format;
  imported.epoch = weights.epoch;
  if (weights.spec) {
    imported.spec = *weights.spec;
    imported.model = buildModel(imported.spec);
  } else {
    std::tie(imported.spec, imported.model) = fitModel(weights.stateDict, hints, path);
  }
  loadStateDict(*imported.model, weights.stateDict, path);
  imported.model->eval();
  return imported;
}

}  // namespace ghostlens
