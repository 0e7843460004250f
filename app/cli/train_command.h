#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli train`: trains one model configuration on Fashion-MNIST.
Command addTrainCommand(CLI::App& app, GlobalOptions& global);
/// Adds `ghostlens-cli export-weights`: copies a checkpoint without its optimizer state, the
/// form in which the default pair ships (half the size).
Command addExportWeightsCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
