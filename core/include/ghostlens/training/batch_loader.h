#pragma once

#include <torch/types.h>

#include <cstdint>

namespace ghostlens {

class FashionMnist;

/// Settings of the Fashion-MNIST input pipeline.
struct LoaderOptions {
  int64_t batchSize = 128;
  bool augment = false;  ///< padded random crop (pad 2) and horizontal flip
  bool shuffle = false;
  uint64_t seed = 0;
  int64_t subset = 0;                       ///< use only the first `subset` images (0: all)
  std::array<int64_t, 3> input{1, 28, 28};  ///< the model's C, H, W
};

/// Batches of normalised Fashion-MNIST images for one epoch. The order and the augmentation of
/// epoch e depend only on (seed, e), never on what ran before, so a run resumed at an epoch
/// boundary sees exactly the batches an uninterrupted run would.
class BatchLoader {
 public:
  BatchLoader(const FashionMnist& data, const LoaderOptions& options);

  int64_t batchesPerEpoch() const;
  int64_t size() const { return count_; }
  /// Prepares epoch `epoch` (its order and augmentation).
  void startEpoch(int64_t epoch);
  /// Batch `index` of the current epoch: images [B, C, H, W] float32, labels [B] int64.
  std::pair<torch::Tensor, torch::Tensor> batch(int64_t index) const;

 private:
  torch::Tensor images_;  // [N, 1, 28, 28] float32 in [0, 1]
  torch::Tensor labels_;  // [N]
  LoaderOptions options_;
  int64_t count_;
  torch::Tensor order_;   // [N] permutation of the current epoch
  torch::Tensor shifts_;  // [N, 2] crop offsets in [-2, 2]
  torch::Tensor flips_;   // [N] bool
};

}  // namespace ghostlens
