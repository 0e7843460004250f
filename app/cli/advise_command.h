#pragma once

#include "command.h"

namespace ghostlens::cli {

/// Adds `ghostlens-cli advise`: which layers of a trained vanilla model to ghost, with which s
/// and d, from its own feature maps over a batch of images; writes a per-layer plan.
Command addAdviseCommand(CLI::App& app, GlobalOptions& global);

}  // namespace ghostlens::cli
