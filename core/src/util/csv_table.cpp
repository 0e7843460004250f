#include "ghostlens/util/csv_table.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace ghostlens {

namespace {

std::string field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

void appendLine(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += field(fields[i]);
  }
  out += '\n';
}

}  // namespace

std::string toCsv(const CsvTable& table) {
  std::string out;
  appendLine(out, table.header);
  for (const auto& row : table.rows) {
    if (row.size() != table.header.size()) {
      throw std::invalid_argument("CSV row has " + std::to_string(row.size()) +
                                  " fields, the header " + std::to_string(table.header.size()));
    }
    appendLine(out, row);
  }
  return out;
}

std::string csvNumber(double value) {
  // The shortest precision that reads back to the same double.
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

}  // namespace ghostlens
