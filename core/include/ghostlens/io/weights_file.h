#pragma once

#include <torch/types.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ghostlens/io/torch_file.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// Parameter and buffer names with their tensors, in the file's order.
struct StateDict {
  std::vector<std::pair<std::string, torch::Tensor>> entries;
  /// nullptr when `key` is absent.
  const torch::Tensor* find(const std::string& key) const;
};

/// The weights a file holds, ready to load into a zoo model.
struct WeightsFile {
  std::string path;
  FileFormat format = FileFormat::PyTorchZip;
  /// Keys as the model names them: DataParallel's "module." prefix is removed.
  StateDict stateDict;
  /// Where in the file the state dict was found, for messages: "the file",
  /// "checkpoint['state_dict']", ...
  std::string container = "the file";
  std::optional<ModelSpec> spec;  ///< what a GhostLens checkpoint says it is
  int64_t epoch = 0;              ///< GhostLens checkpoints: epochs trained
};

/// Reads the state dict of any file readTorchFile() reads. It is found in:
/// - a GhostLens checkpoint (its `model`, with its spec and epoch);
/// - a plain dict or OrderedDict of tensors (`_metadata` ignored);
/// - a wrapper dict, under `state_dict`, `model_state_dict`, `model`, `net` or `module`
///   (the first that holds tensors), or the only entry of a one-entry dict;
/// keys all prefixed `module.` lose the prefix. Throws InputError naming the file when
/// none of these holds a state dict, or an entry is not a tensor.
WeightsFile readWeightsFile(const std::string& path);

}  // namespace ghostlens
