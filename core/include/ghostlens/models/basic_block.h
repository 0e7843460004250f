#pragma once

#include "ghostlens/models/ghost_module.h"

namespace ghostlens {

/// CIFAR ResNet basic block (He et al. 2016) with the parameter-free option-A shortcut
/// (strided subsampling plus zero channels). conv1 = 3x3 (stride) + BN + ReLU and
/// conv2 = 3x3 + BN, each a GhostModule (plain when s = 1); ReLU after the sum.
class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(int64_t in, int64_t planes, int64_t stride, int64_t ratio, int64_t dw);
  /// @param x [N, in, H, W]  @return [N, planes, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  GhostModule conv1{nullptr};
  GhostModule conv2{nullptr};

 private:
  int64_t in_, planes_, stride_;
};
TORCH_MODULE(BasicBlock);

}  // namespace ghostlens
