// Activations saved by Python (tests/data/make_activation_fixtures.py) read back exactly.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/analysis/similarity.h"
#include "ghostlens/data/activation_file.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {
namespace {

std::string fixture(const std::string& name) {
  return std::string(GHOSTLENS_TEST_DATA) + "/" + name;
}

TEST(ActivationFile, ReadsATorchSaveDictInOrder) {
  const auto layers = loadActivations(fixture("activations_dict.pt"));
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].name, "stem");
  EXPECT_EQ(layers[0].maps.sizes(), (std::vector<int64_t>{1, 4, 6, 6}));
  EXPECT_EQ(layers[1].name, "block1");
  EXPECT_EQ(layers[1].maps.sizes(), (std::vector<int64_t>{2, 3, 5, 5}));
  // The planted affine copy is there, so the values are the saved ones.
  const torch::Tensor stem = layers[0].maps[0];
  EXPECT_TRUE(torch::allclose(stem[1], stem[0] * 2.0 + 0.5, 1e-6, 1e-6));
  EXPECT_EQ(findRedundancy(pearsonMatrix(stem), 0.999).pairs.size(), 1u);
}

TEST(ActivationFile, PtTensorAndNpyAgree) {
  const auto pt = loadActivations(fixture("activations_tensor.pt"));
  const auto npy = loadActivations(fixture("activations_f32.npy"));
  ASSERT_EQ(pt.size(), 1u);
  ASSERT_EQ(npy.size(), 1u);
  EXPECT_EQ(npy[0].name, "activations");
  EXPECT_TRUE(torch::equal(pt[0].maps, npy[0].maps));
  const auto f64 = loadActivations(fixture("activations_f64.npy"));
  EXPECT_EQ(f64[0].maps.sizes(), (std::vector<int64_t>{2, 3, 5, 5}));
  EXPECT_EQ(f64[0].maps.scalar_type(), torch::kFloat32);
}

TEST(ActivationFile, RejectsBadFilesWithTheirName) {
  auto expectRejected = [](const std::string& path, const std::string& says) {
    try {
      loadActivations(path);
      ADD_FAILURE() << "accepted " << path;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  expectRejected(fixture("activations_nan.npy"), "NaN");
  expectRejected(fixture("activations_rank2.npy"), "2 dims");
  expectRejected(fixture("corrupt.png"),
                 "not a PyTorch (zip or legacy), safetensors or GhostLens file");
  expectRejected(fixture("missing.npy"), "no such");
  // 2^36 values in a few hundred bytes: refused before anything is converted.
  expectRejected(fixture("activations_expanded.pt"),
                 "'huge' of shape [16, 4096, 1024, 1024] is too large");
  const auto dir = std::filesystem::temp_directory_path();
  const auto empty = (dir / "ghostlens_empty.npy").string();
  std::ofstream(empty).close();
  expectRejected(empty, "empty");
  // Truncated copies of good files.
  for (const char* name : {"activations_f32.npy", "activations_dict.pt"}) {
    std::ifstream in(fixture(name), std::ios::binary);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto cut = (dir / (std::string("ghostlens_cut_") + name)).string();
    std::ofstream(cut, std::ios::binary) << all.substr(0, all.size() - 40);
    expectRejected(cut, "ghostlens_cut_");
    std::filesystem::remove(cut);
  }
  std::filesystem::remove(empty);
}

// Issue 16, item 3: more channels than the analysis can pair (its C x C matrix) is refused.
TEST(ActivationFile, RefusesMoreChannelsThanTheAnalysisCanPair) {
  const auto path = (std::filesystem::temp_directory_path() / "ghostlens_wide.npy").string();
  const int64_t channels = kMaxActivationChannels + 1;
  std::string header = "{'descr': '<f2', 'fortran_order': False, 'shape': (1, " +
                       std::to_string(channels) + ", 1, 1), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ').push_back('\n');
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes.push_back(static_cast<char>(header.size() & 0xff));
  bytes.push_back(static_cast<char>(header.size() >> 8));
  bytes += header + std::string(static_cast<size_t>(channels) * 2, '\0');
  std::ofstream(path, std::ios::binary) << bytes;
  try {
    loadActivations(path);
    ADD_FAILURE() << "accepted " << channels << " channels";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("8192 channels"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ghostlens
