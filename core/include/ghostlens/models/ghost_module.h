#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace ghostlens {

/// Settings of one Ghost module (Han et al. 2020, Sec. 3.1).
struct GhostModuleOptions {
  int64_t in = 1;      ///< input channels
  int64_t out = 1;     ///< output channels (after the cut)
  int64_t kernel = 1;  ///< primary conv kernel
  int64_t ratio = 2;   ///< s: 1 gives a plain conv + BN (+ReLU)
  int64_t dw = 3;      ///< d: kernel of the cheap depthwise conv (odd)
  int64_t stride = 1;  ///< stride of the primary conv
  bool relu = true;    ///< ReLU after both BNs
};

/// The Ghost module, laid out as in the official PyTorch release so state dicts line up:
/// `primary_conv` = [Conv2d(in, ceil(out/s), k, stride, k/2), BN, (ReLU)] and, for s > 1,
/// `cheap_operation` = [Conv2d(init, init*(s-1), d, groups=init), BN, (ReLU)];
/// forward = cat(primary, cheap)[:, :out].
///
/// Output channel c < intrinsicChannels() is intrinsic map c; channel c >= intrinsicChannels()
/// is a ghost made by the cheap operation from intrinsic map parentOf(c).
class GhostModuleImpl : public torch::nn::Module {
 public:
  explicit GhostModuleImpl(const GhostModuleOptions& options);

  /// @param x [N, in, H, W]  @return [N, out, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  const GhostModuleOptions& options() const { return options_; }
  /// ceil(out / s): channels produced by the primary conv.
  int64_t intrinsicChannels() const { return init_; }
  /// Ghost channels kept in the output (out - intrinsicChannels()).
  int64_t ghostChannels() const { return options_.out - init_; }
  bool isIntrinsic(int64_t channel) const { return channel < init_; }
  /// Intrinsic channel that output `channel` comes from (itself for an intrinsic channel).
  int64_t parentOf(int64_t channel) const;

  torch::nn::Sequential primary_conv{nullptr};
  torch::nn::Sequential cheap_operation{nullptr};  ///< null when s == 1

 private:
  /// Deploy mode (both BNs folded into their convs): the primary conv's maps and the ghosts go
  /// straight into one preallocated output instead of cat() and a slice; a 1x1 primary conv of
  /// one image writes into it directly. The ReLUs run in place, unreported.
  torch::Tensor forwardDeployed(const torch::Tensor& x);

  GhostModuleOptions options_;
  int64_t init_ = 0;
};
TORCH_MODULE(GhostModule);

}  // namespace ghostlens
