#include "ghostlens/io/torch_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "ghostlens/io/mapped_file.h"
#include "ghostlens/io/unpickler.h"
#include "ghostlens/io/zip_directory.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

using Kind = PickleValue::Kind;

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw InputError(path + ": " + message);
}

torch::ScalarType scalarType(StorageType type) {
  switch (type) {
    case StorageType::Float32:
      return torch::kFloat32;
    case StorageType::Float64:
      return torch::kFloat64;
    case StorageType::Float16:
      return torch::kFloat16;
    case StorageType::BFloat16:
      return torch::kBFloat16;
    case StorageType::Int64:
      return torch::kInt64;
    case StorageType::Int32:
      return torch::kInt32;
    case StorageType::Int16:
      return torch::kInt16;
    case StorageType::Int8:
      return torch::kInt8;
    case StorageType::UInt8:
      return torch::kUInt8;
    case StorageType::Bool:
      return torch::kBool;
  }
  return torch::kFloat32;
}

/// Bytes a storage of `numel` elements needs, or -1 on overflow.
int64_t storageBytes(const TensorRecord& r) {
  int64_t bytes = 0;
  if (__builtin_mul_overflow(r.storageNumel, storageElementSize(r.type), &bytes)) return -1;
  return bytes;
}

/// Builds every tensor of a document from its storages, read through `storageOf(key, record)`,
/// which returns a tensor of the record's dtype holding at least storageNumel elements.
template <typename StorageOf>
std::vector<torch::Tensor> materialize(const PickleDocument& doc, StorageOf storageOf) {
  std::unordered_map<std::string, torch::Tensor> storages;
  std::vector<torch::Tensor> tensors;
  tensors.reserve(doc.tensors().size());
  for (const TensorRecord& r : doc.tensors()) {
    auto found = storages.find(r.storageKey);
    if (found == storages.end()) found = storages.emplace(r.storageKey, storageOf(r)).first;
    const torch::Tensor& storage = found->second;
    if (storage.scalar_type() != scalarType(r.type)) {
      throw InputError("storage " + r.storageKey + " is used with two element types");
    }
    // The Unpickler checked the view against storageNumel; storageOf checked that against the
    // bytes present. Tensors of an empty view need no storage at all.
    int64_t numel = 1;
    for (int64_t s : r.sizes) numel *= s;
    if (numel == 0) {
      tensors.push_back(torch::empty(r.sizes, storage.options()));
    } else {
      if (r.storageNumel > storage.numel()) {
        throw InputError("storage " + r.storageKey + " is shorter than its tensors");
      }
      tensors.push_back(storage.as_strided(r.sizes, r.strides, r.offset));
    }
  }
  return tensors;
}

// ---- zip (torch.save >= 1.6, TorchScript archives) ----

