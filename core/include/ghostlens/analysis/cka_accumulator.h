#pragma once

#include <torch/types.h>

#include <vector>

namespace ghostlens {

/// Linear CKA (Kornblith et al. 2019) between every layer of one model and every layer of
/// another, accumulated over minibatches with the unbiased HSIC estimator (Nguyen et al. 2021):
/// CKA = sum_b HSIC1(K_b, L_b) / sqrt(sum_b HSIC1(K_b, K_b) * sum_b HSIC1(L_b, L_b)), where K_b and
/// L_b are the n x n Gram matrices of one minibatch. Memory is bounded by the minibatch: only
/// sums are kept between batches.
class CkaAccumulator {
 public:
  CkaAccumulator(int64_t layersA, int64_t layersB);

  /// Adds one minibatch. featuresA[i] is layer i of model A for these n samples, [n, ...] (any
  /// trailing shape, flattened); likewise featuresB. Needs n >= 4.
  void add(const std::vector<torch::Tensor>& featuresA,
           const std::vector<torch::Tensor>& featuresB);

  /// [layersA, layersB] float64; 0 where a layer had no variance.
  torch::Tensor value() const;
  int64_t batches() const { return batches_; }

 private:
  torch::Tensor cross_;  // [A, B] sum of HSIC1(K_a, L_b)
  torch::Tensor selfA_;  // [A]
  torch::Tensor selfB_;  // [B]
  int64_t batches_ = 0;
};

}  // namespace ghostlens
