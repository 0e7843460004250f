#include "ghostlens/io/pickle_document.h"

namespace ghostlens {

int64_t storageElementSize(StorageType type) {
  switch (type) {
    case StorageType::Float64:
    case StorageType::Int64:
      return 8;
    case StorageType::Float32:
    case StorageType::Int32:
      return 4;
    case StorageType::Float16:
    case StorageType::BFloat16:
    case StorageType::Int16:
      return 2;
    case StorageType::Int8:
    case StorageType::UInt8:
    case StorageType::Bool:
      return 1;
  }
  return 1;
}

std::string storageTypeName(StorageType type) {
  switch (type) {
    case StorageType::Float32:
      return "float32";
    case StorageType::Float64:
      return "float64";
    case StorageType::Float16:
      return "float16";
    case StorageType::BFloat16:
      return "bfloat16";
    case StorageType::Int64:
      return "int64";
    case StorageType::Int32:
      return "int32";
    case StorageType::Int16:
      return "int16";
    case StorageType::Int8:
      return "int8";
    case StorageType::UInt8:
      return "uint8";
    case StorageType::Bool:
      return "bool";
  }
  return "unknown";
}

const PickleValue* PickleValue::find(const std::string& key) const {
  if (!isMapping()) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k->isString() && k->text == key) return v;
  }
  return nullptr;
}

PickleValue* PickleDocument::make(PickleValue::Kind kind) {
  values_.emplace_back();
  values_.back().kind = kind;
  return &values_.back();
}

PickleValue* PickleDocument::makeTensor(TensorRecord record) {
  PickleValue* value = make(PickleValue::Kind::Tensor);
  value->tensor = static_cast<int64_t>(tensors_.size());
  tensors_.push_back(std::move(record));
  return value;
}

PickleValue* PickleDocument::makeStorage(TensorRecord storage) {
  PickleValue* value = make(PickleValue::Kind::Storage);
  value->tensor = static_cast<int64_t>(storages_.size());
  storages_.push_back(std::move(storage));
  return value;
}

const TensorRecord& PickleDocument::storageOf(const PickleValue* value) const {
  return storages_.at(static_cast<std::size_t>(value->tensor));
}

}  // namespace ghostlens
