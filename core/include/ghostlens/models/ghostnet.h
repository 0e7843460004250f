#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include "ghostlens/models/network.h"

namespace ghostlens {

struct GhostNetOptions {
  double width = 1.0;  ///< width multiplier (0.5, 1.0, 1.3, ...)
  int64_t ratio = 2;   ///< s of every Ghost module (1 = the vanilla, plain-conv form)
  int64_t dw = 3;      ///< d of every Ghost module
  int64_t inChannels = 3;
  int64_t classes = 1000;
  double dropout = 0.2;
};

/// GhostNet (Han et al. 2020, Table 1) with the official release's module names:
/// conv_stem, bn1, blocks.<stage>.<i> (16 GhostBottlenecks in 9 stages, then blocks.9.0 =
/// ConvBnAct to 960w), global pool, conv_head (1x1 with bias to 1280), ReLU, dropout, classifier.
class GhostNetImpl : public NetworkImpl {
 public:
  explicit GhostNetImpl(const GhostNetOptions& options);

  torch::nn::Conv2d conv_stem{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::ModuleList blocks{nullptr};  ///< one Sequential per stage
  torch::nn::Conv2d conv_head{nullptr};
  torch::nn::Linear classifier{nullptr};

 private:
  double dropout_;

 protected:
  torch::Tensor forwardLayers(torch::Tensor x) override;
};
TORCH_MODULE(GhostNet);

}  // namespace ghostlens
