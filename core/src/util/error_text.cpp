#include "ghostlens/util/error_text.h"

#include <c10/util/Exception.h>

namespace ghostlens {

namespace {
std::string firstLine(std::string text) {
  const auto newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
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
