#include "ghostlens/io/npy_file.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <xtensor/xnpy.hpp>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

torch::ScalarType npyType(const std::string& typestring, const std::string& path) {
  // numpy's descr: byte order, kind, size ("<f4"); '|' for single bytes.
  if (typestring.size() < 3 || typestring[0] == '>') {
    throw InputError(path + ": unsupported .npy data type '" + typestring + "'");
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
  throw InputError(path + ": unsupported .npy data type '" + typestring + "'");
}

}  // namespace

torch::Tensor readNpy(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError("no such file: " + path);
  std::ifstream stream(path, std::ios::binary);
  xt::detail::npy_file file = [&] {
    try {
      return xt::detail::load_npy_file(stream);
    } catch (const std::exception& e) {
      throw InputError(path + ": not a readable .npy file (" + e.what() + ")");
    }
  }();
  // xtensor reads the data without checking that it was all there.
  if (stream.fail()) throw InputError(path + ": truncated .npy file");
  const torch::ScalarType type = npyType(file.m_typestring, path);
  std::vector<int64_t> shape(file.m_shape.begin(), file.m_shape.end());
  int64_t count = 1;
  for (int64_t s : shape) count *= s;
  if (static_cast<std::size_t>(count) * torch::elementSize(type) != file.n_bytes()) {
    throw InputError(path + ": data size does not match its header");
  }
  if (file.m_fortran_order) {
    std::vector<int64_t> reversed(shape.rbegin(), shape.rend());
    std::vector<int64_t> order;
    for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) order.push_back(i);
    return torch::from_blob(file.ptr(), reversed, type).permute(order).contiguous();
  }
  return torch::from_blob(file.ptr(), shape, type).clone();
}

}  // namespace ghostlens
