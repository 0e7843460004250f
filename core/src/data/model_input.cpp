#include "ghostlens/data/model_input.h"

#include <torch/torch.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"

namespace ghostlens {

torch::Tensor prepareImage(const torch::Tensor& hwc, const ModelSpec& spec) {
  TORCH_CHECK(hwc.dim() == 3, "image must be [H, W, channels]");
  const int64_t channels = spec.input[0];
  torch::Tensor chw = hwc.permute({2, 0, 1}).to(torch::kFloat32);  // [c, H, W]
  if (chw.size(0) == 4) chw = chw.narrow(0, 0, 3);                 // drop alpha
  if (channels == 1 && chw.size(0) == 3) {
    const torch::Tensor w = torch::tensor({0.299f, 0.587f, 0.114f}).view({3, 1, 1});
    chw = (chw * w).sum(0, true);
  } else if (chw.size(0) == 1 && channels > 1) {
    chw = chw.expand({channels, chw.size(1), chw.size(2)});
  }
  TORCH_CHECK(chw.size(0) == channels, "cannot turn a ", chw.size(0), "-channel image into ",
              channels, " channels");
  torch::Tensor x = chw.unsqueeze(0);
  if (x.size(2) != spec.input[1] || x.size(3) != spec.input[2]) {
    x = torch::nn::functional::interpolate(
        x, torch::nn::functional::InterpolateFuncOptions()
               .size(std::vector<int64_t>{spec.input[1], spec.input[2]})
               .mode(torch::kBilinear)
               .align_corners(false));
  }
  if (channels == 1) return (x - FashionMnist::kMean) / FashionMnist::kStd;
  if (channels == 3) {
    const torch::Tensor mean = torch::tensor({0.485f, 0.456f, 0.406f}).view({1, 3, 1, 1});
    const torch::Tensor std = torch::tensor({0.229f, 0.224f, 0.225f}).view({1, 3, 1, 1});
    return (x - mean) / std;
  }
  return (x - 0.5) / 0.5;
}

torch::Tensor loadImageInput(const std::string& path, const ModelSpec& spec) {
  if (!std::filesystem::is_regular_file(path)) {
    throw std::invalid_argument("no such image file: " + path);
  }
  if (std::filesystem::file_size(path) == 0)
    throw std::invalid_argument("empty image file: " + path);
  cv::Mat image = cv::imread(path, cv::IMREAD_UNCHANGED);
  if (image.empty()) throw std::invalid_argument("not a readable image: " + path);
  double scale = 1.0 / 255.0;
  if (image.depth() == CV_16U)
    scale = 1.0 / 65535.0;
  else if (image.depth() != CV_8U)
    throw std::invalid_argument("unsupported pixel depth: " + path);
  if (image.channels() == 3)
    cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
  else if (image.channels() == 4)
    cv::cvtColor(image, image, cv::COLOR_BGRA2RGBA);
  else if (image.channels() != 1)
    throw std::invalid_argument("unsupported channel count: " + path);
  cv::Mat scaled;
  image.convertTo(scaled, CV_32F, scale);
  const torch::Tensor hwc =
      torch::from_blob(scaled.data, {scaled.rows, scaled.cols, scaled.channels()}, torch::kFloat32)
          .clone();
  return prepareImage(hwc, spec);
}

torch::Tensor fashionMnistInput(const std::string& directory, int64_t index,
                                const ModelSpec& spec) {
  const FashionMnist test(directory, FashionMnist::Split::Test);
  if (index < 0 || index >= test.size()) {
    throw std::invalid_argument("Fashion-MNIST index " + std::to_string(index) +
                                " out of range [0, " + std::to_string(test.size()) + ")");
  }
  const torch::Tensor hwc = test.images()[index].unsqueeze(2).to(torch::kFloat32) / 255.0;
  return prepareImage(hwc, spec);
}

}  // namespace ghostlens
