#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ghostlens/models/model_spec.h"

namespace ghostlens {

/// Labelled images to measure a model's accuracy on: Fashion-MNIST's test split, or a folder in
/// torchvision's ImageFolder layout (one sub-folder per class; the sorted folder names give the
/// class indices, as the official GhostNet validate.py reads the ImageNet validation set).
class EvaluationSet {
 public:
  /// The 10,000 test images. Throws InputError for a missing or corrupt split.
  static EvaluationSet fashionMnistTest(const std::string& directory);
  /// Every image file (by extension: jpg, jpeg, png, ppm, pgm, bmp, tif, tiff, webp) under each
  /// class folder, recursively, in sorted order. Throws InputError for a directory
  /// without class folders or without images.
  static EvaluationSet imageFolder(const std::string& directory);

  int64_t size() const;
  int64_t classes() const { return static_cast<int64_t>(classNames_.size()); }
  const std::vector<std::string>& classNames() const { return classNames_; }

  /// Images [begin, end) prepared for `spec` (prepareImage) and their labels, decoded on all of
  /// LibTorch's threads. Throws InputError naming an unreadable image.
  /// @return {[end - begin, C, H, W] float32, [end - begin] int64}
  std::pair<torch::Tensor, torch::Tensor> batch(int64_t begin, int64_t end,
                                                const ModelSpec& spec) const;

 private:
  std::vector<std::string> classNames_;
  std::vector<std::pair<std::string, int64_t>> files_;  ///< image folder: path, label
  torch::Tensor images_;                                ///< Fashion-MNIST: [N, 28, 28] uint8
  torch::Tensor labels_;                                ///< Fashion-MNIST: [N]
};

}  // namespace ghostlens
