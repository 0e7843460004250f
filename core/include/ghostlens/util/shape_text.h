#pragma once

#include <string>

namespace ghostlens {

/// "[16, 3, 3, 3]" for messages: any range of integers (a shape vector, c10::IntArrayRef, ...).
template <typename Sizes>
std::string shapeText(const Sizes& sizes) {
  std::string text = "[";
  bool first = true;
  for (const auto size : sizes) {
    text += (first ? "" : ", ") + std::to_string(size);
    first = false;
  }
  return text + "]";
}

}  // namespace ghostlens
