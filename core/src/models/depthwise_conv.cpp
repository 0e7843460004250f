#include "ghostlens/models/depthwise_conv.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

namespace ghostlens {

namespace {

detail::DepthwisePlaneFn planeKernel() {
  static const detail::DepthwisePlaneFn kernel =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
          ? &detail::depthwisePlaneAvx2
          : &detail::depthwisePlaneDefault;
  return kernel;
}

}  // namespace

bool depthwiseConvSupported(const torch::Tensor& weight, int64_t stride) {
  return weight.scalar_type() == torch::kFloat && weight.dim() == 4 && weight.size(1) == 1 &&
         weight.size(2) == weight.size(3) && weight.size(2) % 2 == 1 &&
         (stride == 1 || stride == 2);
}

void depthwiseConv2d(const torch::Tensor& input, const torch::Tensor& weight,
                     const torch::Tensor& bias, int64_t stride, bool relu, torch::Tensor& out) {
  TORCH_CHECK(depthwiseConvSupported(weight, stride), "depthwiseConv2d: unsupported weight ",
              weight.sizes(), " or stride ", stride);
  TORCH_CHECK(input.dim() == 4 && out.dim() == 4 && input.scalar_type() == torch::kFloat &&
                  out.scalar_type() == torch::kFloat,
              "depthwiseConv2d: input and out must be 4-D float tensors");
  const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
  const int64_t kernel = weight.size(2);
  TORCH_CHECK(weight.size(0) % channels == 0, "depthwiseConv2d: ", weight.size(0), " filters for ",
              channels, " channels");
  const int64_t multiplier = weight.size(0) / channels;
  const int64_t outHeight = paddedConvOutputSize(height, kernel, stride);
  const int64_t outWidth = paddedConvOutputSize(width, kernel, stride);
  TORCH_CHECK(out.size(0) == input.size(0) && out.size(1) <= weight.size(0) &&
                  out.size(2) == outHeight && out.size(3) == outWidth,
              "depthwiseConv2d: out ", out.sizes(), " does not fit input ", input.sizes(),
              " and weight ", weight.sizes());
  TORCH_CHECK(input.stride(3) == 1 && input.stride(2) == width && out.stride(3) == 1 &&
                  out.stride(2) == outWidth && input.stride(1) >= height * width &&
                  out.stride(1) >= outHeight * outWidth,
              "depthwiseConv2d: each plane of input and out must be contiguous");
  TORCH_CHECK(bias.numel() == weight.size(0), "depthwiseConv2d: bias of ", bias.numel());

  const torch::Tensor w = weight.contiguous();
  const torch::Tensor b = bias.contiguous();
  const float* in = input.data_ptr<float>();
  const float* wp = w.data_ptr<float>();
  const float* bp = b.data_ptr<float>();
  float* op = out.data_ptr<float>();
  const int64_t planesPerImage = out.size(1);
  const int64_t planes = input.size(0) * planesPerImage;
  const int64_t work = outHeight * outWidth * kernel * kernel;
  const int64_t grain = std::max<int64_t>(1, 65536 / std::max<int64_t>(work, 1));
  const detail::DepthwisePlaneFn plane = planeKernel();
  at::parallel_for(0, planes, grain, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const int64_t n = p / planesPerImage, o = p % planesPerImage;
      plane(in + n * input.stride(0) + (o / multiplier) * input.stride(1), height, width,
            wp + o * kernel * kernel, kernel, stride, bp[o], relu,
            op + n * out.stride(0) + o * out.stride(1), outHeight, outWidth);
    }
  });
}

}  // namespace ghostlens
