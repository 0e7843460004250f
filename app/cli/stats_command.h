#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli stats`: the per-layer params/MACs table of one model of the zoo.
Command addStatsCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