TorchFile readZip(const MappedFile& file) {
  const std::string& path = file.path();
  const ZipDirectory directory(file.data(), file.size(), path);
  const ZipEntry* pickle = directory.findSuffix("/data.pkl");
  if (pickle == nullptr) fail(path, "a zip archive without data.pkl: not a PyTorch file");
  // "archive/" of "archive/data.pkl": the folder every member sits in.
  const std::string top =
      pickle->name.substr(0, pickle->name.size() - std::string("data.pkl").size());
  if (directory.pytorchFolder() != top) {
    fail(path, "data.pkl is not in the archive's folder: not a PyTorch file");
  }
  const bool torchScript = std::any_of(
      directory.entries().begin(), directory.entries().end(),
      [](const ZipEntry& e) { return e.name.find("/constants.pkl") != std::string::npos; });
  if (const ZipEntry* order = directory.findSuffix("/byteorder")) {
    const std::string text(reinterpret_cast<const char*>(file.data() + order->dataOffset),
                           order->size);
    if (text != "little") fail(path, "big-endian storages are not supported");
  }

  TorchFile result;
  result.format = FileFormat::PyTorchZip;
  Unpickler unpickler(file.data() + pickle->dataOffset, pickle->size, path + ": data.pkl");
  result.document = unpickler.read();

  result.tensors = materialize(result.document, [&](const TensorRecord& r) {
    const std::string name = "data/" + r.storageKey;
    const ZipEntry* entry = directory.find(top + name);
    if (entry == nullptr) fail(path, "storage " + r.storageKey + " is missing from the archive");
    const int64_t needed = storageBytes(r);
    if (needed < 0 || static_cast<uint64_t>(needed) > entry->size) {
      fail(path, "storage " + r.storageKey + " holds " + std::to_string(entry->size) +
                     " bytes, fewer than its " + std::to_string(r.storageNumel) + " " +
                     storageTypeName(r.type) + " elements");
    }
    // Copied from the mapped file, not through LibTorch's PyTorchStreamReader: the member is
    // stored and its CRC-32 checked (ZipDirectory), and that reader leaked its zip state when it
    // refused a file (found by fuzzing).
    torch::Tensor storage =
        torch::empty({r.storageNumel}, torch::TensorOptions().dtype(scalarType(r.type)));
    if (needed > 0) std::memcpy(storage.data_ptr(), file.data() + entry->dataOffset, needed);
    return storage;
  });

  const PickleValue* root = result.document.root();
  const bool ghostLens = root->kind == Kind::Object && root->find("ghostlens_format") != nullptr;
  if (ghostLens) {
    result.format = FileFormat::GhostLens;
  } else if (torchScript || root->kind == Kind::Object) {
    fail(path,
         "a TorchScript archive (torch.jit.save); save the state dict with "
         "torch.save(model.state_dict(), file) instead");
  }
  return result;
}

// ---- legacy (torch.save before 1.6) ----

// The pickled magic number 0x1950a86a20f9469cfc6c, little-endian, as LONG1 stores it.
const unsigned char kLegacyMagic[] = {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};

TorchFile readLegacy(const MappedFile& file) {
  const std::string& path = file.path();
  std::size_t pos = 0;
  auto next = [&](const char* what) {
    if (pos >= file.size()) fail(path, std::string("truncated legacy file (no ") + what + ")");
    Unpickler unpickler(file.data() + pos, file.size() - pos, path + ": " + what);
    PickleDocument doc = unpickler.read();
    pos += unpickler.consumed();
    return doc;
  };
  const PickleDocument magic = next("magic number");
  if (magic.root()->kind != Kind::BigInt ||
      magic.root()->text != std::string(std::begin(kLegacyMagic), std::end(kLegacyMagic))) {
    fail(path, "a pickle that is not a PyTorch file");
  }
  const PickleDocument protocol = next("protocol version");
  if (protocol.root()->kind != Kind::Int || protocol.root()->integer != 1001) {
    fail(path, "unsupported legacy protocol version");
  }
  const PickleDocument sysInfo = next("system info");
  if (const PickleValue* little = sysInfo.root()->find("little_endian");
      little != nullptr && little->kind == Kind::Bool && !little->boolean) {
    fail(path, "big-endian storages are not supported");
  }
  TorchFile result;
  result.format = FileFormat::PyTorchLegacy;
  result.document = next("object");
  const PickleDocument keys = next("storage keys");
  if (keys.root()->kind != Kind::List) fail(path, "corrupt storage key list");

  std::unordered_map<std::string, const TensorRecord*> typeOf;
  for (const TensorRecord& r : result.document.tensors()) typeOf.emplace(r.storageKey, &r);
  std::unordered_map<std::string, torch::Tensor> storages;
  for (const PickleValue* key : keys.root()->items) {
    if (!key->isString()) fail(path, "corrupt storage key list");
    const auto found = typeOf.find(key->text);
    if (found == typeOf.end()) fail(path, "storage " + key->text + " is used by no tensor");
    const TensorRecord& r = *found->second;
    if (file.size() - pos < 8) fail(path, "truncated legacy file (storage " + key->text + ")");
    int64_t count = 0;
    std::memcpy(&count, file.data() + pos, 8);
    pos += 8;
    int64_t bytes = 0;
    if (count < 0 || __builtin_mul_overflow(count, storageElementSize(r.type), &bytes) ||
        static_cast<uint64_t>(bytes) > file.size() - pos) {
      fail(path, "storage " + key->text + " claims " + std::to_string(count) + " " +
                     storageTypeName(r.type) + " elements, more than the file holds");
    }
    if (count < r.storageNumel) {
      fail(path, "storage " + key->text + " holds fewer elements than its tensors use");
    }
    torch::Tensor storage = torch::empty({count}, torch::TensorOptions().dtype(scalarType(r.type)));
    if (bytes > 0)
      std::memcpy(storage.data_ptr(), file.data() + pos, static_cast<std::size_t>(bytes));
    pos += static_cast<std::size_t>(bytes);
    storages.emplace(key->text, std::move(storage));
  }
  result.tensors = materialize(result.document, [&](const TensorRecord& r) {
    const auto found = storages.find(r.storageKey);
    if (found == storages.end()) fail(path, "storage " + r.storageKey + " is missing");
    return found->second;
  });
  return result;
}

