#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "global_options.h"

namespace ghostlens::cli {

/// A subcommand and what it does; CommandLine runs it after parsing and setting up LibTorch, so
/// every command's exceptions reach the one handler in main().
struct Command {
  CLI::App* parsed;
  std::function<void()> run;
};

}  // namespace ghostlens::cli
