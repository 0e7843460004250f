#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ghostlens {

/// A split of Fashion-MNIST as plain 8-bit grey pictures, for a browser of thumbnails; free of
/// Torch.
struct FashionMnistImages {
  int width = 0;
  int height = 0;
  std::vector<std::vector<uint8_t>> pixels;  ///< one height x width picture per image
  std::vector<int> labels;                   ///< 0..9, FashionMnist::kClassNames
};

/// The test split in `directory` (FashionMnist). Throws InputError for a missing or corrupt one.
FashionMnistImages fashionMnistTestImages(const std::string& directory);

/// Fashion-MNIST's class names, in label order.
const std::array<const char*, 10>& fashionMnistClassNames();

}  // namespace ghostlens
