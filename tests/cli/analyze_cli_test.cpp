// End-to-end: ghostlens-cli analyze as a user runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;

// scikit-image's chelsea.png carries an sRGB profile libpng calls incorrect ("iCCP: known
// incorrect sRGB profile"). That is decoder chatter, not an error: stderr stays empty.
TEST(AnalyzeCli, APhotoTheDecoderWarnsAboutLeavesStderrEmpty) {
  const RunResult r = runCli(
      "analyze --image /usr/lib/python3/dist-packages/skimage/data/chelsea.png --layers "
      "features.0");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("features.0"), std::string::npos) << r.out;
}

TEST(AnalyzeCli, WritesTheDocumentedJsonAndOneGridPerLayer) {
  const fs::path dir =
      fs::temp_directory_path() / ("ghostlens_analyze_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string json = (dir / "report.json").string();
  fs::create_directories(dir);
  const RunResult r = runCli(
      "analyze --model vgg16 --width 0.25 --input 1,28,28 --fmnist 3 "
      "--metric pearson --threshold 0.8 --json " +
      json + " --png " + (dir / "png").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(json);
  const auto report = nlohmann::json::parse(in);
  EXPECT_EQ(report.at("input"), "fashion-mnist:test:3");
  EXPECT_EQ(report.at("metric"), "pearson");
  EXPECT_EQ(report.at("threshold"), 0.8);
  ASSERT_EQ(report.at("layers").size(), 13u);  // the 13 Ghost modules
  for (const auto& layer : report.at("layers")) {
    for (const char* key : {"name", "channels", "height", "width", "redundancy", "effective_rank",
                            "k95", "implied_ratio", "pairs"}) {
      ASSERT_TRUE(layer.contains(key)) << key;
    }
    EXPECT_TRUE(
        fs::exists(dir / "png" / (std::string(layer.at("name")).replace(8, 1, "_") + ".png")))
        << layer.at("name");
    const bool comparable =
        layer.at("height").get<int64_t>() * layer.at("width").get<int64_t>() >= 16;
    EXPECT_EQ(layer.at("comparable"), comparable);
    if (!comparable) {  // 2x2 maps: nothing to say about spatial redundancy
      EXPECT_TRUE(layer.at("redundancy").is_null());
      EXPECT_TRUE(layer.at("pairs").is_null());
      continue;
    }
    const double redundancy = layer.at("redundancy");
    EXPECT_GE(redundancy, 0.0);
    EXPECT_LE(redundancy, 1.0);
    for (const auto& pair : layer.at("pairs")) {
      EXPECT_GE(pair.at("score").get<double>(), 0.8);
      EXPECT_LT(pair.at("a").get<int64_t>(), layer.at("channels").get<int64_t>());
    }
  }
  fs::remove_all(dir);
}

// Without --weights and model flags, analyze runs the trained pair shipped in resources/.
TEST(AnalyzeCli, DefaultsToTheShippedTrainedPair) {
  const fs::path dir = fs::temp_directory_path() / ("ghostlens_pair_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string json = (dir / "ghost.json").string();
  const RunResult ghost = runCli("analyze --fmnist 1 --layers features.0 --json " + json);
  ASSERT_EQ(ghost.exitCode, 0) << ghost.err;
  std::ifstream inGhost(json);
  const std::string ghostWeights = nlohmann::json::parse(inGhost).at("weights");
  EXPECT_EQ(fs::path(ghostWeights).filename(), "vgg16_w0.25_s2_d3.pt");
  EXPECT_EQ(ghost.out.find("untrained"), std::string::npos) << ghost.out;

  const RunResult vanilla =
      runCli("analyze --ratio 1 --fmnist 1 --layers features.0 --json " + json);
  ASSERT_EQ(vanilla.exitCode, 0) << vanilla.err;
  std::ifstream inVanilla(json);
  const auto report = nlohmann::json::parse(inVanilla);
  EXPECT_EQ(fs::path(report.at("weights").get<std::string>()).filename(), "vgg16_w0.25_vanilla.pt");
  EXPECT_EQ(report.at("layers").at(0).at("channels"), 16);  // width 0.25 of 64

  // A model flag means "this model": untrained, and said so.
  const RunResult other = runCli(
      "analyze --model vgg16 --width 0.125 --input 1,28,28 --fmnist 1 "
      "--layers features.0 --json " +
      json);
  ASSERT_EQ(other.exitCode, 0) << other.err;
  EXPECT_NE(other.out.find("untrained"), std::string::npos) << other.out;
  fs::remove_all(dir);
}

// Dead maps (no variance) are listed, never paired, and left out of the redundancy score: the
// score is the share of live maps that have a live partner. The shipped ghost model's
// features.14 has dead ReLU maps on Fashion-MNIST #0, and under the cheap-op fit a blank map
// would otherwise be "explained" by every map.
TEST(AnalyzeCli, ListsDeadMapsAndLeavesThemOutOfTheScore) {
  const fs::path dir = fs::temp_directory_path() / ("ghostlens_dead_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string json = (dir / "dead.json").string();
  const RunResult r = runCli(
      "analyze --fmnist 1 --metric cheapfit --threshold 0.9 --all-pairs "
      "--layers features.12 --json " +
      json);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(json);
  const auto layer = nlohmann::json::parse(in).at("layers").at(0);
  const auto dead = layer.at("dead").get<std::vector<int64_t>>();
  const auto channels = layer.at("channels").get<int64_t>();
  ASSERT_FALSE(dead.empty());
  ASSERT_LT(static_cast<int64_t>(dead.size()), channels);
  EXPECT_TRUE(std::is_sorted(dead.begin(), dead.end()));
  std::set<int64_t> withPartner;
  for (const auto& pair : layer.at("pairs")) {
    for (const char* side : {"a", "b"}) {
      const auto c = pair.at(side).get<int64_t>();
      EXPECT_FALSE(std::binary_search(dead.begin(), dead.end(), c)) << "dead map " << c;
      withPartner.insert(c);
    }
  }
  const double live = static_cast<double>(channels - static_cast<int64_t>(dead.size()));
  EXPECT_NEAR(layer.at("redundancy").get<double>(), withPartner.size() / live, 1e-12);
  fs::remove_all(dir);
}

TEST(AnalyzeCli, ReadsActivationsSavedByPython) {
  const std::string json =
      (fs::temp_directory_path() / ("ghostlens_act_" + std::to_string(::getpid()) + ".json"))
          .string();
  const RunResult r = runCli("analyze --activations " GHOSTLENS_TEST_DATA
                             "/activations_dict.pt --metric pearson --threshold 0.99 --json " +
                             json);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(json);
  const auto report = nlohmann::json::parse(in);
  EXPECT_EQ(report.at("input"), GHOSTLENS_TEST_DATA "/activations_dict.pt");
  ASSERT_EQ(report.at("layers").size(), 2u);
  EXPECT_EQ(report.at("layers")[0].at("name"), "stem");
  // The fixture plants map 1 as an affine copy of map 0 in each layer.
  for (const auto& layer : report.at("layers")) {
    ASSERT_EQ(layer.at("pairs").size(), 1u) << layer.at("name");
    EXPECT_EQ(layer.at("pairs")[0].at("a"), 0);
    EXPECT_EQ(layer.at("pairs")[0].at("b"), 1);
    EXPECT_NEAR(layer.at("pairs")[0].at("score").get<double>(), 1.0, 1e-5);
  }
  fs::remove(json);
}

struct BadInput {
  const char* args;
  const char* says;
};
std::ostream& operator<<(std::ostream& os, const BadInput& b) { return os << b.args; }

class AnalyzeCliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(AnalyzeCliBadInput, ExitTwoWithOneClearLine) {
  const RunResult r =
      runCli(std::string("analyze --model vgg16 --width 0.25 --input 1,28,28 ") + GetParam().args);
  EXPECT_EQ(r.exitCode, 2) << r.err;
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_NE(r.err.find(GetParam().says), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, AnalyzeCliBadInput,
    ::testing::Values(
        BadInput{"--image /no/such/file.png", "no such image file"},
        BadInput{"--image " GHOSTLENS_TEST_DATA "/corrupt.png", "not a readable image"},
        BadInput{"--threshold 1.5", "--threshold"},
        BadInput{"--layers features.0,nope", "no layer named 'nope'"},
        BadInput{"--metric euclid", "--metric"}, BadInput{"--fmnist 10000", "out of range"},
        BadInput{"--fmnist-dir /nonexistent", "cannot open"},
        BadInput{"--weights " GHOSTLENS_TEST_DATA "/corrupt.png", "--weights"},
        BadInput{"--activations " GHOSTLENS_TEST_DATA "/activations_nan.npy", "NaN"},
        BadInput{"--activations " GHOSTLENS_TEST_DATA "/activations_rank2.npy", "2 dims"},
        BadInput{"--activations /no/such.pt", "no such activations file"},
        BadInput{"--activations " GHOSTLENS_TEST_DATA "/corrupt.png", "not a PyTorch"}),
    [](const ::testing::TestParamInfo<BadInput>& info) {
      return "case" + std::to_string(info.index);
    });

}  // namespace
