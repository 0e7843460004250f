#pragma once

#include <initializer_list>

namespace ghostlens::ui {

/// The smallest axis step of 1, 2 or 5 times a power of ten (at least 1: axes of whole maps or
/// layers) that cuts `span` into at most `intervals` intervals.
inline double wholeStep(double span, int intervals) {
  double step = 1;
  for (double base = 1; span / step > intervals; base *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      step = m * base;
      if (span / step <= intervals) break;
    }
  }
  return step;
}

}  // namespace ghostlens::ui
