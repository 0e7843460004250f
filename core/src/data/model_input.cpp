#include "ghostlens/data/model_input.h"

#include <torch/torch.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/image_header.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

constexpr int64_t kImageNetCrop = 224;
constexpr int64_t kImageNetResize = 256;

/// torchvision's evaluation transform, Resize(256) then CenterCrop(224): the shorter side to
/// 256 with the longer one truncated as torchvision does, antialiased bilinear (what PIL does
/// when it shrinks), then the centre 224 x 224. @param x [1, C, H, W]
torch::Tensor resizeAndCenterCrop(const torch::Tensor& x) {
  const int64_t h = x.size(2), w = x.size(3);
  const int64_t outH = h <= w ? kImageNetResize : kImageNetResize * h / w;
  const int64_t outW = h <= w ? kImageNetResize * w / h : kImageNetResize;
  const torch::Tensor resized =
      at::_upsample_bilinear2d_aa(x, at::IntArrayRef{outH, outW}, /*align_corners=*/false);
  const int64_t top = std::llround((outH - kImageNetCrop) / 2.0);
  const int64_t left = std::llround((outW - kImageNetCrop) / 2.0);
  return resized.narrow(2, top, kImageNetCrop).narrow(3, left, kImageNetCrop).contiguous();
}

}  // namespace

bool usesImageNetTransform(const ModelSpec& spec) {
  return spec.input == std::array<int64_t, 3>{3, kImageNetCrop, kImageNetCrop};
}

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
  if (chw.size(0) != channels) {
    throw InputError("cannot turn a " + std::to_string(chw.size(0)) + "-channel image into " +
                     std::to_string(channels) + " channels");
  }
  torch::Tensor x = chw.unsqueeze(0);
  if (usesImageNetTransform(spec)) {
    x = resizeAndCenterCrop(x);
  } else if (x.size(2) != spec.input[1] || x.size(3) != spec.input[2]) {
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

std::string describePreparation(const InputOrigin& origin, const ModelSpec& spec) {
  const int64_t c = spec.input[0], h = spec.input[1], w = spec.input[2];
  auto kind = [](int64_t channels) {
    return channels == 1   ? std::string("grey")
           : channels == 4 ? std::string("colour with alpha")
                           : std::string("colour");
  };
  std::string text = std::to_string(origin.width) + "x" + std::to_string(origin.height) + " " +
                     kind(origin.channels);
  const bool modelGrey = c == 1;
  if (modelGrey && origin.channels != 1) {
    text += " -> grey";
  } else if (!modelGrey && origin.channels == 1) {
    text += " -> grey in " + std::to_string(c) + " channels";
  } else if (origin.channels == 4) {
    text += " -> alpha dropped";
  } else {
    text += ", channels kept";
  }
  if (usesImageNetTransform(spec)) {
    text += "; shorter side to 256, centre crop " + std::to_string(w) + "x" + std::to_string(h);
  } else if (origin.width == w && origin.height == h) {
    text += "; size kept (" + std::to_string(w) + "x" + std::to_string(h) + ")";
  } else {
    text += "; resized to " + std::to_string(w) + "x" + std::to_string(h);
    const double before = static_cast<double>(origin.width) / static_cast<double>(origin.height);
    const double after = static_cast<double>(w) / static_cast<double>(h);
    if (std::abs(before - after) > 0.01 * after) {
      char aspect[64];
      std::snprintf(aspect, sizeof aspect, ", aspect %.2f squashed to %.2f", before, after);
      text += aspect;
    }
  }
  return text;
}

namespace {

/// Runs `work` with the process's stderr sent to a temporary file and returns what was written
/// there. libpng, inside OpenCV, prints its warnings ("iCCP: known incorrect sRGB profile") and
/// errors to stderr itself, where our errors are promised as one line. Decodes are serialised
/// while stderr is taken.
std::string withStderrCaptured(const std::function<void()>& work) {
  static std::mutex taken;
  const std::lock_guard<std::mutex> lock(taken);
  std::unique_ptr<FILE, int (*)(FILE*)> capture(std::tmpfile(), std::fclose);
  const int saved = capture ? ::dup(STDERR_FILENO) : -1;
  if (saved < 0) {
    work();  // no temporary file: the chatter is shown rather than the image refused
    return {};
  }
  std::fflush(stderr);
  ::dup2(::fileno(capture.get()), STDERR_FILENO);
  struct Restore {
    int saved;
    ~Restore() {
      std::fflush(stderr);
      ::dup2(saved, STDERR_FILENO);
      ::close(saved);
    }
  } restore{saved};
  work();
  std::fflush(stderr);
  std::string text(4096, '\0');
  std::rewind(capture.get());
  text.resize(std::fread(text.data(), 1, text.size(), capture.get()));
  return text;
}

/// The last line of the decoder's output that says something ("libpng error: Read Error").
std::string lastLine(const std::string& text) {
  std::string last;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    if (end > begin) last = text.substr(begin, end - begin);
    begin = end + 1;
  }
  return last;
}

}  // namespace

