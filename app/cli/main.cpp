// ghostlens-cli: the headless front end. Links ghostlens_core only, so it runs on a server.
#include <c10/util/Exception.h>
#include <torch/utils.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

#include "stats_command.h"

namespace {

/// Exit codes: 0 success, 1 a failure while working, 2 bad flags or bad input.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::string firstLine(std::string text) {
  const auto newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"GhostLens: GhostNet feature-map redundancy, from the command line"};
  app.require_subcommand(1);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  app.add_option("--threads", threads, "LibTorch intra-op threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.parse_complete_callback([&threads] { torch::set_num_threads(threads); });
  ghostlens::cli::registerStatsCommand(app);

  // CLI11 would only say "A subcommand is required" for a mistyped command.
  if (argc > 1 && argv[1][0] != '-') {
    try {
      app.get_subcommand(argv[1]);
    } catch (const CLI::OptionNotFound&) {
      std::cerr << "ghostlens-cli: unknown command '" << argv[1] << "' (see --help)\n";
      return kExitUsage;
    }
  }

  // The one place where exceptions become a message and an exit code.
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "ghostlens-cli: " << firstLine(e.what()) << '\n';
    return kExitUsage;
  } catch (const std::invalid_argument& e) {
    std::cerr << "ghostlens-cli: " << firstLine(e.what()) << '\n';
    return kExitUsage;
  } catch (const c10::Error& e) {
    std::cerr << "ghostlens-cli: " << firstLine(e.what_without_backtrace()) << '\n';
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "ghostlens-cli: " << firstLine(e.what()) << '\n';
    return kExitFailure;
  }
  return 0;
}
