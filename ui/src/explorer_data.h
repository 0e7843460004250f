#pragma once

// Private to the ui library: the explorer's analysis of its models on one input.
#include "ghostlens/session/explorer_session.h"

namespace ghostlens::ui {

/// Layer i of the first model (left, "vanilla" in the explorer's names, as the usual pair is)
/// matched with layer i of the second (right, "ghost"); a single model leaves the second empty.
using ExplorerData = ExplorerView;

}  // namespace ghostlens::ui
