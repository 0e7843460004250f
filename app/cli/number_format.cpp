#include "number_format.h"

#include <cstdio>

namespace ghostlens::cli {

std::string groupedThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return value < 0 ? "-" + digits : digits;
}

std::string humanCount(int64_t value) {
  const char* units[] = {"", "K", "M", "G", "T"};
  double scaled = static_cast<double>(value);
  int unit = 0;
  while (scaled >= 1000.0 && unit < 4) {
    scaled /= 1000.0;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f%s" : "%.2f%s", scaled, units[unit]);
  return buffer;
}

}  // namespace ghostlens::cli
