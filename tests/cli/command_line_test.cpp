// ghostlens-cli's command line, parsed without running (issue 26): the global options go before
// or after the command, as with git or cargo.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "command_line.h"

namespace {

using ghostlens::cli::CommandLine;

TEST(CommandLine, GlobalOptionsGoBeforeOrAfterTheCommand) {
  const std::vector<std::vector<std::string>> lines = {
      {"--threads", "3", "profile", "--model", "ghostnet"},
      {"profile", "--model", "ghostnet", "--repeat", "3", "--threads", "3"},
      {"profile", "--threads", "3", "--model", "ghostnet"},
      {"stats", "--threads", "3", "--json"},
      {"train", "--threads", "3", "--epochs", "1"},
  };
  for (const auto& words : lines) {
    CommandLine cli;
    cli.parse(words);
    EXPECT_EQ(cli.global().threads, 3) << words[0] << " " << words[1];
    EXPECT_FALSE(cli.global().quiet);
    EXPECT_FALSE(cli.parsedCommand().empty());
  }
  for (const auto& words :
       std::vector<std::vector<std::string>>{{"--quiet", "sweep"},
                                             {"sweep", "--quiet"},
                                             {"-q", "advise", "--weights", "w.pt"},
                                             {"advise", "--weights", "w.pt", "-q"},
                                             {"runs", "--quiet"}}) {
    CommandLine cli;
    cli.parse(words);
    EXPECT_TRUE(cli.global().quiet) << words[0] << " " << words[1];
  }
}

TEST(CommandLine, ABadGlobalValueIsRefusedWhereverItIs) {
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"--threads", "0", "stats"}, {"stats", "--threads", "0"}, {"stats", "--threads", "x"}}) {
    CommandLine cli;
    try {
      cli.parse(words);
      ADD_FAILURE() << "accepted --threads " << words.back();
    } catch (const CLI::ParseError& e) {
      EXPECT_NE(std::string(e.what()).find("--threads"), std::string::npos) << e.what();
    }
  }
}

TEST(CommandLine, KnowsItsCommandsAndTheirOptions) {
  const CommandLine cli;
  for (const char* name : {"stats", "analyze", "train", "sweep", "runs", "export-weights",
                           "predict", "evaluate", "profile", "advise"}) {
    EXPECT_TRUE(cli.hasCommand(name)) << name;
    EXPECT_TRUE(cli.takesOption(name, "--threads")) << name;
    EXPECT_TRUE(cli.takesOption(name, "--quiet")) << name;
  }
  EXPECT_FALSE(cli.hasCommand("nosuch"));
  EXPECT_TRUE(cli.takesOption("profile", "--repeat"));
  EXPECT_FALSE(cli.takesOption("stats", "--repeat"));
  EXPECT_FALSE(cli.takesOption("nosuch", "--threads"));
}

}  // namespace
