#include "ghostlens/data/activation_file.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <xtensor/xnpy.hpp>

namespace ghostlens {

namespace {

torch::Tensor checkedLayer(torch::Tensor t, const std::string& path, const std::string& name) {
  if (t.dim() == 3) t = t.unsqueeze(0);
  if (t.dim() != 4) {
    throw std::invalid_argument(path + ": '" + name + "' has " + std::to_string(t.dim()) +
                                " dims; activations must be [C, H, W] or [N, C, H, W]");
  }
  if (t.numel() == 0) throw std::invalid_argument(path + ": '" + name + "' is empty");
  t = t.to(torch::kFloat32).contiguous();
  if (!torch::isfinite(t).all().item<bool>()) {
    throw std::invalid_argument(path + ": '" + name + "' contains NaN or Inf values");
  }
  return t;
}

torch::ScalarType npyType(const std::string& typestring, const std::string& path) {
  // numpy's descr: byte order, kind, size ("<f4"); '|' for single bytes.
  if (typestring.size() < 3 || typestring[0] == '>') {
    throw std::invalid_argument(path + ": unsupported .npy data type '" + typestring + "'");
  }
  const std::string kind = typestring.substr(1);
  if (kind == "f4") return torch::kFloat32;
  if (kind == "f8") return torch::kFloat64;
  if (kind == "f2") return torch::kFloat16;
  if (kind == "i8") return torch::kInt64;
  if (kind == "i4") return torch::kInt32;
  if (kind == "i2") return torch::kInt16;
  if (kind == "u1") return torch::kUInt8;
  if (kind == "i1") return torch::kInt8;
  throw std::invalid_argument(path + ": unsupported .npy data type '" + typestring + "'");
}

std::vector<ActivationLayer> loadNpy(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  xt::detail::npy_file file = [&] {
    try {
      return xt::detail::load_npy_file(stream);
    } catch (const std::exception& e) {
      throw std::invalid_argument(path + ": not a readable .npy file (" + e.what() + ")");
    }
  }();
  // xtensor reads the data without checking that it was all there.
  if (stream.fail()) throw std::invalid_argument(path + ": truncated .npy file");
  const torch::ScalarType type = npyType(file.m_typestring, path);
  std::vector<int64_t> shape(file.m_shape.begin(), file.m_shape.end());
  int64_t count = 1;
  for (int64_t s : shape) count *= s;
  if (static_cast<std::size_t>(count) * torch::elementSize(type) != file.n_bytes()) {
    throw std::invalid_argument(path + ": data size does not match its header");
  }
  torch::Tensor t;
  if (file.m_fortran_order) {
    std::vector<int64_t> reversed(shape.rbegin(), shape.rend());
    std::vector<int64_t> order;
    for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) order.push_back(i);
    t = torch::from_blob(file.ptr(), reversed, type).permute(order).clone();
  } else {
    t = torch::from_blob(file.ptr(), shape, type).clone();
  }
  return {{"activations", checkedLayer(t, path, "activations")}};
}

std::vector<ActivationLayer> loadPt(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(stream)),
                                std::istreambuf_iterator<char>());
  c10::IValue value;
  try {
    value = torch::pickle_load(bytes);
  } catch (const c10::Error& e) {
    throw std::invalid_argument(path + ": not a readable torch.save file (" +
                                std::string(e.what_without_backtrace()).substr(0, 120) + ")");
  }
  std::vector<ActivationLayer> layers;
  if (value.isTensor()) {
    layers.push_back({"activations", checkedLayer(value.toTensor(), path, "activations")});
  } else if (value.isGenericDict()) {
    for (const auto& item : value.toGenericDict()) {
      if (!item.key().isString() || !item.value().isTensor()) {
        throw std::invalid_argument(path + ": the dict must map names to tensors");
      }
      const std::string name = item.key().toStringRef();
      layers.push_back({name, checkedLayer(item.value().toTensor(), path, name)});
    }
  } else {
    throw std::invalid_argument(path + ": holds a " + value.tagKind() +
                                ", not a tensor or a dict of tensors");
  }
  if (layers.empty()) throw std::invalid_argument(path + ": holds no tensors");
  return layers;
}

}  // namespace

std::vector<ActivationLayer> loadActivations(const std::string& path) {
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(path)) throw std::invalid_argument("no such activations file: " + path);
  if (fs::file_size(path) == 0) throw std::invalid_argument("empty activations file: " + path);
  const std::string extension = fs::path(path).extension().string();
  if (extension == ".npy") return loadNpy(path);
  if (extension == ".pt" || extension == ".pth") return loadPt(path);
  throw std::invalid_argument(path + ": activations must be a .pt or .npy file");
}

}  // namespace ghostlens
