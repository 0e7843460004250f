#include "json_numbers.h"

#include <cmath>
#include <vector>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

void checkJsonNumbers(const nlohmann::json& document, const std::string& source) {
  // An explicit stack: a hostile document may nest deeper than the call stack allows.
  std::vector<const nlohmann::json*> pending{&document};
  while (!pending.empty()) {
    const nlohmann::json* value = pending.back();
    pending.pop_back();
    if (value->is_structured()) {
      for (const auto& child : *value) pending.push_back(&child);
    } else if (value->is_number_float()) {
      const double number = value->get<double>();
      if (!std::isfinite(number) || std::fabs(number) >= 9.2e18) {
        throw InputError(source + ": the number " + value->dump() + " is out of range");
      }
    }
  }
}

}  // namespace

nlohmann::json parseCheckedJson(const std::string& text, const std::string& source) {
  nlohmann::json document = nlohmann::json::parse(text);
  checkJsonNumbers(document, source);
  return document;
}

}  // namespace ghostlens
