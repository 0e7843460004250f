#include "ghostlens/io/npy_file.h"

#include <torch/torch.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "ghostlens/io/mapped_file.h"
#include "ghostlens/util/input_error.h"
#include "ghostlens/util/shape_text.h"

namespace ghostlens {

namespace {

/// numpy's own reader refuses headers over 10,000 bytes (max_header_size) unless told otherwise.
constexpr std::size_t kMaxNpyHeader = 10000;

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

struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<std::size_t> shape;
};

/// The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3),
/// }. Rewritten as JSON and read by nlohmann's parser: xtensor's own header parser reads past the
/// end of a malformed one (found by fuzzing).
NpyHeader parseHeader(std::string text, const std::string& path) {
  auto bad = [&](const std::string& why) -> NpyHeader {
    throw InputError(path + ": not a readable .npy header (" + why + ")");
  };
  for (char& c : text) {
    if (c == '\'') c = '"';
    if (c == '(') c = '[';
    if (c == ')') c = ']';
  }
  std::string json;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 4, "True") == 0) {
      json += "true";
      i += 3;
    } else if (text.compare(i, 5, "False") == 0) {
      json += "false";
      i += 4;
    } else if (text[i] == ',') {
      // Python allows a comma before ] and }; JSON does not.
      const std::size_t next = text.find_first_not_of(" \n", i + 1);
      if (next == std::string::npos || (text[next] != ']' && text[next] != '}')) json += ',';
    } else {
      json += text[i];
    }
  }
  nlohmann::json dict;
  try {
    dict = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception&) {
    return bad("not a dict literal");
  }
  if (!dict.is_object()) return bad("not a dict");
  const auto descr = dict.find("descr"), order = dict.find("fortran_order"),
             shape = dict.find("shape");
  if (descr == dict.end() || !descr->is_string()) return bad("no 'descr' string");
  if (order == dict.end() || !order->is_boolean()) return bad("no 'fortran_order' flag");
  if (shape == dict.end() || !shape->is_array()) return bad("no 'shape' tuple");
  NpyHeader header{descr->get<std::string>(), order->get<bool>(), {}};
  for (const auto& dim : *shape) {
    if (!dim.is_number_unsigned()) return bad("a shape entry that is not a size");
    header.shape.push_back(dim.get<std::size_t>());
  }
  return header;
}

}  // namespace

torch::Tensor readNpy(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError("no such file: " + path);
  const MappedFile file(path);
  const unsigned char* bytes = file.data();
  const std::size_t size = file.size();
  // Read here, not by xtensor's load_npy_file: that takes the header length through signed
  // chars (wrong, and undefined, for a byte >= 0x80: found by fuzzing) and allocates the data by
  // the header's shape before knowing the file holds it.
  if (size < 10 || std::memcmp(bytes, "\x93NUMPY", 6) != 0)
    throw InputError(path + ": not a .npy file (no \\x93NUMPY magic)");
  std::size_t headerLength = 0, headerBegin = 0;
  if (bytes[6] == 1) {
    headerLength = bytes[8] | std::size_t{bytes[9]} << 8;
    headerBegin = 10;
  } else if ((bytes[6] == 2 || bytes[6] == 3) && size >= 12) {
    headerLength = bytes[8] | std::size_t{bytes[9]} << 8 | std::size_t{bytes[10]} << 16 |
                   std::size_t{bytes[11]} << 24;
    headerBegin = 12;
  } else {
    throw InputError(path + ": unsupported .npy format version " + std::to_string(bytes[6]));
  }
  if (headerLength == 0 || headerLength > kMaxNpyHeader || headerLength > size - headerBegin) {
    throw InputError(path + ": a .npy header of " + std::to_string(headerLength) +
                     " bytes does not fit the file");
  }
  const NpyHeader header = parseHeader(
      std::string(reinterpret_cast<const char*>(bytes) + headerBegin, headerLength), path);
  const std::string& descr = header.descr;
  const bool fortranOrder = header.fortranOrder;
  const std::vector<std::size_t>& dims = header.shape;
  const torch::ScalarType type = npyType(descr, path);
  if (dims.size() > 32) throw InputError(path + ": over 32 dimensions");
  std::vector<int64_t> shape;
  int64_t count = 1, dataBytes = 0;
  for (std::size_t d : dims) {
    if (d > static_cast<std::size_t>(INT64_MAX) ||
        __builtin_mul_overflow(count, static_cast<int64_t>(d), &count)) {
      throw InputError(path + ": the .npy shape overflows");
    }
    shape.push_back(static_cast<int64_t>(d));
  }
  const std::size_t dataBegin = headerBegin + headerLength;
  if (__builtin_mul_overflow(count, static_cast<int64_t>(torch::elementSize(type)), &dataBytes) ||
      static_cast<std::size_t>(dataBytes) != size - dataBegin) {
    throw InputError(
        path + ": the data (" + std::to_string(size - dataBegin) +
        " bytes) does not match its header's shape " + shapeText(shape) +
        (static_cast<std::size_t>(dataBytes) > size - dataBegin ? " (truncated?)" : ""));
  }
  if (fortranOrder) {
    const std::vector<int64_t> reversed(shape.rbegin(), shape.rend());
    std::vector<int64_t> order;
    for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) order.push_back(i);
    torch::Tensor t = torch::empty(reversed, type);
    if (dataBytes > 0) std::memcpy(t.data_ptr(), bytes + dataBegin, dataBytes);
    return t.permute(order).contiguous();
  }
  torch::Tensor t = torch::empty(shape, type);
  if (dataBytes > 0) std::memcpy(t.data_ptr(), bytes + dataBegin, dataBytes);
  return t;
}

}  // namespace ghostlens
