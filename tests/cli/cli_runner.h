#pragma once
// Runs the built ghostlens-cli with arguments and collects what it printed.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

struct RunResult {
  int exitCode = -1;
  std::string out;
  std::string err;
  double seconds = 0;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

inline RunResult runCli(const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto tag = std::to_string(::getpid()) + "_" + std::to_string(std::rand());
  const auto out = dir / ("ghostlens_cli_out_" + tag);
  const auto err = dir / ("ghostlens_cli_err_" + tag);
  const std::string command = std::string(GHOSTLENS_CLI) + " " + args + " >" + out.string() +
                              " 2>" + err.string() + " </dev/null";
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  RunResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}
