#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli analyze`: feature-map redundancy of every layer of a model for one input.
Command addAnalyzeCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
