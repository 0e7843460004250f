// ghostlens-cli: the headless front end. Links ghostlens_core only, so it runs on a server.
#include <torch/utils.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "advise_command.h"
#include "analyze_command.h"
#include "ghostlens/util/error_text.h"
#include "ghostlens/util/input_error.h"
#include "predict_command.h"
#include "profile_command.h"
#include "runs_command.h"
#include "stats_command.h"
#include "train_command.h"

namespace {

/// Exit codes: 0 success, 1 a failure while working, 2 bad flags or bad input.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"GhostLens: GhostNet feature-map redundancy, from the command line"};
  app.require_subcommand(1);
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  app.add_option("--threads", threads, "LibTorch intra-op threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  const std::vector<ghostlens::cli::Command> commands = {
      ghostlens::cli::addStatsCommand(app),   ghostlens::cli::addAnalyzeCommand(app),
      ghostlens::cli::addTrainCommand(app),   ghostlens::cli::addSweepCommand(app),
      ghostlens::cli::addRunsCommand(app),    ghostlens::cli::addExportWeightsCommand(app),
      ghostlens::cli::addPredictCommand(app), ghostlens::cli::addEvaluateCommand(app),
      ghostlens::cli::addProfileCommand(app), ghostlens::cli::addAdviseCommand(app)};

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
    torch::set_num_threads(threads);
    for (const auto& command : commands) {
      if (command.parsed->parsed()) command.run();
    }
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError&) {
    std::cerr << "ghostlens-cli: " << ghostlens::errorText(std::current_exception()) << '\n';
    return kExitUsage;
  } catch (const ghostlens::InputError&) {
    std::cerr << "ghostlens-cli: " << ghostlens::errorText(std::current_exception()) << '\n';
    return kExitUsage;
  } catch (const std::exception&) {
    std::cerr << "ghostlens-cli: " << ghostlens::errorText(std::current_exception()) << '\n';
    return kExitFailure;
  }
  return 0;
}
