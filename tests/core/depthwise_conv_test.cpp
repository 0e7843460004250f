// The deploy-mode depthwise kernel against a plain per-element reference and LibTorch's conv.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "ghostlens/models/depthwise_conv.h"

namespace ghostlens {
namespace {

/// The definition, one output value at a time (zero padding k / 2).
torch::Tensor referenceDepthwise(const torch::Tensor& input, const torch::Tensor& weight,
                                 const torch::Tensor& bias, int64_t stride, bool relu,
                                 int64_t outChannels) {
  const int64_t n = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
  const int64_t k = weight.size(2), pad = k / 2, m = weight.size(0) / c;
  const int64_t oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
  torch::Tensor out = torch::zeros({n, outChannels, oh, ow});
  auto in = input.accessor<float, 4>();
  auto wt = weight.accessor<float, 4>();
  auto b = bias.accessor<float, 1>();
  auto o = out.accessor<float, 4>();
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t ch = 0; ch < outChannels; ++ch) {
      for (int64_t y = 0; y < oh; ++y) {
        for (int64_t x = 0; x < ow; ++x) {
          double acc = b[ch];
          for (int64_t ky = 0; ky < k; ++ky) {
            for (int64_t kx = 0; kx < k; ++kx) {
              const int64_t iy = y * stride - pad + ky, ix = x * stride - pad + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                acc += wt[ch][0][ky][kx] * in[i][ch / m][iy][ix];
            }
          }
          o[i][ch][y][x] = static_cast<float>(relu && acc < 0 ? 0 : acc);
        }
      }
    }
  }
  return out;
}

TEST(DepthwiseConv, EqualsThePlainReferenceAndLibTorch) {
  torch::manual_seed(7);
  struct Case {
    int64_t batch, channels, multiplier, height, width, kernel, stride, kept;
    bool relu;
  };
  const Case cases[] = {{1, 24, 1, 112, 112, 3, 1, 24, true}, {2, 5, 1, 9, 13, 5, 2, 5, false},
                        {1, 7, 2, 11, 10, 3, 1, 13, true},    {1, 8, 1, 7, 7, 5, 2, 8, false},
                        {1, 3, 3, 6, 5, 7, 1, 9, true},       {1, 4, 1, 3, 3, 1, 2, 4, false},
                        {1, 6, 1, 2, 2, 9, 1, 6, true}};
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message()
                 << "C=" << c.channels << " m=" << c.multiplier << " " << c.height << "x" << c.width
                 << " k=" << c.kernel << " s=" << c.stride);
    const torch::Tensor x = torch::randn({c.batch, c.channels, c.height, c.width});
    const torch::Tensor w = torch::randn({c.channels * c.multiplier, 1, c.kernel, c.kernel});
    const torch::Tensor b = torch::randn({c.channels * c.multiplier});
    ASSERT_TRUE(depthwiseConvSupported(w, c.stride));
    const torch::Tensor expected = referenceDepthwise(x, w, b, c.stride, c.relu, c.kept);
    // Written into a channel slice of a bigger tensor, as a Ghost module does.
    torch::Tensor whole =
        torch::full({c.batch, c.kept + 3, expected.size(2), expected.size(3)}, 9.0f);
    torch::Tensor out = whole.narrow(1, 2, c.kept);
    depthwiseConv2d(x, w, b, c.stride, c.relu, out);
    EXPECT_TRUE(torch::allclose(out, expected, 1e-4, 1e-4));
    EXPECT_TRUE(torch::all(whole.narrow(1, 0, 2) == 9.0f).item<bool>());  // neighbours untouched
    torch::Tensor libtorch =
        torch::conv2d(x, w, b, c.stride, c.kernel / 2, 1, c.channels).narrow(1, 0, c.kept);
    if (c.relu) libtorch = torch::relu(libtorch);
    EXPECT_TRUE(torch::allclose(out, libtorch, 1e-4, 1e-4));
  }
}

TEST(DepthwiseConv, RefusesWhatItCannotRun) {
  const torch::Tensor x = torch::randn({1, 4, 8, 8});
  torch::Tensor out = torch::empty({1, 4, 8, 8});
  EXPECT_FALSE(depthwiseConvSupported(torch::randn({4, 1, 2, 2}), 1));  // even kernel
  EXPECT_FALSE(depthwiseConvSupported(torch::randn({4, 1, 3, 3}), 3));  // stride 3
  EXPECT_FALSE(depthwiseConvSupported(torch::randn({4, 2, 3, 3}), 1));  // not depthwise
  EXPECT_THROW(depthwiseConv2d(x, torch::randn({4, 1, 3, 3}), torch::randn({4}), 2, false, out),
               c10::Error);  // out of the wrong size
  torch::Tensor strided = torch::empty({1, 4, 8, 16}).narrow(3, 0, 8);
  EXPECT_THROW(depthwiseConv2d(x, torch::randn({4, 1, 3, 3}), torch::randn({4}), 1, false, strided),
               c10::Error);  // rows not contiguous
}

}  // namespace
}  // namespace ghostlens
