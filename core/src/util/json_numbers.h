#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace ghostlens {

/// Throws InputError naming `source` when `document` holds a number that no integer field can
/// take: one beyond int64, or not finite. nlohmann's get<int64_t>() of such a float is undefined
/// behaviour (found by fuzzing a plan). Call it on every parsed document before reading from it.
void checkJsonNumbers(const nlohmann::json& document, const std::string& source);

}  // namespace ghostlens