// ---- safetensors ----

std::optional<StorageType> safetensorsType(const std::string& name) {
  static const std::unordered_map<std::string, StorageType> kTypes = {
      {"F32", StorageType::Float32},   {"F64", StorageType::Float64}, {"F16", StorageType::Float16},
      {"BF16", StorageType::BFloat16}, {"I64", StorageType::Int64},   {"I32", StorageType::Int32},
      {"I16", StorageType::Int16},     {"I8", StorageType::Int8},     {"U8", StorageType::UInt8},
      {"BOOL", StorageType::Bool}};
  const auto found = kTypes.find(name);
  if (found == kTypes.end()) return std::nullopt;
  return found->second;
}

bool looksLikeSafetensors(const MappedFile& file) {
  return file.size() >= 10 && file.data()[8] == '{';
}

constexpr uint64_t kMaxSafetensorsHeader = 100 << 20;

TorchFile readSafetensors(const MappedFile& file) {
  const std::string& path = file.path();
  uint64_t headerLength = 0;
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | file.data()[i];
  if (headerLength > file.size() - 8 || headerLength > kMaxSafetensorsHeader) {
    fail(path, "safetensors header of " + std::to_string(headerLength) +
                   " bytes runs past the end of the file");
  }
  nlohmann::ordered_json header;
  try {
    header = nlohmann::ordered_json::parse(file.data() + 8, file.data() + 8 + headerLength);
  } catch (const nlohmann::json::exception&) {
    fail(path, "corrupt safetensors header (not JSON)");
  }
  if (!header.is_object()) fail(path, "corrupt safetensors header (not a JSON object)");
  const uint64_t dataStart = 8 + headerLength;
  const uint64_t dataSize = file.size() - dataStart;

  TorchFile result;
  result.format = FileFormat::Safetensors;
  PickleValue* root = result.document.make(Kind::Dict);
  result.document.setRoot(root);
  std::unordered_map<std::string, uint64_t> begins;
  for (const auto& item : header.items()) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::string& name = item.key();
    const auto& entry = item.value();
    if (name == "__metadata__") continue;
    auto bad = [&](const std::string& why) { fail(path, "tensor '" + name + "': " + why); };
    if (!entry.is_object()) bad("not an object");
    const auto dtype = entry.find("dtype");
    const auto shape = entry.find("shape");
    const auto offsets = entry.find("data_offsets");
    if (dtype == entry.end() || !dtype->is_string()) bad("no dtype");
    const auto type = safetensorsType(dtype->get<std::string>());
    if (!type) bad("unsupported dtype " + dtype->get<std::string>());
    if (shape == entry.end() || !shape->is_array() || shape->size() > 32) bad("bad shape");
    if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 ||
        !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
      bad("bad data_offsets");
    }
    TensorRecord record;
    record.storageKey = name;
    record.type = *type;
    int64_t numel = 1;
    for (const auto& dim : *shape) {
      if (!dim.is_number_unsigned()) bad("bad shape");
      const auto d = dim.get<uint64_t>();
      if (d > static_cast<uint64_t>(INT64_MAX) ||
          __builtin_mul_overflow(numel, static_cast<int64_t>(d), &numel)) {
        bad("shape overflows");
      }
      record.sizes.push_back(static_cast<int64_t>(d));
    }
    // Strides skip empty dimensions (max(size, 1)), so with one empty dimension the numel check
    // above passes any other sizes: [0, 2^40, 2^40] has numel 0 and a stride of 2^80.
    record.strides.assign(record.sizes.size(), 1);
    for (std::size_t d = record.sizes.size(); d-- > 1;) {
      if (__builtin_mul_overflow(record.strides[d], std::max<int64_t>(record.sizes[d], 1),
                                 &record.strides[d - 1])) {
        bad("shape overflows");
      }
    }
    record.storageNumel = numel;
    const uint64_t begin = (*offsets)[0].get<uint64_t>(), end = (*offsets)[1].get<uint64_t>();
    if (begin > end || end > dataSize) {
      bad("data offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
          "] past the end of the data (" + std::to_string(dataSize) + " bytes)");
    }
    const int64_t bytes = storageBytes(record);
    if (bytes < 0 || static_cast<uint64_t>(bytes) != end - begin) {
      bad("its data holds " + std::to_string(end - begin) + " bytes, its shape needs " +
          std::to_string(bytes));
    }
    PickleValue* key = result.document.make(Kind::String);
    key->text = name;
    PickleValue* tensor = result.document.makeTensor(std::move(record));
    root->entries.emplace_back(key, tensor);
    begins.emplace(name, begin);
  }
  result.tensors = materialize(result.document, [&](const TensorRecord& r) {
    torch::Tensor t =
        torch::empty({r.storageNumel}, torch::TensorOptions().dtype(scalarType(r.type)));
    // An empty tensor has no data pointer, and memcpy's pointers must not be null.
    const auto bytes = static_cast<std::size_t>(storageBytes(r));
    if (bytes > 0) {
      std::memcpy(t.data_ptr(), file.data() + dataStart + begins.at(r.storageKey), bytes);
    }
    return t;
  });
  return result;
}

}  // namespace

