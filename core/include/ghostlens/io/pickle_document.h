#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace ghostlens {

/// Element types of PyTorch storages (`torch.FloatStorage`, ...) and safetensors dtypes.
enum class StorageType {
  Float32,
  Float64,
  Float16,
  BFloat16,
  Int64,
  Int32,
  Int16,
  Int8,
  UInt8,
  Bool
};

/// Bytes per element of a storage type.
int64_t storageElementSize(StorageType type);
/// "float32", "float16", ... for messages.
std::string storageTypeName(StorageType type);

/// A tensor as a pickle describes it: a view (offset, sizes, strides, in elements) of a storage
/// that the file holds under `storageKey`. Nothing is read or allocated for it yet.
struct TensorRecord {
  std::string storageKey;
  StorageType type = StorageType::Float32;
  int64_t storageNumel = 0;  ///< elements the pickle says the storage holds
  int64_t offset = 0;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
};

/// One value of a Python pickle, reduced to what weight and activation files hold.
struct PickleValue {
  enum class Kind {
    None,
    Bool,
    Int,
    BigInt,  ///< an integer wider than 64 bits; `text` holds its little-endian bytes
    Float,
    String,  ///< UTF-8
    Bytes,
    Tuple,
    List,
    Dict,     ///< keys in insertion order (dict and collections.OrderedDict)
    Object,   ///< an instance of an allowed data class; `text` is its class, `entries` its state
    Global,   ///< a class or function named by the pickle; `text` is "module.name"
    Storage,  ///< a persistent id naming a storage; `storage` describes it
    Tensor,   ///< `tensor` indexes PickleDocument::tensors()
    Opaque,   ///< an allowed foreign object (numpy scalar, torch.device, ...) never looked into
  };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0.0;
  std::string text;
  std::vector<const PickleValue*> items;                                   ///< Tuple, List
  std::vector<std::pair<const PickleValue*, const PickleValue*>> entries;  ///< Dict, Object
  /// Tensor: its index in PickleDocument::tensors(); Storage: its index in storages()
  int64_t tensor = -1;

  bool isString() const { return kind == Kind::String; }
  bool isMapping() const { return kind == Kind::Dict || kind == Kind::Object; }
  /// The value of string key `key` in a Dict or Object; nullptr when absent or not a mapping.
  const PickleValue* find(const std::string& key) const;
};

/// The values of one unpickled object. Values live as long as the document and may be shared
/// or even form cycles (pickle memo), so walkers must bound their depth.
class PickleDocument {
 public:
  PickleDocument() = default;
  PickleDocument(PickleDocument&&) = default;
  PickleDocument& operator=(PickleDocument&&) = default;
  PickleDocument(const PickleDocument&) = delete;
  PickleDocument& operator=(const PickleDocument&) = delete;

  PickleValue* make(PickleValue::Kind kind);
  /// Adds a tensor record and returns its Tensor value.
  PickleValue* makeTensor(TensorRecord record);
  /// Adds a storage (key, type, numel of the record) and returns its Storage value.
  PickleValue* makeStorage(TensorRecord storage);
  /// The storage a Storage value names.
  const TensorRecord& storageOf(const PickleValue* value) const;

  const PickleValue* root() const { return root_; }
  void setRoot(const PickleValue* root) { root_ = root; }
  const std::vector<TensorRecord>& tensors() const { return tensors_; }
  std::size_t valueCount() const { return values_.size(); }

 private:
  std::deque<PickleValue> values_;  // a deque never moves its elements
  std::vector<TensorRecord> tensors_;
  std::vector<TensorRecord> storages_;
  const PickleValue* root_ = nullptr;
};

}  // namespace ghostlens