torch::Tensor loadImageInput(const std::string& path, const ModelSpec& spec, InputOrigin* origin) {
  if (!std::filesystem::is_regular_file(path)) {
    throw InputError("no such image file: " + path);
  }
  if (std::filesystem::file_size(path) == 0) throw InputError("empty image file: " + path);
  checkImagePixels(path);
  cv::Mat image;
  std::string decoderSaid;
  try {
    decoderSaid = withStderrCaptured([&] { image = cv::imread(path, cv::IMREAD_UNCHANGED); });
  } catch (const cv::Exception& e) {
    // OpenCV asserts on some damaged headers instead of returning nothing (found by fuzzing).
    throw InputError("not a readable image: " + path + " (" + e.err + ")");
  }
  if (image.empty()) {
    const std::string reason = lastLine(decoderSaid);
    throw InputError("not a readable image: " + path + (reason.empty() ? "" : " (" + reason + ")"));
  }
  if (origin != nullptr) *origin = {image.cols, image.rows, image.channels()};
  double scale = 1.0 / 255.0;
  if (image.depth() == CV_16U)
    scale = 1.0 / 65535.0;
  else if (image.depth() != CV_8U)
    throw InputError("unsupported pixel depth: " + path);
  if (image.channels() == 3)
    cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
  else if (image.channels() == 4)
    cv::cvtColor(image, image, cv::COLOR_BGRA2RGBA);
  else if (image.channels() != 1)
    throw InputError("unsupported channel count: " + path);
  cv::Mat scaled;
  image.convertTo(scaled, CV_32F, scale);
  const torch::Tensor hwc =
      torch::from_blob(scaled.data, {scaled.rows, scaled.cols, scaled.channels()}, torch::kFloat32)
          .clone();
  return prepareImage(hwc, spec);
}

torch::Tensor fashionMnistInput(const std::string& directory, int64_t index,
                                const ModelSpec& spec) {
  return fashionMnistInput(FashionMnist(directory, FashionMnist::Split::Test), index, spec);
}

torch::Tensor fashionMnistInput(const FashionMnist& testSet, int64_t index, const ModelSpec& spec) {
  if (index < 0 || index >= testSet.size()) {
    throw InputError("Fashion-MNIST index " + std::to_string(index) + " out of range [0, " +
                     std::to_string(testSet.size()) + ")");
  }
  const torch::Tensor hwc = testSet.images()[index].unsqueeze(2).to(torch::kFloat32) / 255.0;
  return prepareImage(hwc, spec);
}

}  // namespace ghostlens

namespace ghostlens {

RgbImage inputPicture(const torch::Tensor& input, const ModelSpec& spec) {
  TORCH_CHECK(input.dim() == 4 && input.size(0) >= 1, "inputPicture: input must be [N, C, H, W]");
  torch::Tensor x = input[0].to(torch::kFloat32);  // [C, H, W]
  const int64_t channels = spec.input[0];
  if (channels == 1) {
    x = x * FashionMnist::kStd + FashionMnist::kMean;
  } else if (channels == 3) {
    x = x * torch::tensor({0.229f, 0.224f, 0.225f}).view({3, 1, 1}) +
        torch::tensor({0.485f, 0.456f, 0.406f}).view({3, 1, 1});
  } else {
    x = x * 0.5 + 0.5;
  }
  x = x.size(0) >= 3 ? x.narrow(0, 0, 3) : x.narrow(0, 0, 1).expand({3, x.size(1), x.size(2)});
  const torch::Tensor hwc =
      (x.clamp(0.0, 1.0) * 255.0).round().to(torch::kUInt8).permute({1, 2, 0}).contiguous();
  RgbImage picture;
  picture.height = static_cast<int>(hwc.size(0));
  picture.width = static_cast<int>(hwc.size(1));
  picture.rgb.assign(hwc.data_ptr<uint8_t>(), hwc.data_ptr<uint8_t>() + hwc.numel());
  return picture;
}

torch::Tensor prepareInput(const InputSource& source, const ModelSpec& spec, InputOrigin* origin,
                           const FashionMnist* testSet) {
  switch (source.kind) {
    case InputSource::Kind::FashionMnist:
      if (origin != nullptr) *origin = {28, 28, 1};  // the IDX files' images; checked on reading
      if (testSet != nullptr) return fashionMnistInput(*testSet, source.index, spec);
      return fashionMnistInput(
          source.directory.empty() ? FashionMnist::kDefaultDirectory : source.directory,
          source.index, spec);
    case InputSource::Kind::ImageFile:
      return loadImageInput(source.path, spec, origin);
    case InputSource::Kind::Pixels: {
      if (source.width < 1 || source.height < 1 ||
          static_cast<int64_t>(source.rgb.size()) != source.width * source.height * 3) {
        throw InputError("the pasted picture's pixels do not fill its size");
      }
      if (origin != nullptr) *origin = {source.width, source.height, 3};
      const torch::Tensor hwc = torch::from_blob(const_cast<uint8_t*>(source.rgb.data()),
                                                 {source.height, source.width, 3}, torch::kUInt8);
      return prepareImage(hwc.to(torch::kFloat32) / 255.0, spec);
    }
  }
  throw InputError("unknown input source");
}

}  // namespace ghostlens
