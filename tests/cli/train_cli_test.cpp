// End-to-end: ghostlens-cli train, killed with SIGKILL and resumed, ends like an uninterrupted run.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <utility>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;

const std::string kSmallRun =
    "train --width 0.125 --epochs 3 --batch 64 --train-subset 1536 --test-subset 500 --seed 9 ";

std::string finalAccuracy(const std::string& out) {
  std::smatch m;
  const std::regex line("test accuracy ([0-9.]+) after 3 epochs");
  return std::regex_search(out, m, line) ? m[1].str() : "missing";
}

TEST(TrainCli, SigkillThenResumeEqualsAnUninterruptedRun) {
  const fs::path dir = fs::temp_directory_path() / ("ghostlens_kill_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string whole = (dir / "whole.ckpt").string(), killed = (dir / "killed.ckpt").string();
  const std::string store = " --store " + (dir / "runs.sqlite").string() + " ";

  const RunResult uninterrupted =
      runCli("--threads 1 " + kSmallRun + "--checkpoint " + whole + store);
  ASSERT_EQ(uninterrupted.exitCode, 0) << uninterrupted.err;

  // Start the same run, and kill it hard once its first checkpoint is on disk.
  const std::string args = "--threads 1 " + kSmallRun + "--checkpoint " + killed + store;
  std::vector<std::string> words = {GHOSTLENS_CLI};
  std::istringstream split(args);
  for (std::string w; split >> w;) words.push_back(w);
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(killed) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(fs::exists(killed)) << "no checkpoint appeared";
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";

  const RunResult resumed = runCli(args);
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("resuming from epoch"), std::string::npos) << resumed.out;
  EXPECT_EQ(finalAccuracy(resumed.out), finalAccuracy(uninterrupted.out)) << resumed.out;
  EXPECT_NE(finalAccuracy(resumed.out), "missing");
  // And the weights are bit for bit the same: the checkpoints' analyses agree exactly.
  const RunResult a = runCli("analyze --weights " + whole + " --layers features.0");
  const RunResult b = runCli("analyze --weights " + killed + " --layers features.0");
  ASSERT_EQ(a.exitCode, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  // export-weights drops the optimizer state and keeps the weights exactly.
  const std::string exported = (dir / "weights.pt").string();
  const RunResult e = runCli("export-weights --weights " + whole + " --output " + exported);
  ASSERT_EQ(e.exitCode, 0) << e.err;
  EXPECT_LT(fs::file_size(exported), fs::file_size(whole) * 3 / 4);
  EXPECT_EQ(runCli("analyze --weights " + exported + " --layers features.0").out, a.out);
  // The store holds two finished runs: the killed one was taken up again, not duplicated.
  const RunResult runs = runCli("runs --json" + store);
  ASSERT_EQ(runs.exitCode, 0) << runs.err;
  const auto rows = nlohmann::json::parse(runs.out);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "finished");
    EXPECT_EQ(row.at("per_epoch").size(), 3u);
  }
  EXPECT_EQ(rows[0].at("test_accuracy"), rows[1].at("test_accuracy"));
  fs::remove_all(dir);
}

TEST(SweepCli, RunsEachConfigurationOnceAndSkipsFinishedOnes) {
  const fs::path dir =
      fs::temp_directory_path() / ("ghostlens_sweep_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string args =
      "sweep --width 0.125 --ratios 1,2,3 --dws 1,3 --epochs 1 --batch 100 "
      "--train-subset 300 --test-subset 200 --store " +
      (dir / "runs.sqlite").string() + " --checkpoint-dir " + (dir / "ckpt").string();
  const RunResult first = runCli(args);
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const RunResult second = runCli(args);
  ASSERT_EQ(second.exitCode, 0) << second.err;
  // vanilla, s=2 and s=3 at d=3, then d=1 at s=2 (d=3 at s=2 is already there): 4 runs.
  size_t skipped = 0;
  for (size_t at = 0; (at = second.err.find("skipped", at)) != std::string::npos; ++at) ++skipped;
  EXPECT_EQ(skipped, 4u) << second.err;
  const RunResult runs = runCli("runs --json --store " + (dir / "runs.sqlite").string());
  const auto rows = nlohmann::json::parse(runs.out);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("ratio"), 1);
  EXPECT_EQ(rows[3].at("ratio"), 2);
  EXPECT_EQ(rows[3].at("dw"), 1);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "finished");
    EXPECT_GT(row.at("macs").get<int64_t>(), 0);
    EXPECT_TRUE(fs::exists(row.at("checkpoint").get<std::string>()));
  }
  const RunResult csv = runCli("runs --csv --store " + (dir / "runs.sqlite").string());
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 5);
  fs::remove_all(dir);
}

