#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli runs`: lists the experiment store (table, CSV or JSON).
Command addRunsCommand(CLI::App& app, GlobalOptions& global);
/// Adds `ghostlens-cli sweep`: the vanilla model, the s sweep at d = 3 and the d sweep at s = 2.
Command addSweepCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
