// ghostlens-cli predict and evaluate on the shipped trained pair.
#include <gtest/gtest.h>

#include <utility>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;

const std::string kResources = GHOSTLENS_RESOURCES;

nlohmann::json readJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

/// The final test accuracy the shipped sweep (the README's sweep table) records for a run.
double sweepAccuracy(int ratio, int dw) {
  for (const auto& run : readJson(kResources + "/sweep/fashion_mnist_vgg16.json")) {
    if (run.at("ratio") == ratio && run.at("dw") == dw) return run.at("test_accuracy");
  }
  ADD_FAILURE() << "no run with s=" << ratio << " d=" << dw;
  return -1;
}

TEST(EvaluateCli, ReproducesTheShippedPairsRecordedTestAccuracy) {
  const fs::path json = fs::temp_directory_path() / "ghostlens_evaluate.json";
  for (const auto& [file, ratio] :
       {std::pair{"vgg16_w0.25_vanilla.pt", 1}, std::pair{"vgg16_w0.25_s2_d3.pt", 2}}) {
    const RunResult r = runCli("--threads 2 evaluate --weights " + kResources + "/models/" + file +
                               " --fmnist-test --json " + json.string());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json report = readJson(json);
    EXPECT_EQ(report.at("images"), 10000);
    EXPECT_EQ(report.at("format"), "ghostlens");
    EXPECT_NEAR(report.at("top1").get<double>(), 100.0 * sweepAccuracy(ratio, 3), 0.005) << file;
    EXPECT_GE(report.at("top5").get<double>(), report.at("top1").get<double>());
    EXPECT_NE(r.out.find("images/s"), std::string::npos);  // progress while it runs
  }
  fs::remove(json);
}

TEST(PredictCli, TopClassesOfAFashionMnistImageAsTextAndJson) {
  const fs::path json = fs::temp_directory_path() / "ghostlens_predict.json";
  const RunResult r = runCli("predict --weights " + kResources + "/models/vgg16_w0.25_s2_d3.pt" +
                             " --fmnist 0 --top 3 --json " + json.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json report = readJson(json);
  std::set<std::string> keys;
  for (const auto& item : report.items()) keys.insert(item.key());
  EXPECT_EQ(keys, (std::set<std::string>{"model", "weights", "format", "logits", "top"}));
  EXPECT_EQ(report.at("model"), "vgg16");
  EXPECT_EQ(report.at("logits").size(), 10u);
  ASSERT_EQ(report.at("top").size(), 3u);
  // Test image 0 is an ankle boot, which the trained model gets right.
  EXPECT_EQ(report.at("top")[0].at("label"), "Ankle boot");
  EXPECT_EQ(report.at("top")[0].at("index"), 9);
  EXPECT_GT(report.at("top")[0].at("probability").get<double>(),
            report.at("top")[1].at("probability").get<double>());
  // Text: one "label  probability" line per class.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
  EXPECT_EQ(r.out.rfind("Ankle boot  0.", 0), 0u) << r.out;
  fs::remove(json);
}

// Each refusal is one line that names what is wrong: the flag, the file, the value.
TEST(PredictCli, BadInputExitsTwoWithOneLine) {
  const std::string weights = kResources + "/models/vgg16_w0.25_s2_d3.pt";
  const std::string f64 = std::string(GHOSTLENS_TEST_DATA) + "/activations_f64.npy";
  const std::pair<std::string, std::string> cases[] = {
      {"predict --fmnist 0", "--weights is required"},
      {"predict --weights /nonexistent.pth --fmnist 0", "no such file: /nonexistent.pth"},
      {"predict --weights " + weights + " --fmnist 99999",
       "Fashion-MNIST index 99999 out of range [0, 10000)"},
      {"predict --weights " + weights + " --tensor " + f64,
       "--tensor: " + f64 + " is Double, not float32"},
      {"evaluate --weights " + weights, "evaluate needs --fmnist-test or --images DIR"},
      {"evaluate --weights " + weights + " --images /nonexistent",
       "no such directory: /nonexistent"}};
  for (const auto& [args, reason] : cases) {
    const RunResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.err;
    EXPECT_EQ(r.err, "ghostlens-cli: " + reason + "\n") << args;
  }
}

}  // namespace
