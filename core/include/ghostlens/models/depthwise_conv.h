#pragma once

#include <torch/types.h>

namespace ghostlens {

/// A depthwise convolution for inference, with its bias and an optional ReLU fused in, written
/// into a given output (deploy mode: a Ghost module's ghosts go straight into the module's
/// output). LibTorch 1.13 on x86 runs depthwise convs through oneDNN, which reorders every input
/// to a blocked layout and back; on GhostNet's 112x112 maps that made them its slowest layers.
///
/// out[n, o] = act(bias[o] + conv(input[n, o / m], weight[o])) for o < out.size(1), where
/// m = weight.size(0) / input.size(1) (the cheap operation's s - 1). Padding is k / 2.
/// @param input  [N, C, H, W] float; each H x W plane contiguous (a channel slice is fine)
/// @param weight [C * m, 1, k, k] float, k odd
/// @param bias   [C * m] float
/// @param stride 1 or 2
/// @param out    [N, O, Ho, Wo] float with O <= C * m, planes contiguous; written, not read
void depthwiseConv2d(const torch::Tensor& input, const torch::Tensor& weight,
                     const torch::Tensor& bias, int64_t stride, bool relu, torch::Tensor& out);

/// The output size of a conv with padding kernel / 2 (GhostNet's and its Ghost modules'): the
/// size deploy mode preallocates.
inline int64_t paddedConvOutputSize(int64_t size, int64_t kernel, int64_t stride) {
  return (size + 2 * (kernel / 2) - kernel) / stride + 1;
}

/// Whether depthwiseConv2d() can run `weight`'s conv: float, square odd kernel, stride 1 or 2.
/// Deploy mode then uses it for every depthwise conv: inside the network it beat LibTorch's on
/// all of GhostNet's (LibTorch's oneDNN path took 1.5 ms for blocks.1.0.conv_dw in the model,
/// against 0.16 ms alone in a loop; ours 0.23 ms), see the README's deploy-mode figures.
bool depthwiseConvSupported(const torch::Tensor& weight, int64_t stride);

namespace detail {
/// One output plane; the kernels depthwise_conv.cpp dispatches to (default and AVX2+FMA builds
/// of the same code in depthwise_plane.inc).
using DepthwisePlaneFn = void (*)(const float* in, int64_t height, int64_t width,
                                  const float* weight, int64_t kernel, int64_t stride, float bias,
                                  bool relu, float* out, int64_t outHeight, int64_t outWidth);
void depthwisePlaneDefault(const float* in, int64_t height, int64_t width, const float* weight,
                           int64_t kernel, int64_t stride, float bias, bool relu, float* out,
                           int64_t outHeight, int64_t outWidth);
void depthwisePlaneAvx2(const float* in, int64_t height, int64_t width, const float* weight,
                        int64_t kernel, int64_t stride, float bias, bool relu, float* out,
                        int64_t outHeight, int64_t outWidth);
}  // namespace detail

}  // namespace ghostlens
