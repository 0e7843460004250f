#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// Model settings a person gave for a weights file; whatever is left out is inferred from the
/// weights (inferSpec).
struct SpecHints {
  std::optional<Architecture> arch;
  std::optional<double> width;
  std::optional<int64_t> ratio;
  std::optional<int64_t> dw;
  std::optional<int64_t> classes;
  std::optional<std::array<int64_t, 3>> input;

  bool operator==(const SpecHints& other) const {
    return arch == other.arch && width == other.width && ratio == other.ratio && dw == other.dw &&
           classes == other.classes && input == other.input;
  }
  bool operator!=(const SpecHints& other) const { return !(*this == other); }
};

}  // namespace ghostlens
