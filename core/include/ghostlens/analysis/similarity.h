#pragma once

#include <torch/types.h>

#include <optional>
#include <string>

#include "ghostlens/analysis/metric.h"

namespace ghostlens {

/// Map-to-map similarity measures of one layer. Every all-pairs function takes the layer's maps
/// as [C, H, W] and returns a [C, C] float64 matrix in which higher means more alike, computed by
/// matrix products over the whole layer (no loop over pairs), in float32 (scores good to about
/// 1e-5 against the float64 references). Constant maps get defined values,
/// never NaN. tests/support/reference_similarity.h holds the plain per-pair versions the tests
/// compare against.

/// Cosine of the angle between the flattened maps. A zero map scores 0 against others, and
/// 1 against another zero map.
torch::Tensor cosineMatrix(const torch::Tensor& maps);

/// Pearson correlation of the flattened maps. A constant map scores 0 against others, and 1
/// against another constant map (each is an affine copy of the other).
torch::Tensor pearsonMatrix(const torch::Tensor& maps);

/// 1 - MSE between the maps after scaling each to [0, 1] by its own min and max (a constant map
/// becomes all zeros). In [0, 1]; 1 for maps equal up to a positive affine change.
torch::Tensor mseMatrix(const torch::Tensor& maps);

/// Global SSIM (Wang et al. 2004 computed over the whole map, one window): means, variances and
/// covariances from one matrix product; C1 = (0.01 L)^2, C2 = (0.03 L)^2 with L the layer's
/// dynamic range (max - min over all maps; 1 if the layer is constant).
torch::Tensor ssimGlobalMatrix(const torch::Tensor& maps);

/// The paper's cheap-operation fit for every ordered pair: r2[i][j] = 1 - ||f_j - w * f_i||^2 /
/// sum((f_j - mean f_j)^2) for the least-squares d x d filter w (cross-correlation with zero
/// padding d/2, like a depthwise conv). Values below 0 are reported as 0. A constant target
/// scores 1 when the fit reproduces it (to float32 rounding), else 0.
/// @param maps [C, H, W]  @return [C, C], row = source i, column = target j
torch::Tensor cheapFitMatrix(const torch::Tensor& maps, int64_t d);

/// The least-squares filter of one ordered pair (source i, target j): [d, d].
torch::Tensor cheapFitFilter(const torch::Tensor& maps, int64_t source, int64_t target, int64_t d);

/// The all-pairs matrix of `metric` (SSIM in its global form). `d` is used by CheapFit only.
torch::Tensor similarityMatrix(const torch::Tensor& maps, Metric metric, int64_t d = 3);

}  // namespace ghostlens
