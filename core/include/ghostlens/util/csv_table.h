#pragma once

#include <string>
#include <vector>

namespace ghostlens {

/// A table as the views export it: what a plot draws, one row per point.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// RFC 4180 text: fields with a comma, quote or line break are quoted, quotes doubled; lines end
/// with "\n". Throws std::invalid_argument (a programming error, not bad input) when a row's length
/// differs from the header's.
std::string toCsv(const CsvTable& table);

/// A number as CSV holds it: shortest round-trip form ("%.17g" trimmed), so a reader gets back
/// exactly the value that was drawn.
std::string csvNumber(double value);

}  // namespace ghostlens
