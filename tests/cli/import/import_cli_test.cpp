// ghostlens-cli predict and analyze on weight files of Debian's python3-torch and
// python3-torchvision (made at test time by tests/data/make_import_fixtures.py), and on files
// that are not what they claim.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "../cli_runner.h"

namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = GHOSTLENS_IMPORT_FIXTURES;

nlohmann::json readJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

/// The logits PyTorch computed, from the .npy the fixture script wrote (float32, [1, N]).
std::vector<float> referenceLogits(const std::string& name) {
  std::ifstream in(kFixtures / (name + ".logits.npy"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t header =
      10 + (static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8);
  std::vector<float> values((bytes.size() - header) / 4);
  std::memcpy(values.data(), bytes.data() + header, values.size() * 4);
  return values;
}

TEST(PredictCli, LogitsOfEveryFormatEqualPyTorchs) {
  const fs::path json = fs::temp_directory_path() / "ghostlens_predict_import.json";
  for (const auto& [file, format, reference] :
       {std::tuple{"resnet50_zip.pth", "pytorch-zip", "resnet50"},
        std::tuple{"resnet50_legacy.pth", "pytorch-legacy", "resnet50"},
        std::tuple{"ghostnet.safetensors", "safetensors", "ghostnet"},
        std::tuple{"ghostnet_checkpoint.pth.tar", "pytorch-zip", "ghostnet"}}) {
    const std::string input = (kFixtures / (std::string(reference) + ".input.npy")).string();
    const RunResult r = runCli("--threads 2 predict --weights " + (kFixtures / file).string() +
                               " --tensor " + input + " --json " + json.string());
    ASSERT_EQ(r.exitCode, 0) << file << ": " << r.err;
    const nlohmann::json report = readJson(json);
    EXPECT_EQ(report.at("format"), format) << file;
    EXPECT_EQ(report.at("model"), std::string(reference) == "resnet50" ? "resnet50" : "ghostnet");
    const std::vector<float> expected = referenceLogits(reference);
    ASSERT_EQ(report.at("logits").size(), expected.size());
    double scale = 0, error = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      scale = std::max(scale, std::abs(double(expected[i])));
      error = std::max(error, std::abs(report.at("logits")[i].get<double>() - expected[i]));
    }
    EXPECT_LE(error / scale, 1e-4) << file;
    ASSERT_EQ(report.at("top").size(), 5u);
    EXPECT_FALSE(report.at("top")[0].at("label").get<std::string>().empty());
  }
  fs::remove(json);
}

TEST(PredictCli, AnImageOfAnySizeGoesThroughTheImageNetTransform) {
  const RunResult r = runCli("predict --weights " + (kFixtures / "resnet50_zip.pth").string() +
                             " --image /usr/share/doc/opencv-doc/examples/data/HappyFish.jpg");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);
}

TEST(AnalyzeCli, TakesAnyWeightsFileAndUsesPyTorchsLayerNames) {
  const fs::path json = fs::temp_directory_path() / "ghostlens_analyze_import.json";
  const RunResult r =
      runCli("analyze --weights " + (kFixtures / "ghostnet.safetensors").string() + " --tensor " +
             (kFixtures / "ghostnet.input.npy").string() +
             " --layers conv_stem,blocks.3.0,blocks.3.0.ghost1 --json " + json.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json report = readJson(json);
  ASSERT_EQ(report.at("layers").size(), 3u);
  EXPECT_EQ(report.at("layers")[0].at("name"), "conv_stem");
  EXPECT_EQ(report.at("layers")[1].at("name"), "blocks.3.0.ghost1");
  EXPECT_EQ(report.at("layers")[1].at("type"), "GhostModule");
  EXPECT_EQ(report.at("layers")[2].at("name"), "blocks.3.0");
  EXPECT_EQ(report.at("layers")[2].at("channels"), 40);
  fs::remove(json);
}

/// Two numbers equal to 1e-5 relative (the zoo's kernels and LibTorch's differ in rounding).
bool close(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return std::abs(x - y) <= 1e-5 * std::max({1.0, std::abs(x), std::abs(y)});
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!close(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object() && a.size() == b.size()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !close(value, b.at(key))) return false;
    }
    return true;
  }
  return a == b;
}

