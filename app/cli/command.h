#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace ghostlens::cli {

/// A subcommand and what it does; main() runs it after parsing and setting up LibTorch, so every
/// command's exceptions reach the one handler there.
struct Command {
  CLI::App* parsed;
  std::function<void()> run;
};

}  // namespace ghostlens::cli
