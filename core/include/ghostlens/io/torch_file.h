#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

#include "ghostlens/io/pickle_document.h"

namespace ghostlens {

/// How a weights or tensor file is laid out; found from its content, never its extension.
enum class FileFormat {
  PyTorchZip,     ///< torch.save, PyTorch >= 1.6: a zip of data.pkl and raw storages
  PyTorchLegacy,  ///< torch.save before 1.6 (or _use_new_zipfile_serialization=False)
  Safetensors,    ///< 8-byte header length, JSON header, raw data
  GhostLens,      ///< a checkpoint of ghostlens-cli train / export-weights
};

/// "pytorch-zip", "pytorch-legacy", "safetensors", "ghostlens" (the names `predict --json` uses).
std::string fileFormatName(FileFormat format);

/// A file's saved object and its tensors, read without running anything the file names.
struct TorchFile {
  FileFormat format = FileFormat::PyTorchZip;
  /// The saved object. Safetensors files become a Dict of name -> Tensor; GhostLens checkpoints an
  /// Object whose attributes are the checkpoint's fields and whose `model` is the module tree.
  PickleDocument document;
  /// Tensor i of the document's TensorRecords, in the file's dtype, sharing storage where the
  /// file shares it.
  std::vector<torch::Tensor> tensors;
};

/// Reads a torch.save file (zip or legacy), a safetensors file or a GhostLens checkpoint.
/// Every size, offset, stride and shape is checked against the file before anything is allocated
/// or read (see Unpickler and ZipDirectory). Throws InputError with a one-line reason
/// naming the file for anything that is not one of these formats, or is truncated, corrupt or
/// lying; TorchScript archives of other programs are refused as such.
TorchFile readTorchFile(const std::string& path);

/// The tensor a Tensor value stands for. Throws InputError for any other value.
const torch::Tensor& tensorOf(const TorchFile& file, const PickleValue* value);

}  // namespace ghostlens
