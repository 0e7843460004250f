#pragma once

#include <torch/types.h>

namespace ghostlens::reference {

/// Plain per-pair versions of the fast all-pairs metrics in similarity.h: loops over pixels in
/// double, written for clarity, used by the tests (and the benchmark) as the ground truth.
/// `maps` is [C, H, W]; `a`, `b` are channel indices.
double cosine(const torch::Tensor& maps, int64_t a, int64_t b);
double pearson(const torch::Tensor& maps, int64_t a, int64_t b);
double mse(const torch::Tensor& maps, int64_t a, int64_t b);
double ssimGlobal(const torch::Tensor& maps, int64_t a, int64_t b);
/// R^2 of the least-squares d x d filter from map `source` to map `target`: builds the normal
/// equations pixel by pixel and solves them by Gaussian elimination.
double cheapFit(const torch::Tensor& maps, int64_t source, int64_t target, int64_t d);
/// The same fit solved over every pixel of every image of a batch (one filter for all images,
/// each image zero-padded on its own). @param batch [N, C, H, W]
double cheapFitOverBatch(const torch::Tensor& batch, int64_t source, int64_t target, int64_t d);

}  // namespace ghostlens::reference
