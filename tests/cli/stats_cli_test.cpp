// End-to-end: ghostlens-cli stats as a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_runner.h"

namespace {

// How fast it is belongs to the README ("Speed", measured by bench/cli_timing.sh): these
// machines' speed drifts 2x, so a time limit here would fail by chance.
TEST(StatsCli, JsonHasTheDocumentedFields) {
  RunResult r = runCli("stats --model ghostnet --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.at("model"), "ghostnet");
  EXPECT_EQ(json.at("ratio"), 2);
  EXPECT_EQ(json.at("dw"), 3);
  EXPECT_EQ(json.at("width"), 1.0);
  EXPECT_EQ(json.at("input"), nlohmann::json({3, 224, 224}));
  EXPECT_EQ(json.at("classes"), 1000);
  ASSERT_TRUE(json.at("params").is_number_integer());
  ASSERT_TRUE(json.at("macs").is_number_integer());
  int64_t params = 0, macs = 0;
  for (const auto& layer : json.at("layers")) {
    for (const char* key : {"name", "type", "output", "params", "macs"}) {
      ASSERT_TRUE(layer.contains(key)) << key;
    }
    EXPECT_EQ(layer.at("output").size(), 3u);
    params += layer.at("params").get<int64_t>();
    macs += layer.at("macs").get<int64_t>();
  }
  EXPECT_EQ(params, json.at("params").get<int64_t>());
  EXPECT_EQ(macs, json.at("macs").get<int64_t>());
  // 5.2M / 141M in the paper.
  EXPECT_NEAR(params / 1e6, 5.2, 0.08);
  EXPECT_NEAR(macs / 1e6, 141, 2);
}

TEST(StatsCli, FlagsReachTheModel) {
  const RunResult r =
      runCli("stats --model vgg16 --width 0.5 --ratio 1 --dw 5 --input 1,28,28 --classes 7 --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.at("model"), "vgg16");
  EXPECT_EQ(json.at("ratio"), 1);
  EXPECT_EQ(json.at("dw"), 5);
  EXPECT_EQ(json.at("width"), 0.5);
  EXPECT_EQ(json.at("input"), nlohmann::json({1, 28, 28}));
  EXPECT_EQ(json.at("layers").back().at("output"), nlohmann::json({7, 1, 1}));
  EXPECT_EQ(json.at("layers").front().at("name"), "features.0.primary_conv.0");
  EXPECT_EQ(json.at("layers").front().at("output"), nlohmann::json({32, 28, 28}));
}

TEST(StatsCli, TableEndsWithTotals) {
  const RunResult r = runCli("stats --model resnet56 --ratio 1");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("conv1"), std::string::npos);
  EXPECT_NE(r.out.find("total: params 853,018"), std::string::npos) << r.out.substr(0, 300);
}

struct BadFlag {
  const char* args;
  const char* named;  // the flag the one-line message must name
};

std::ostream& operator<<(std::ostream& os, const BadFlag& bad) { return os << bad.args; }

class StatsCliBadFlags : public ::testing::TestWithParam<BadFlag> {};

TEST_P(StatsCliBadFlags, ExitTwoWithOneLineNamingTheFlag) {
  const RunResult r = runCli(GetParam().args);
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(r.out.empty());
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "more than one line: " << r.err;
  EXPECT_NE(r.err.find(GetParam().named), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Flags, StatsCliBadFlags,
    ::testing::Values(
        BadFlag{"stats --model lenet", "--model"}, BadFlag{"stats --ratio 0", "--ratio"},
        BadFlag{"stats --ratio -3", "--ratio"}, BadFlag{"stats --dw 2", "--dw"},
        BadFlag{"stats --dw 0", "--dw"}, BadFlag{"stats --width 0", "--width"},
        BadFlag{"stats --width abc", "--width"}, BadFlag{"stats --input 3,0,32", "--input"},
        BadFlag{"stats --input 3,-1,32", "--input"}, BadFlag{"stats --input 3,32", "--input"},
        BadFlag{"stats --classes 0", "--classes"}, BadFlag{"stats --frobnicate", "--frobnicate"},
        BadFlag{"explode", "explode"},
        // Issue 16: sizes that would ask for many gigabytes are refused before building.
        BadFlag{"stats --model resnet50 --width 64", "width must be positive and at most 4"},
        BadFlag{"stats --input 3,100000,100000", "input height and width must be from 1 to 2048"},
        BadFlag{"stats --classes 100000000", "classes must be from 1 to 100000"}));

}  // namespace
