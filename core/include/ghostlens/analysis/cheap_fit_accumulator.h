#pragma once

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace ghostlens {

/// The paper's cheap-operation fit of every ordered pair of a layer's maps, solved over a batch
/// of images instead of one: one least-squares d x d filter per (source, target) pair for all
/// pixels of all images added, so R^2 is that of the whole batch, not a mean of per-image fits.
/// Images can be added in chunks (the normal equations are sums), which bounds memory.
class CheapFitAccumulator {
 public:
  explicit CheapFitAccumulator(int64_t d);

  /// Adds images. @param maps [N, C, H, W] (or [C, H, W]), every call with the same C, H, W.
  /// Throws c10::Error for NaN or Inf, or a shape other than the first call's.
  void add(const torch::Tensor& maps);

  /// r2[i][j] = 1 - ||f_j - w * f_i||^2 / sum((f_j - mean f_j)^2) over every pixel added, for
  /// the least-squares filter w (cross-correlation, zero padding d/2, per image), clamped to
  /// [0, 1]; with one image, cheapFitMatrix() of it. A constant target scores 1 when the fit
  /// reproduces it, else 0. @return [C, C] float64, row = source i, column = target j
  torch::Tensor result() const;

  /// Maps whose values hardly vary over the whole batch (standard deviation at most
  /// kDeadMapTolerance times the largest |value| of the layer): they say nothing about
  /// redundancy. Ascending channel indices.
  std::vector<int64_t> constantMaps() const;

  int64_t images() const { return images_; }
  int64_t channels() const { return channels_; }
  int64_t kernel() const { return d_; }

 private:
  int64_t d_;
  int64_t channels_ = 0, height_ = 0, width_ = 0, images_ = 0;
  torch::Tensor gram_;    ///< [C, d2, d2] float64: sum over pixels of P_i P_i^T
  torch::Tensor rhs_;     ///< [C, d2, C] float64: sum of P_i f_j
  torch::Tensor energy_;  ///< [C] float64: sum of f^2
  torch::Tensor sum_;     ///< [C] float64: sum of f
  double maxAbs_ = 0;
};

}  // namespace ghostlens
