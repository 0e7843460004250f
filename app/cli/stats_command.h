#pragma once

#include <CLI/CLI.hpp>

namespace ghostlens::cli {

/// Registers `ghostlens-cli stats`: the per-layer params/MACs table of one model of the zoo.
void registerStatsCommand(CLI::App& app);

}  // namespace ghostlens::cli
