// Image files of every kind OpenCV reads become the model's input shape and scale.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/image_header.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

class ImageFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ghostlens_img_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const cv::Mat& image) {
    const std::string path = (dir_ / name).string();
    EXPECT_TRUE(cv::imwrite(path, image));
    return path;
  }
  fs::path dir_;
};

TEST_F(ImageFiles, GrayRgbRgbaAnd16BitBecomeTheModelInput) {
  ModelSpec gray = ModelSpec::defaults(Architecture::Vgg16);
  gray.input = {1, 28, 28};
  ModelSpec rgb = ModelSpec::defaults(Architecture::Vgg16);  // 3 x 32 x 32

  // A white image: after scaling to [0, 1] every pixel is 1, then normalised.
  const double grayWhite = (1.0 - FashionMnist::kMean) / FashionMnist::kStd;
  const std::vector<std::pair<std::string, cv::Mat>> images = {
      {"gray8.png", cv::Mat(40, 50, CV_8UC1, cv::Scalar(255))},
      {"gray16.png", cv::Mat(40, 50, CV_16UC1, cv::Scalar(65535))},
      {"bgr8.png", cv::Mat(40, 50, CV_8UC3, cv::Scalar(255, 255, 255))},
      {"bgra8.png", cv::Mat(40, 50, CV_8UC4, cv::Scalar(255, 255, 255, 128))},
      {"bgr16.tiff", cv::Mat(40, 50, CV_16UC3, cv::Scalar(65535, 65535, 65535))}};
  for (const auto& [name, image] : images) {
    const std::string path = write(name, image);
    const torch::Tensor g = loadImageInput(path, gray);
    EXPECT_EQ(g.sizes(), (std::vector<int64_t>{1, 1, 28, 28})) << name;
    EXPECT_NEAR(g.mean().item<double>(), grayWhite, 1e-4) << name;
    const torch::Tensor c = loadImageInput(path, rgb);
    EXPECT_EQ(c.sizes(), (std::vector<int64_t>{1, 3, 32, 32})) << name;
    // ImageNet normalisation of a white pixel, per channel.
    EXPECT_NEAR(c[0][0].mean().item<double>(), (1.0 - 0.485) / 0.229, 1e-4) << name;
    EXPECT_NEAR(c[0][2].mean().item<double>(), (1.0 - 0.406) / 0.225, 1e-4) << name;
  }
}

TEST_F(ImageFiles, ChannelOrderIsRgb) {
  ModelSpec rgb = ModelSpec::defaults(Architecture::Vgg16);
  // OpenCV stores BGR: a pure red image is (0, 0, 255) there and must reach channel 0.
  const std::string path = write("red.png", cv::Mat(32, 32, CV_8UC3, cv::Scalar(0, 0, 255)));
  const torch::Tensor x = loadImageInput(path, rgb);
  EXPECT_NEAR(x[0][0].mean().item<double>(), (1.0 - 0.485) / 0.229, 1e-4);
  EXPECT_NEAR(x[0][2].mean().item<double>(), (0.0 - 0.406) / 0.225, 1e-4);
}

// Issue 13, defect 4: what was done to a picture is said, not only done.
// Issue 16, item 3: the header's size is read without decoding, and a decompression bomb is
// refused before the decoder allocates it.
TEST_F(ImageFiles, HeaderSizesMatchTheDecoderAndBombsAreRefusedBeforeDecoding) {
  const cv::Mat picture(23, 37, CV_8UC3, cv::Scalar(10, 200, 30));
  for (const char* name : {"a.png", "a.jpg", "a.bmp"}) {
    const std::string path = write(name, picture);
    const auto size = imageSizeFromHeader(path);
    ASSERT_TRUE(size.has_value()) << name;
    EXPECT_EQ(size->width, 37) << name;
    EXPECT_EQ(size->height, 23) << name;
    EXPECT_NO_THROW(checkImagePixels(path)) << name;
  }
  // A PNG whose header says 30000x30000: signature and IHDR (with its CRC), no pixels needed.
  std::vector<unsigned char> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
                                 0,    0,   0,   13,  'I',  'H',  'D',  'R'};
  const unsigned char ihdr[] = {0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 0, 0, 0, 0};
  png.insert(png.end(), std::begin(ihdr), std::end(ihdr));
  const uLong crc = crc32(crc32(0L, png.data() + 12, 4), ihdr, sizeof ihdr);
  for (int shift = 24; shift >= 0; shift -= 8) png.push_back((crc >> shift) & 0xFF);
  const std::string bomb = (dir_ / "bomb.png").string();
  {
    std::ofstream out(bomb, std::ios::binary);
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  }
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.input = {1, 28, 28};
  try {
    loadImageInput(bomb, spec);
    ADD_FAILURE() << "a 30000x30000 image was not refused";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("30000x30000"), std::string::npos) << message;
    EXPECT_NE(message.find(bomb), std::string::npos) << message;
  }
}

TEST(InputPreparation, SaysWhatBecameOfThePicture) {
  ModelSpec small = ModelSpec::defaults(Architecture::Vgg16);
  small.input = {1, 28, 28};
  const std::string photo = describePreparation({451, 300, 3}, small);
  EXPECT_EQ(photo, "451x300 colour -> grey; resized to 28x28, aspect 1.50 squashed to 1.00");
  EXPECT_EQ(describePreparation({28, 28, 1}, small),
            "28x28 grey, channels kept; size kept (28x28)");
  const ModelSpec imagenet = ModelSpec::defaults(Architecture::ResNet50);
  EXPECT_EQ(describePreparation({28, 28, 1}, imagenet),
            "28x28 grey -> grey in 3 channels; shorter side to 256, centre crop 224x224");
  EXPECT_EQ(describePreparation({640, 480, 4}, imagenet),
            "640x480 colour with alpha -> alpha dropped; shorter side to 256, centre crop 224x224");
  InputOrigin origin;
  const torch::Tensor x =
      prepareInput(InputSource::pixels(5, 4, std::vector<uint8_t>(5 * 4 * 3, 100)), small, &origin);
  EXPECT_EQ(origin.width, 5);
  EXPECT_EQ(origin.height, 4);
  EXPECT_EQ(origin.channels, 3);
  EXPECT_EQ(x.sizes(), (std::vector<int64_t>{1, 1, 28, 28}));
}

}  // namespace
}  // namespace ghostlens
