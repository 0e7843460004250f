#pragma once

#include <cstdint>
#include <functional>
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

/// Loads the two checkpoints, runs linear CKA between every tapped layer of each over the first
/// `count` Fashion-MNIST test images (ckaBetweenModels, minibatches of 64), and returns it as a
/// CkaGrid. `progress` as for ckaBetweenModels: false cancels.
CkaGrid checkpointCka(const std::string& vanillaCheckpoint, const std::string& ghostCheckpoint,
                      const std::string& dataDirectory, int64_t count,
                      const std::function<bool(int64_t, int64_t)>& progress = {});

}  // namespace ghostlens
