#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli predict`: the most probable classes of one input, with any weights file.
Command addPredictCommand(CLI::App& app, GlobalOptions& global);

/// Adds `ghostlens-cli evaluate`: top-1 and top-5 accuracy of a weights file on Fashion-MNIST's
/// test split or an ImageFolder directory.
Command addEvaluateCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