std::string fileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::PyTorchZip:
      return "pytorch-zip";
    case FileFormat::PyTorchLegacy:
      return "pytorch-legacy";
    case FileFormat::Safetensors:
      return "safetensors";
    case FileFormat::GhostLens:
      return "ghostlens";
  }
  return "unknown";
}

TorchFile readTorchFile(const std::string& path) {
  const MappedFile file(path);
  const unsigned char* d = file.data();
  const std::size_t n = file.size();
  if (n >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) return readZip(file);
  if (n >= 2 && d[0] == 0x80) return readLegacy(file);
  if (looksLikeSafetensors(file)) return readSafetensors(file);
  if (n >= 4 && std::memcmp(d, "%PDF", 4) == 0) fail(path, "a PDF document, not a weights file");
  if ((n >= 4 && std::memcmp(d, "\x89PNG", 4) == 0) ||
      (n >= 3 && std::memcmp(d, "\xff\xd8\xff", 3) == 0)) {
    fail(path, "an image, not a weights or tensor file");
  }
  if (n >= 6 && std::memcmp(d, "\x93NUMPY", 6) == 0) {
    fail(path, "a numpy .npy file, not a weights file");
  }
  fail(path, "not a PyTorch (zip or legacy), safetensors or GhostLens file");
}

const torch::Tensor& tensorOf(const TorchFile& file, const PickleValue* value) {
  if (value == nullptr || value->kind != Kind::Tensor || value->tensor < 0 ||
      static_cast<std::size_t>(value->tensor) >= file.tensors.size()) {
    throw InputError("not a tensor");
  }
  return file.tensors[static_cast<std::size_t>(value->tensor)];
}

}  // namespace ghostlens
