#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ghostlens {

/// Parses untrusted JSON (nlohmann's parse errors pass through as they are), then throws
/// InputError naming `source` when the document holds a number that no integer field can take:
/// one beyond int64, or not finite. nlohmann's get<int64_t>() of such a float is undefined
/// behaviour (found by fuzzing a plan), so every document GhostLens reads is parsed here.
nlohmann::json parseCheckedJson(const std::string& text, const std::string& source);

}  // namespace ghostlens
