// End-to-end: ghostlens-cli advise writes a plan that train, stats and analyze take; tiny maps are
// null in analyze's JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;

const std::string kVanilla = GHOSTLENS_RESOURCES "/models/vgg16_w0.25_vanilla.pt";

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("ghostlens_advise_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// The 60 s limit at 64 images is timed in profile_cli_test.cpp, which runs alone.
TEST(AdviseCli, WritesTheDocumentedPlanThatStatsTrainAndAnalyzeTake) {
  const std::string plan = scratch("plan.json").string();
  const RunResult r = runCli("--threads 1 advise --weights " + kVanilla +
                             " --images 16 --budget-macs 6148572 --json " + plan);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(slurp(plan));
  for (const char* key : {"model", "width", "input", "target", "macs", "params", "layers"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j.at("model"), "vgg16");
  EXPECT_LE(j.at("macs").get<int64_t>(), 6148572);
  ASSERT_EQ(j.at("layers").size(), 13u);
  for (const auto& layer : j.at("layers")) {
    for (const char* key : {"name", "channels", "k", "s", "d", "r2"}) {
      EXPECT_TRUE(layer.contains(key)) << key;
    }
    const std::string name = layer.at("name");
    if (name == "features.14" || name == "features.15" || name == "features.16") {
      EXPECT_TRUE(layer.at("r2").is_null()) << name;  // 2x2 maps
      EXPECT_EQ(layer.at("s"), 1) << name;
    }
  }

  // stats counts the plan's model: the same MACs the plan states.
  const RunResult stats = runCli("stats --plan " + plan + " --json");
  ASSERT_EQ(stats.exitCode, 0) << stats.err;
  const nlohmann::json counted = nlohmann::json::parse(stats.out);
  EXPECT_EQ(counted.at("macs"), j.at("macs"));
  EXPECT_EQ(counted.at("params"), j.at("params"));
  EXPECT_TRUE(counted.at("plan").is_object());

  // train takes it, and the checkpoint brings the plan back for analyze.
  const std::string ckpt = scratch("plan.ckpt").string();
  const RunResult train =
      runCli("--threads 1 train --plan " + plan +
             " --epochs 1 --batch 64 --train-subset 256 --test-subset 128 --checkpoint " + ckpt +
             " --store " + scratch("runs.sqlite").string());
  ASSERT_EQ(train.exitCode, 0) << train.err;
  EXPECT_NE(train.out.find("plan"), std::string::npos) << train.out;
  const RunResult analyze = runCli("analyze --weights " + ckpt + " --layers features.0");
  EXPECT_EQ(analyze.exitCode, 0) << analyze.err;
  // Exported weights keep the plan: they load into the plan's model, not a uniform one.
  const std::string exported = scratch("plan_weights.pt").string();
  const RunResult exportRun = runCli("export-weights --weights " + ckpt + " --output " + exported);
  ASSERT_EQ(exportRun.exitCode, 0) << exportRun.err;
  const RunResult predict = runCli("predict --weights " + exported + " --fmnist 0 --top 1");
  EXPECT_EQ(predict.exitCode, 0) << predict.err;
  const RunResult runs = runCli("runs --json --store " + scratch("runs.sqlite").string());
  ASSERT_EQ(runs.exitCode, 0) << runs.err;
  const nlohmann::json stored = nlohmann::json::parse(runs.out);
  ASSERT_FALSE(stored.empty());
  EXPECT_TRUE(stored.back().at("plan").is_object());
  EXPECT_EQ(stored.back().at("macs"), j.at("macs"));
}

// Each refusal is one line that says what is wrong: the kernel, the budget, the model, the folder,
// the plan file, the flags that exclude each other.
TEST(AdviseCli, BadInputEndsWithExitTwoAndAReason) {
  const std::string ghost = GHOSTLENS_RESOURCES "/models/vgg16_w0.25_s2_d3.pt";
  const std::pair<std::string, std::string> cases[] = {
      {"advise --weights " + kVanilla + " --dws 2", "advise: d must be odd and >= 1, got 2"},
      {"advise --weights " + kVanilla + " --budget-macs 10",
       "advise: the budget of 10 MACs is below what ghosting every comparable layer reaches ("},
      {"advise --weights " + ghost,
       "advise needs a vanilla model (s = 1 in every layer); this one is vgg16 width 0.25 s=2 "
       "d=3"},
      {"advise --weights " + kVanilla + " --images 2 --image-dir /nonexistent",
       "no such image folder: /nonexistent"},
      {"stats --plan /nonexistent.json", "--plan: cannot read plan /nonexistent.json"},
      {"stats --plan " + kVanilla, "--plan: " + kVanilla + ": not JSON ("},
      {"train --plan /nonexistent.json --ratio 2", "--ratio excludes --plan"}};
  for (const auto& [args, reason] : cases) {
    const RunResult r = runCli(args + " --quiet");
    EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("ghostlens-cli: " + reason, 0), 0u) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << "\n" << r.err;
  }
}

TEST(AnalyzeCli, MapsTooSmallToCompareAreNullAndAnImageBatchGivesMeansWithSpread) {
  const std::string json = scratch("tiny.json").string();
  const RunResult r = runCli("analyze --ratio 1 --images 8 --json " + json);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(slurp(json));
  int tiny = 0;
  for (const auto& layer : report.at("layers")) {
    const int64_t pixels = layer.at("height").get<int64_t>() * layer.at("width").get<int64_t>();
    EXPECT_EQ(layer.at("images"), 8);
    if (pixels < 16) {
      ++tiny;
      for (const char* key : {"redundancy", "implied_ratio", "pairs", "intrinsic_estimate"}) {
        EXPECT_TRUE(layer.at(key).is_null()) << layer.at("name") << " " << key;
      }
    } else {
      EXPECT_TRUE(layer.at("redundancy").is_number()) << layer.at("name");
      EXPECT_GE(layer.at("redundancy_std").get<double>(), 0.0);
    }
  }
  EXPECT_EQ(tiny, 3);  // features.14 to 16: 2x2 maps on 28x28 inputs
  EXPECT_NE(r.out.find("n/a"), std::string::npos);
}

}  // namespace
