#pragma once

#include <CLI/CLI.hpp>

namespace ghostlens::cli {

/// The options every command takes: the top level and each subcommand define them on the same
/// variables, so they go before or after the command, as with git or cargo.
struct GlobalOptions {
  GlobalOptions();
  int threads;         ///< LibTorch intra-op threads (default: the cores)
  bool quiet = false;  ///< no progress on stderr, results and errors only
};

/// Adds --threads and --quiet,-q to `command`, bound to `global`.
void addGlobalOptions(CLI::App& command, GlobalOptions& global);

}  // namespace ghostlens::cli
