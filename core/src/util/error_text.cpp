#include "ghostlens/util/error_text.h"

#include <c10/util/Exception.h>

namespace ghostlens {

namespace {
/// The first line that says something: TorchScript's errors begin with an empty line, which
/// once made the whole message empty ("ghostlens-cli: " and nothing; found by fuzzing).
std::string firstLine(const std::string& text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::size_t first = text.find_first_not_of(" \t\r", begin);
    if (first != std::string::npos && first < end) return text.substr(first, end - first);
    begin = end + 1;
  }
  return "an error without a message";
}
}  // namespace

std::string errorText(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const c10::Error& e) {
    return firstLine(e.what_without_backtrace());
  } catch (const std::exception& e) {
    return firstLine(e.what());
  }
}

}  // namespace ghostlens
