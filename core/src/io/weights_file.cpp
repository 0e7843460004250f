#include "ghostlens/io/weights_file.h"

#include <torch/torch.h>

#include <stdexcept>

#include "ghostlens/models/ghost_plan.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

using Kind = PickleValue::Kind;

/// Walks of pickled values stop here: real files nest a few levels, hostile ones a million.
constexpr int kMaxDepth = 64;

bool holdsTensors(const PickleValue* v) {
  if (v == nullptr || v->kind != Kind::Dict || v->entries.empty()) return false;
  for (const auto& [key, value] : v->entries) {
    if (value->kind == Kind::Tensor) return true;
  }
  return false;
}

std::string keyList(const PickleValue* dict) {
  std::string text;
  std::size_t shown = 0;
  for (const auto& [key, value] : dict->entries) {
    if (!key->isString()) continue;
    if (shown == 6) return text + ", ...";
    text += (shown++ ? ", " : "") + key->text;
  }
  return text;
}

StateDict tensorsOf(const TorchFile& file, const PickleValue* dict, const std::string& path) {
  StateDict state;
  for (const auto& [key, value] : dict->entries) {
    if (!key->isString()) throw InputError(path + ": a state dict key is not a string");
    if (value->kind != Kind::Tensor) {
      throw InputError(path + ": state dict entry '" + key->text + "' is not a tensor");
    }
    state.entries.emplace_back(key->text, tensorOf(file, value));
  }
  return state;
}

/// GhostLens checkpoints hold the model as nested module objects: model.features.0.weight.
void flattenModule(const TorchFile& file, const PickleValue* module, const std::string& prefix,
                   int depth, StateDict& state, const std::string& path) {
  if (depth > kMaxDepth) throw InputError(path + ": module tree nested too deeply");
  for (const auto& [key, value] : module->entries) {
    if (!key->isString()) continue;
    if (value->kind == Kind::Tensor) {
      state.entries.emplace_back(prefix + key->text, tensorOf(file, value));
    } else if (value->kind == Kind::Object) {
      flattenModule(file, value, prefix + key->text + ".", depth + 1, state, path);
    }
  }
}

int64_t intField(const PickleValue* root, const char* name, const std::string& path) {
  const PickleValue* v = root->find(name);
  if (v == nullptr || v->kind != Kind::Int) {
    throw InputError(path + ": GhostLens checkpoint without '" + name + "'");
  }
  return v->integer;
}

void readGhostLens(const TorchFile& file, WeightsFile& weights) {
  const std::string& path = weights.path;
  const PickleValue* root = file.document.root();
  ModelSpec spec;
  const PickleValue* arch = root->find("spec_arch");
  if (arch == nullptr || !arch->isString() || !parseArchitecture(arch->text)) {
    throw InputError(path + ": GhostLens checkpoint of an unknown architecture");
  }
  spec.arch = *parseArchitecture(arch->text);
  const PickleValue* width = root->find("spec_width");
  if (width == nullptr || width->kind != Kind::Float) {
    throw InputError(path + ": GhostLens checkpoint without 'spec_width'");
  }
  spec.width = width->real;
  spec.ratio = intField(root, "spec_ratio", path);
  spec.dw = intField(root, "spec_dw", path);
  spec.classes = intField(root, "spec_classes", path);
  const PickleValue* input = root->find("spec_input");
  if (input == nullptr || input->kind != Kind::List || input->items.size() != 3) {
    throw InputError(path + ": GhostLens checkpoint without a C,H,W input shape");
  }
  for (std::size_t i = 0; i < 3; ++i) {
    if (input->items[i]->kind != Kind::Int) throw InputError(path + ": bad input shape");
    spec.input[i] = input->items[i]->integer;
  }
  if (const PickleValue* plan = root->find("spec_plan")) {
    if (!plan->isString()) throw InputError(path + ": GhostLens checkpoint with a bad 'spec_plan'");
    setSpecPlan(spec, plan->text, path);
  }
  try {
    validateSpec(spec);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  weights.spec = spec;
  weights.epoch = intField(root, "epoch", path);
  const PickleValue* model = root->find("model");
  if (model == nullptr || model->kind != Kind::Object) {
    throw InputError(path + ": GhostLens checkpoint without a model");
  }
  flattenModule(file, model, "", 0, weights.stateDict, path);
  weights.container = "the checkpoint's model";
}

}  // namespace

const torch::Tensor* StateDict::find(const std::string& key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

WeightsFile readWeightsFile(const std::string& path) {
  const TorchFile file = readTorchFile(path);
  WeightsFile weights;
  weights.path = path;
  weights.format = file.format;
  if (file.format == FileFormat::GhostLens) {
    readGhostLens(file, weights);
    return weights;
  }
  const PickleValue* dict = file.document.root();
  if (dict->kind == Kind::Tensor) {
    throw InputError(path + ": holds a single tensor, not a state dict");
  }
  if (dict->kind != Kind::Dict) {
    throw InputError(path + ": holds no dict of weights (torch.save(model.state_dict()))");
  }
  std::string container = "the file";
  for (int depth = 0; !holdsTensors(dict); ++depth) {
    const PickleValue* inner = nullptr;
    for (const char* key : {"state_dict", "model_state_dict", "model", "net", "module"}) {
      if (holdsTensors(dict->find(key))) {
        inner = dict->find(key);
        container = std::string("checkpoint['") + key + "']";
        break;
      }
    }
    if (inner == nullptr && dict->entries.size() == 1 &&
        dict->entries[0].second->kind == Kind::Dict) {
      inner = dict->entries[0].second;
      container = "the file's only entry";
    }
    if (inner == nullptr || depth == 4) {
      throw InputError(path + ": no state dict in a dict of {" + keyList(dict) +
                       "} (looked for state_dict, model_state_dict, model, net, module)");
    }
    dict = inner;
  }
  weights.container = container;
  weights.stateDict = tensorsOf(file, dict, path);
  const std::string prefix = "module.";
  bool prefixed = true;
  for (const auto& [key, tensor] : weights.stateDict.entries) {
    prefixed = prefixed && key.compare(0, prefix.size(), prefix) == 0;
  }
  if (prefixed) {
    for (auto& [key, tensor] : weights.stateDict.entries) key.erase(0, prefix.size());
  }
  return weights;
}

}  // namespace ghostlens
