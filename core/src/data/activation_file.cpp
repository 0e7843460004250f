#include "ghostlens/data/activation_file.h"

#include <torch/torch.h>

#include <filesystem>
#include <stdexcept>

#include "ghostlens/io/npy_file.h"
#include "ghostlens/io/torch_file.h"
#include "ghostlens/util/input_error.h"
#include "ghostlens/util/shape_text.h"

namespace ghostlens {

namespace {

torch::Tensor checkedLayer(torch::Tensor t, const std::string& path, const std::string& name) {
  if (t.dim() == 3) t = t.unsqueeze(0);
  if (t.dim() != 4) {
    throw InputError(path + ": '" + name + "' has " + std::to_string(t.dim()) +
                     " dims; activations must be [C, H, W] or [N, C, H, W]");
  }
  if (t.numel() == 0) throw InputError(path + ": '" + name + "' is empty");
  if (t.numel() > kMaxActivationValues || t.size(1) > kMaxActivationChannels) {
    throw InputError(path + ": '" + name + "' of shape " + shapeText(t.sizes().vec()) +
                     " is too large; layers of at most " + std::to_string(kMaxActivationValues) +
                     " values and " + std::to_string(kMaxActivationChannels) +
                     " channels can be analysed");
  }
  t = t.to(torch::kFloat32).contiguous();
  if (!torch::isfinite(t).all().item<bool>()) {
    throw InputError(path + ": '" + name + "' contains NaN or Inf values");
  }
  return t;
}

std::vector<ActivationLayer> loadPt(const std::string& path) {
  const TorchFile file = readTorchFile(path);
  const PickleValue* root = file.document.root();
  std::vector<ActivationLayer> layers;
  if (root->kind == PickleValue::Kind::Tensor) {
    layers.push_back({"activations", checkedLayer(tensorOf(file, root), path, "activations")});
  } else if (root->kind == PickleValue::Kind::Dict) {
    for (const auto& [key, value] : root->entries) {
      if (!key->isString() || value->kind != PickleValue::Kind::Tensor) {
        throw InputError(path + ": the dict must map names to tensors");
      }
      layers.push_back({key->text, checkedLayer(tensorOf(file, value), path, key->text)});
    }
  } else {
    throw InputError(path + ": holds neither a tensor nor a dict of tensors");
  }
  if (layers.empty()) throw InputError(path + ": holds no tensors");
  return layers;
}

}  // namespace

std::vector<ActivationLayer> loadActivations(const std::string& path) {
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(path)) throw InputError("no such activations file: " + path);
  if (fs::file_size(path) == 0) throw InputError("empty activations file: " + path);
  const std::string extension = fs::path(path).extension().string();
  if (extension == ".npy")
    return {{"activations", checkedLayer(readNpy(path), path, "activations")}};
  return loadPt(path);
}

}  // namespace ghostlens
