#pragma once

#include <torch/types.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"

namespace ghostlens::cli {

/// The input flags of commands that run a model on one input: --image PATH, --tensor FILE.npy
/// (fed as it is), --fmnist INDEX with --fmnist-dir. Without any, Fashion-MNIST test image 0.
class InputOptions {
 public:
  /// @return the --image, --tensor and --fmnist options, for commands that exclude them
  std::vector<CLI::Option*> addTo(CLI::App& command);
  /// Adds --images N (the first N Fashion-MNIST test images) and --image-dir DIR (the first N
  /// images of a folder instead), both excluding the one-input flags.
  void addBatchTo(CLI::App& command, const std::vector<CLI::Option*>& single);
  /// N of --images; 0 without it.
  int64_t batch() const { return images_; }
  /// The input for a model of `spec` (with --images, the batch: [N, C, H, W]). Throws
  /// std::invalid_argument for an unreadable file, an index out of range, or a tensor that is not
  /// float32 (1, C, H, W) or (C, H, W) with the model's C. @return [1, C, H, W]
  torch::Tensor tensor(const ModelSpec& spec) const;
  /// "fashion-mnist:test:3", the image's or the tensor's path.
  std::string name() const;

 private:
  std::string image_;
  std::string tensorFile_;
  int64_t fmnist_ = -1;
  std::string fmnistDir_;
  int64_t images_ = 0;
  std::string imageDir_;
};

}  // namespace ghostlens::cli
