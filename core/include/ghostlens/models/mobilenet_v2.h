#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "ghostlens/models/network.h"

namespace ghostlens {

/// torchvision's Conv2dNormActivation with ReLU6: children 0 = conv (no bias), 1 = BN, 2 = ReLU6.
/// A Sequential with a plain forward, so that it can sit inside another Sequential and report
/// its children to the forward observer.
class ConvBnRelu6Impl : public torch::nn::SequentialImpl {
 public:
  ConvBnRelu6Impl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups);
  /// @param x [N, in, H, W]  @return [N, out, H/stride, W/stride]
  torch::Tensor forward(torch::Tensor x);
};
TORCH_MODULE(ConvBnRelu6);

struct MobileNetV2Options {
  double width = 1.0;  ///< torchvision's width_mult: channels make_divisible(c * width, 8)
  int64_t ratio = 2;   ///< s of every pointwise and depthwise conv (1 = torchvision's model)
  int64_t dw = 3;      ///< d
  int64_t inChannels = 3;
  int64_t classes = 1000;
  double dropout = 0.2;
};

/// One inverted residual block of MobileNetV2 (Sandler et al. 2018) in torchvision's layout:
/// `conv` = [ConvBNReLU6 1x1 expand (only when t != 1), ConvBNReLU6 3x3 depthwise, 1x1 linear
/// conv, BN], each ConvBNReLU6 a Sequential (conv, bn, relu6); the input is added when the stride
/// is 1 and the channels stay. In the ghost form each of the three convs is a GhostModule under
/// the name of the conv (or ConvBNReLU6) it replaces, the linear one without ReLU. A depthwise conv
/// has no cheaper form: its Ghost module's primary conv is an ordinary 3x3 conv, which is why
/// ghosting a depthwise model costs more than it saves (the review's third drawback).
class InvertedResidualImpl : public torch::nn::Module {
 public:
  InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expand, int64_t ratio,
                       int64_t dw);
  /// @param x [N, in, H, W]  @return [N, out, H/stride, W/stride]
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::Sequential conv{nullptr};
  bool residual = false;
};
TORCH_MODULE(InvertedResidual);

/// MobileNetV2 in torchvision's layout and key names, so its weights import unchanged:
/// `features` = [ConvBNReLU6 3x3/2 stem, 17 InvertedResiduals, ConvBNReLU6 1x1 to
/// make_divisible(1280 * max(1, width), 8)], global average pool, `classifier` = [Dropout,
/// Linear]. Ghost form (s > 1): every conv but the stem is a Ghost module.
class MobileNetV2Impl : public NetworkImpl {
 public:
  explicit MobileNetV2Impl(const MobileNetV2Options& options);

  /// torchvision's initialisation (kaiming_normal_ by fan-out for convolutions, N(0, 0.01) for
  /// the classifier, BatchNorm at identity), so that an untrained model behaves like one made
  /// there; drawn after LibTorch's defaults, as the constructor's draws came before it.
  void initialise(at::Generator& generator) override;

  torch::nn::Sequential features{nullptr};
  torch::nn::Sequential classifier{nullptr};

 protected:
  torch::Tensor forwardLayers(torch::Tensor x) override;
};
TORCH_MODULE(MobileNetV2);

}  // namespace ghostlens
