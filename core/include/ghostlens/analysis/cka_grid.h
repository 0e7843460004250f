#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ghostlens {

/// A [rows, cols] CKA matrix as plain numbers, for a GUI that holds no tensors.
struct CkaGrid {
  std::vector<std::string> rows;  ///< layers of model A (the vanilla model)
  std::vector<std::string> cols;  ///< layers of model B (the ghost model)
  std::vector<double> values;     ///< row-major
  int64_t samples = 0;
  bool cancelled = false;
  double at(std::size_t row, std::size_t col) const { return values.at(row * cols.size() + col); }
};

}  // namespace ghostlens
