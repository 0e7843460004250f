// ghostlens-cli profile, and --deploy on predict and analyze (issue 14).
#include <gtest/gtest.h>

#include <utility>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace {

const std::string kResources = GHOSTLENS_RESOURCES;

nlohmann::json runJson(const std::string& args) {
  const RunResult r = runCli(args);
  EXPECT_EQ(r.exitCode, 0) << args << "\n" << r.err;
  return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

// The documented keys; the rows' MACs are stats' MACs; the rows' times add up to the whole
// forward pass (within 15%), so no part of the pass is lost or counted twice. The sum of the
// rows' medians leaves out a run's preemptions while the whole pass's median keeps them when most
// runs were preempted, so a busy machine can push the two apart: up to three tries.
TEST(ProfileCli, JsonHasTheDocumentedFieldsAndTheRowsAddUp) {
  for (const bool deploy : {false, true}) {
    SCOPED_TRACE(deploy ? "deploy" : "plain");
    const std::string model = "--model ghostnet --width 0.5 --input 3,128,128";
    double sum = 0, median = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
      const auto json = runJson("--threads 1 profile " + model + " --repeat 20 --json -" +
                                (deploy ? " --deploy" : ""));
      ASSERT_FALSE(json.empty());
      EXPECT_EQ(json.at("model"), "ghostnet");
      EXPECT_EQ(json.at("threads"), 1);
      EXPECT_EQ(json.at("deploy"), deploy);
      const auto& forward = json.at("forward_ms");
      median = forward.at("median");
      EXPECT_LE(forward.at("min").get<double>(), median);
      EXPECT_GE(forward.at("max").get<double>(), median);
      EXPECT_GT(json.at("peak_activation_bytes").get<int64_t>(), 0);
      sum = 0;
      int64_t macs = 0, largestOutput = 0;
      for (const auto& layer : json.at("layers")) {
        for (const char* key : {"name", "type", "macs", "params", "latency_ms", "output_bytes",
                                "bytes_moved", "intensity"}) {
          ASSERT_TRUE(layer.contains(key)) << key;
        }
        sum += layer.at("latency_ms").get<double>();
        macs += layer.at("macs").get<int64_t>();
        largestOutput = std::max(largestOutput, layer.at("output_bytes").get<int64_t>());
        if (layer.at("macs").get<int64_t>() > 0) {
          EXPECT_NEAR(layer.at("intensity").get<double>(),
                      layer.at("macs").get<double>() / layer.at("bytes_moved").get<double>(), 1e-9);
        }
      }
      // The largest output is alive at least once during the pass.
      EXPECT_GE(json.at("peak_activation_bytes").get<int64_t>(), largestOutput);
      EXPECT_EQ(macs, runJson("stats " + model + " --json").at("macs").get<int64_t>());
      std::printf("%s, try %d: forward %.3f ms, rows %.3f ms\n", deploy ? "deploy" : "plain",
                  attempt + 1, median, sum);
      if (std::abs(sum - median) <= 0.15 * median) break;
    }
    EXPECT_NEAR(sum, median, 0.15 * median) << "rows " << sum << " ms, forward " << median;
  }
}

// Timed here because this executable's tests run alone (RUN_SERIAL): with other processes on the
// two cores, each of LibTorch's parallel regions can wait a time slice for its second thread.
TEST(AdviseCli, SixtyFourImagesOnTheShippedVggInUnderAMinuteAtTwoThreads) {
  const std::string plan = (std::filesystem::temp_directory_path() /
                            ("ghostlens_advise64_" + std::to_string(::getpid()) + ".json"))
                               .string();
  const RunResult r = runCli("--threads 2 advise --weights " + kResources +
                             "/models/vgg16_w0.25_vanilla.pt --images 64 --json " + plan);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_LT(r.seconds, 60.0);
  EXPECT_NE(r.out.find("over 64 Fashion-MNIST test images"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(plan));
  std::filesystem::remove(plan);
}

TEST(ProfileCli, BadFlagsExitTwoWithOneLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"profile --repeat 0", "--repeat: Value 0 not in range 1 to 100000"},
      {"profile --model nosuchnet",
       "--model: nosuchnet not in {ghostnet,vgg16,resnet56,resnet50,mobilenetv2}"},
      {"profile --weights /nonexistent.pt", "--weights: no such file: /nonexistent.pt"},
      {"profile --threads 0", "--threads: Value 0 not in range 1 to 256"}};
  for (const auto& [args, reason] : cases) {
    const RunResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_EQ(r.err, std::string("ghostlens-cli: ") + reason + "\n") << args;
  }
}

// Deploy mode changes how the model runs, not what it computes: the shipped ghost model's logits
// within 1e-4, and every layer's redundancy and pair scores.
TEST(DeployCli, PredictAndAnalyzeGiveThePlainResults) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string weights = kResources + "/models/vgg16_w0.25_s2_d3.pt";
  std::vector<double> logits[2];
  nlohmann::json layers[2];
  for (int deploy = 0; deploy < 2; ++deploy) {
    const auto predicted = dir / ("ghostlens_deploy_predict_" + std::to_string(deploy) + ".json");
    const auto analyzed = dir / ("ghostlens_deploy_analyze_" + std::to_string(deploy) + ".json");
    const std::string flag = deploy ? " --deploy" : "";
    ASSERT_EQ(
        runCli("predict --weights " + weights + " --fmnist 3 --json " + predicted.string() + flag)
            .exitCode,
        0);
    ASSERT_EQ(runCli("analyze --json " + analyzed.string() + flag).exitCode, 0);
    logits[deploy] =
        nlohmann::json::parse(slurp(predicted)).at("logits").get<std::vector<double>>();
    layers[deploy] = nlohmann::json::parse(slurp(analyzed)).at("layers");
    std::filesystem::remove(predicted);
    std::filesystem::remove(analyzed);
  }
  ASSERT_EQ(logits[0].size(), 10u);
  double scale = 0;
  for (const double v : logits[0]) scale = std::max(scale, std::abs(v));
  for (std::size_t i = 0; i < logits[0].size(); ++i) {
    EXPECT_NEAR(logits[1][i], logits[0][i], 1e-4 * scale);
  }
  ASSERT_EQ(layers[0].size(), layers[1].size());
  for (std::size_t i = 0; i < layers[0].size(); ++i) {
    const auto& a = layers[0][i];
    const auto& b = layers[1][i];
    EXPECT_EQ(a.at("name"), b.at("name"));
    // null for maps too small to compare, in both forms alike
    ASSERT_EQ(a.at("redundancy").is_null(), b.at("redundancy").is_null()) << a.at("name");
    if (!a.at("redundancy").is_null()) {
      EXPECT_NEAR(a.at("redundancy").get<double>(), b.at("redundancy").get<double>(), 1e-6);
    }
    // Maps whose scores tie to float rounding may pair either way; the scores stay the same.
    ASSERT_EQ(a.at("pairs").size(), b.at("pairs").size()) << a.at("name");
    std::vector<double> scores[2];
    for (const auto& pair : a.at("pairs")) scores[0].push_back(pair.at("score"));
    for (const auto& pair : b.at("pairs")) scores[1].push_back(pair.at("score"));
    std::sort(scores[0].begin(), scores[0].end());
    std::sort(scores[1].begin(), scores[1].end());
    for (std::size_t p = 0; p < scores[0].size(); ++p) {
      EXPECT_NEAR(scores[0][p], scores[1][p], 1e-5) << a.at("name");
    }
  }
}

}  // namespace
