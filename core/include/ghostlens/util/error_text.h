#pragma once

#include <exception>
#include <string>

namespace ghostlens {

/// The one place that turns an exception from core into a message for a person: one line,
/// without LibTorch's C++ backtrace. Call it from a catch block (`std::current_exception()`).
std::string errorText(const std::exception_ptr& error);

}  // namespace ghostlens
