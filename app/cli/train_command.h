#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli train`: trains one model configuration on Fashion-MNIST.
Command addTrainCommand(CLI::App& app);

}  // namespace ghostlens::cli
