#pragma once

#include <memory>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/network.h"

namespace ghostlens {

/// Builds the model a spec describes, freshly initialised and in training mode.
/// Throws InputError for a spec that validateSpec() rejects.
std::shared_ptr<NetworkImpl> buildModel(const ModelSpec& spec);

}  // namespace ghostlens
