#pragma once

#include <cstdint>
#include <string>

namespace ghostlens::cli {

/// 5182376 -> "5,182,376".
std::string groupedThousands(int64_t value);
/// 5182376 -> "5.18M", 4089184256 -> "4.09G".
std::string humanCount(int64_t value);

}  // namespace ghostlens::cli
