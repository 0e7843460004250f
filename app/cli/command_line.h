#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "command.h"
#include "global_options.h"

namespace ghostlens::cli {

/// ghostlens-cli's whole command line: the global options and every subcommand, parsed by the
/// program and, without running anything, by the tests (the README's command lines among them).
class CommandLine {
 public:
  CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  /// Parses a command line; throws what CLI11 throws (CLI::ParseError and its help requests).
  void parse(int argc, const char* const* argv);
  /// The same for the words after the program's name, for tests.
  void parse(const std::vector<std::string>& words);
  /// Sets LibTorch's thread count and runs the parsed command.
  void run() const;

  /// Whether `name` is a subcommand.
  bool hasCommand(const std::string& name) const;
  /// Whether subcommand `command` (or the top level, for "") takes option `flag` ("--json").
  bool takesOption(const std::string& command, const std::string& flag) const;
  /// The subcommand the last parse chose, or "".
  std::string parsedCommand() const;
  const GlobalOptions& global() const { return global_; }
  CLI::App& app() { return app_; }

 private:
  CLI::App app_;
  GlobalOptions global_;
  std::vector<Command> commands_;
};

}  // namespace ghostlens::cli
