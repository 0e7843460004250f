#pragma once

#include <cstdint>
#include <string>

#include "ghostlens/models/model_spec.h"

namespace torch::optim {
class Optimizer;
}

namespace ghostlens {

class NetworkImpl;

/// What a checkpoint says about itself.
struct CheckpointInfo {
  ModelSpec spec;
  int64_t epoch = 0;  ///< epochs completed when it was written
};

/// Writes model spec, weights, optimizer state (when given) and epoch into one file, atomically:
/// to `path`.tmp, flushed to disk, then renamed over `path`, so a crash leaves either the old
/// checkpoint or the new one, never half of one.
void saveCheckpoint(const std::string& path, const ModelSpec& spec, NetworkImpl& model,
                    torch::optim::Optimizer* optimizer, int64_t epoch);

/// Reads a checkpoint's spec and epoch. Throws InputError naming the file when it is
/// missing or not a GhostLens checkpoint.
CheckpointInfo readCheckpointInfo(const std::string& path);

/// Loads the weights (and the optimizer state, when given) of a checkpoint into a model built
/// from its spec. Throws InputError when the file does not fit the model.
void loadCheckpoint(const std::string& path, NetworkImpl& model,
                    torch::optim::Optimizer* optimizer);

}  // namespace ghostlens
