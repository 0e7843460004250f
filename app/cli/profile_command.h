#pragma once

#include "command.h"

namespace ghostlens::cli {

/// `profile`: measured time, bytes and peak activation memory of a forward pass, per layer.
Command addProfileCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
