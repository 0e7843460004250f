// ghostlens-cli: the headless front end. Links ghostlens_core only, so it runs on a server.
#include <iostream>
#include <stdexcept>
#include <string>

#include "command_line.h"
#include "ghostlens/util/error_text.h"
#include "ghostlens/util/heap_reuse.h"
#include "ghostlens/util/input_error.h"

namespace {

/// Exit codes: 0 success, 1 a failure while working, 2 bad flags or bad input.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  ghostlens::reuseFreedHeapMemory();
  ghostlens::cli::CommandLine commandLine;
  // CLI11 would only say "A subcommand is required" for a mistyped command.
  if (argc > 1 && argv[1][0] != '-' && !commandLine.hasCommand(argv[1])) {
    std::cerr << "ghostlens-cli: unknown command '" << argv[1] << "' (see --help)\n";
    return kExitUsage;
  }

  // The one place where exceptions become a message and an exit code.
  try {
    commandLine.parse(argc, argv);
    commandLine.run();
  } catch (const CLI::CallForHelp& e) {
    return commandLine.app().exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return commandLine.app().exit(e);
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
