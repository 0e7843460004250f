#pragma once

#include <cstdint>
#include <vector>

namespace ghostlens {

/// The paper's ablation (Tables 2 and 3), in one place: the ratio s swept at a fixed cheap
/// kernel d, and d swept at a fixed s. Training sweeps, the ablation series, the analytic
/// trade-off curves and the training dialog all take their fixed values from here.
struct PaperSweep {
  static constexpr int64_t kKernelOfRatioSweep = 3;  ///< d while s varies
  static constexpr int64_t kRatioOfKernelSweep = 2;  ///< s while d varies
  /// The s and d the paper trained: s = 1 (vanilla) to 5, d = 1, 3, 5, 7.
  static const std::vector<int64_t>& ratios() {
    static const std::vector<int64_t> values{1, 2, 3, 4, 5};
    return values;
  }
  static const std::vector<int64_t>& kernels() {
    static const std::vector<int64_t> values{1, 3, 5, 7};
    return values;
  }
};

}  // namespace ghostlens
