#include "command_line.h"

#include <torch/utils.h>

#include <algorithm>

#include "advise_command.h"
#include "analyze_command.h"
#include "predict_command.h"
#include "profile_command.h"
#include "runs_command.h"
#include "stats_command.h"
#include "train_command.h"

namespace ghostlens::cli {

CommandLine::CommandLine()
    : app_("GhostLens: GhostNet feature-map redundancy, from the command line") {
  app_.require_subcommand(1);
  addGlobalOptions(app_, global_);
  app_.footer("--threads and --quiet go before or after the command.");
  commands_ = {addStatsCommand(app_, global_),   addAnalyzeCommand(app_, global_),
               addTrainCommand(app_, global_),   addSweepCommand(app_, global_),
               addRunsCommand(app_, global_),    addExportWeightsCommand(app_, global_),
               addPredictCommand(app_, global_), addEvaluateCommand(app_, global_),
               addProfileCommand(app_, global_), addAdviseCommand(app_, global_)};
}

void CommandLine::parse(int argc, const char* const* argv) { app_.parse(argc, argv); }

void CommandLine::parse(const std::vector<std::string>& words) {
  // CLI11 takes the words last first.
  std::vector<std::string> reversed(words.rbegin(), words.rend());
  app_.parse(reversed);
}

void CommandLine::run() const {
  torch::set_num_threads(global_.threads);
  for (const Command& command : commands_) {
    if (command.parsed->parsed()) command.run();
  }
}

bool CommandLine::hasCommand(const std::string& name) const {
  return std::any_of(commands_.begin(), commands_.end(),
                     [&](const Command& c) { return c.parsed->get_name() == name; });
}

bool CommandLine::takesOption(const std::string& command, const std::string& flag) const {
  const CLI::App* scope = &app_;
  if (!command.empty()) {
    const auto found = std::find_if(commands_.begin(), commands_.end(), [&](const Command& c) {
      return c.parsed->get_name() == command;
    });
    if (found == commands_.end()) return false;
    scope = found->parsed;
  }
  const std::vector<const CLI::Option*> options = scope->get_options();
  return std::any_of(options.begin(), options.end(),
                     [&](const CLI::Option* o) { return o->check_name(flag); });
}

std::string CommandLine::parsedCommand() const {
  for (const Command& command : commands_) {
    if (command.parsed->parsed()) return command.parsed->get_name();
  }
  return "";
}

}  // namespace ghostlens::cli