// The official GhostNet layout's weights as a state dict (read into the zoo's GhostNet) and as a
// torch.jit.trace file (run by LibTorch): analyze gives the same report for every layer both
// tap, pairs and dead maps included.
TEST(AnalyzeCli, ATorchScriptFileGivesWhatItsWeightsGiveInTheZoo) {
  const fs::path folder = kFixtures / "torchscript";
  const fs::path zooJson = fs::temp_directory_path() / "ghostlens_analyze_zoo.json";
  const fs::path scriptJson = fs::temp_directory_path() / "ghostlens_analyze_script.json";
  const std::string input = " --tensor " + (folder / "ghostnet.input.npy").string() + " --json ";
  const RunResult zoo = runCli("analyze --weights " + (folder / "ghostnet.state.pth").string() +
                               input + zooJson.string());
  ASSERT_EQ(zoo.exitCode, 0) << zoo.err;
  const RunResult script = runCli("analyze --weights " + (folder / "ghostnet.trace.pt").string() +
                                  input + scriptJson.string());
  ASSERT_EQ(script.exitCode, 0) << script.err;
  std::map<std::string, nlohmann::json> scripted;
  const nlohmann::json scriptReport = readJson(scriptJson), zooReport = readJson(zooJson);
  for (const nlohmann::json& layer : scriptReport.at("layers")) {
    scripted.emplace(layer.at("name").get<std::string>(), layer);
  }
  int common = 0;
  for (const nlohmann::json& layer : zooReport.at("layers")) {
    const auto found = scripted.find(layer.at("name").get<std::string>());
    if (found == scripted.end()) continue;
    ++common;
    EXPECT_TRUE(close(layer, found->second)) << "zoo:\n"
                                             << layer.dump(1) << "\nTorchScript:\n"
                                             << found->second.dump(1);
  }
  // conv_stem, the 16 bottlenecks, their 32 Ghost modules and the head at least.
  EXPECT_GE(common, 50);
  std::printf("%d layers in both reports, %zu tapped in the TorchScript file\n", common,
              scripted.size());
  fs::remove(zooJson);
  fs::remove(scriptJson);
}

// stats --weights on torchvision's models as TorchScript files: params exactly torchvision's
// documented counts, MACs its GFLOPS (multiply-accumulates there) within 2%, at 3x224x224.
TEST(StatsCli, CountsAnyTorchScriptModel) {
  for (const auto& [model, params, gmacs] :
       {std::tuple{"resnet50", 25557032, 4.09}, std::tuple{"mobilenet_v3_large", 5483032, 0.22},
        std::tuple{"efficientnet_b0", 5288548, 0.39}, std::tuple{"convnext_tiny", 28589128, 4.46},
        std::tuple{"regnet_y_400mf", 4344144, 0.40}}) {
    const std::string file =
        (kFixtures / "torchscript" / (std::string(model) + ".trace.pt")).string();
    const RunResult r = runCli("stats --weights " + file + " --json");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json json = nlohmann::json::parse(r.out);
    EXPECT_EQ(json.at("params").get<int64_t>(), params) << model;
    EXPECT_NEAR(json.at("macs").get<double>() / 1e9, gmacs, 0.02 * gmacs) << model;
    EXPECT_TRUE(json.at("ratio").is_null()) << model;
    EXPECT_EQ(json.at("classes"), 1000) << model;
    std::printf("%s: %lld params, %.3f GMACs\n", model,
                static_cast<long long>(json.at("params").get<int64_t>()),
                json.at("macs").get<double>() / 1e9);
  }
}

TEST(AnalyzeCli, OneEntryDictOfActivations) {
  const RunResult r =
      runCli("analyze --activations " + (kFixtures / "one_entry_activations.pt").string());
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("maps"), std::string::npos);
}

class HostileCli : public ::testing::TestWithParam<std::string> {};

TEST_P(HostileCli, ExitsTwoWithOneLineAndRunsNothing) {
  for (const std::string command : {"predict", "analyze", "evaluate --fmnist-test --limit 1 "}) {
    const RunResult r = runCli(command + " --weights " + (kFixtures / GetParam()).string());
    EXPECT_EQ(r.exitCode, 2) << command << " " << GetParam() << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(GetParam()), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(GHOSTLENS_IMPORT_MARKER)) << "a payload ran";
    EXPECT_FALSE(fs::exists(kFixtures / "torchscript" / "payload-ran")) << "TorchScript wrote";
  }
}

INSTANTIATE_TEST_SUITE_P(Files, HostileCli,
                         ::testing::Values("payload_zip.pth", "payload_legacy.pth",
                                           "truncated_zip.pth", "truncated_legacy.pth", "empty.pth",
                                           "short_storage.pth", "lying_count_legacy.pth",
                                           "huge_header.safetensors",
                                           "offsets_past_end.safetensors", "document.pth",
                                           "deep.pth", "huge.pth", "missing_key.pth",
                                           "misshaped_key.pth", "torchscript/writes_file.pt",
                                           "torchscript/writes_file_while_loading.pt",
                                           "torchscript/writes_file_spaced.pt"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
