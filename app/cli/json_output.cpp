#include "json_output.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ghostlens::cli {

void writeJsonFile(const std::string& path, const nlohmann::json& json) {
  const std::string temporary = path + ".tmp";
  std::ofstream out(temporary);
  out << json.dump(1) << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
  std::filesystem::rename(temporary, path);
}

}  // namespace ghostlens::cli
