#pragma once

#include <torch/types.h>

#include <array>
#include <string>

#include "ghostlens/data/dataset_paths.h"

namespace ghostlens {

/// Fashion-MNIST as Debian's dataset-fashion-mnist installs it: gzip'd IDX files.
class FashionMnist {
 public:
  static constexpr const char* kDefaultDirectory = kFashionMnistDirectory;
  static constexpr std::array<const char*, 10> kClassNames = {
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  /// Mean and standard deviation of the training images in [0, 1].
  static constexpr double kMean = 0.2860;
  static constexpr double kStd = 0.3530;

  enum class Split { Train, Test };

  /// Reads and validates the images and labels of a split (magic numbers, counts, sizes, label
  /// range). Throws InputError naming the file for a missing, truncated or corrupt one.
  FashionMnist(const std::string& directory, Split split);

  int64_t size() const { return images_.size(0); }
  /// [N, 28, 28] uint8
  const torch::Tensor& images() const { return images_; }
  /// [N] int64 in 0..9
  const torch::Tensor& labels() const { return labels_; }

 private:
  torch::Tensor images_;
  torch::Tensor labels_;
};

/// Reads one gzip'd (or plain) IDX file into a uint8 tensor of its declared shape. Validates the
/// magic number (unsigned-byte data, 1 to 4 dims), that the data is exactly as long as the header
/// says, and throws InputError naming the file otherwise.
torch::Tensor readIdxFile(const std::string& path);

}  // namespace ghostlens
