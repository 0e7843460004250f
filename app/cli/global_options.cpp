#include "global_options.h"

#include <algorithm>
#include <thread>

namespace ghostlens::cli {

GlobalOptions::GlobalOptions()
    : threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))) {}

void addGlobalOptions(CLI::App& command, GlobalOptions& global) {
  command.add_option("--threads", global.threads, "LibTorch intra-op threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command.add_flag("--quiet,-q", global.quiet, "No progress on stderr (results and errors only)");
}

}  // namespace ghostlens::cli