// Each refusal is one line naming the flag and the value, or the file that is missing.
TEST(TrainCli, BadFlagsExitTwo) {
  const std::pair<const char*, const char*> cases[] = {
      {"train --epochs 0", "--epochs: Value 0 not in range 1 to 100000"},
      {"train --batch 0", "--batch: Value 0 not in range 1 to 65536"},
      {"train --lr -1", "--lr: Value -1 not in range 0.000001 to 10.000000"},
      {"train --data-dir /nonexistent --epochs 1 --store /tmp/gl_unused.sqlite",
       "cannot open /nonexistent/train-images-idx3-ubyte.gz"}};
  for (const auto& [args, reason] : cases) {
    const RunResult r = runCli(args);
    EXPECT_EQ(r.exitCode, 2) << args << ": " << r.err;
    EXPECT_EQ(r.err, std::string("ghostlens-cli: ") + reason + "\n") << args;
  }
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(TrainCli, OneLinePerEpochOnStderrOnlyResultsOnStdoutAndQuietSilencesProgress) {
  const fs::path dir =
      fs::temp_directory_path() / ("ghostlens_lines_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string run =
      "--threads 2 train --width 0.125 --epochs 2 --batch 64 --train-subset 512 --test-subset 200 ";
  const RunResult r = runCli(run + "--seed 4 --store " + (dir / "a.sqlite").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // Not a terminal: plain lines, exactly one per epoch, nothing for the batches.
  const std::regex epoch(
      "epoch [12]/2: train loss [0-9.]+, train accuracy [0-9.]+, test accuracy [0-9.]+, [0-9.]+ s");
  const std::vector<std::string> err = linesOf(r.err);
  ASSERT_EQ(err.size(), 2u) << r.err;
  for (const std::string& line : err) EXPECT_TRUE(std::regex_match(line, epoch)) << line;
  EXPECT_EQ(err[0].rfind("epoch 1/2", 0), 0u);
  EXPECT_FALSE(std::regex_search(r.out, std::regex("epoch [0-9]"))) << r.out;
  EXPECT_NE(r.out.find("after 2 epochs"), std::string::npos) << r.out;

  const RunResult quiet = runCli(run + "--seed 5 --quiet --store " + (dir / "b.sqlite").string());
  ASSERT_EQ(quiet.exitCode, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  EXPECT_NE(quiet.out.find("after 2 epochs"), std::string::npos) << quiet.out;
  fs::remove_all(dir);
}

// script(1) gives the command a terminal as stderr; stdout goes to a file. The terminal is one
// that draws (TERM=xterm), whatever runs the suite: with TERM=dumb, as in scripts/fresh-root.sh,
// the progress line rightly falls back to plain lines.
RunResult runOnATerminal(const std::string& args, const fs::path& dir) {
  const fs::path typescript = dir / "typescript", out = dir / "out.txt";
  const std::string command = "TERM=xterm script -qec '" + std::string(GHOSTLENS_CLI) + " " + args +
                              " >" + out.string() + "' " + typescript.string() +
                              " </dev/null >/dev/null";
  const int status = std::system(command.c_str());
  RunResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(typescript);
  return result;
}

TEST(TrainCli, ATerminalGetsAProgressLineWithAnEtaThatQuietTurnsOff) {
  const fs::path dir = fs::temp_directory_path() / ("ghostlens_tty_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Long enough for the line to show (nothing is drawn in the first second): 6.5 s here, on one
  // thread; a machine five times as fast still takes over a second.
  const std::string run =
      "--threads 1 train --width 0.25 --epochs 1 --batch 64 --train-subset 6000 --test-subset 200 ";
  const RunResult r = runOnATerminal(run + "--seed 6 --store " + (dir / "a.sqlite").string(), dir);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("\repoch 1/1, batch "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("%  ETA "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\033[K"), std::string::npos) << r.err;
  // The epoch's line stays, after the progress line is cleared.
  EXPECT_NE(r.err.find("\r\033[Kepoch 1/1: train loss "), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("after 1 epochs"), std::string::npos) << r.out;

  const RunResult quiet =
      runOnATerminal(run + "--seed 7 -q --store " + (dir / "b.sqlite").string(), dir);
  ASSERT_EQ(quiet.exitCode, 0) << quiet.err;
  EXPECT_EQ(quiet.err.find("ETA"), std::string::npos) << quiet.err;
  EXPECT_EQ(quiet.err.find("epoch 1/1"), std::string::npos) << quiet.err;
  EXPECT_NE(quiet.out.find("after 1 epochs"), std::string::npos) << quiet.out;
  fs::remove_all(dir);
}

}  // namespace
