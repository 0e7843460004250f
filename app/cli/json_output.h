#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ghostlens::cli {

/// Writes `json` to `path` through a temporary file and a rename: a crash leaves the old file
/// or the new one, never half of one. Throws std::runtime_error when it cannot be written.
void writeJsonFile(const std::string& path, const nlohmann::json& json);

}  // namespace ghostlens::cli
