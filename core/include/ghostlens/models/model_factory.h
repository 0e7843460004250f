#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/network.h"

namespace ghostlens {

/// Builds the model a spec describes, freshly initialised and in training mode; with `seed`, its
/// initial weights are the same every time. Builds are serialised: initialisation draws from
/// LibTorch's global generator, and a model built on another thread at the same time (the cost
/// page counting, say) drew from it between the seed and this build, so that the "same" untrained
/// model differed from launch to launch (issue 13, defect 12: 473 pairs, then 471).
/// Throws InputError for a spec that validateSpec() rejects.
std::shared_ptr<NetworkImpl> buildModel(const ModelSpec& spec,
                                        std::optional<uint64_t> seed = std::nullopt);

}  // namespace ghostlens
