// Every ghostlens-cli command line README.md writes (issue 26), so that the README cannot drift
// from the CLI again:
// - a synopsis (brackets, braces, placeholders such as FILE or N) names a command that exists
//   and only flags that command takes;
// - any other line is parsed by the program's own command line (CommandLine), without running;
// - a parsed line whose input files exist and whose command is one of the quick ones is also
//   run, from a folder that sees the tree's build/, resources/ and tests/, and must exit 0; one
//   still running after 10 s is stopped and counts as parsed only.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "command_line.h"

namespace {

namespace fs = std::filesystem;

struct Written {
  int line = 0;
  std::string text;  ///< from the first word after "ghostlens-cli" (or the subcommand) on
};

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

/// Words of a command line; single and double quotes group.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  char quote = 0;
  bool any = false;
  for (char c : text) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      any = true;
    } else if (c == ' ' || c == '\t') {
      if (any || !word.empty()) out.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
    }
  }
  if (any || !word.empty()) out.push_back(word);
  return out;
}

/// The command line in `text` after the program's name, cut at shell operators and comments.
std::string afterProgram(const std::string& text) {
  std::string rest = text;
  for (const char* stop : {" |", " >", " 2>", " <", " ;", " &&", " #", "`"}) {
    const auto at = rest.find(stop);
    if (at != std::string::npos) rest = rest.substr(0, at);
  }
  return trim(rest);
}

/// Every ghostlens-cli command line in the README: lines of fenced blocks, and inline code spans
/// (which may wrap onto the next line) that start with the program or with a subcommand and a
/// flag.
std::vector<Written> readmeCommands(const std::string& path,
                                    const ghostlens::cli::CommandLine& cli) {
  std::ifstream file(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  const std::regex program(R"((^|[\s/`=])ghostlens-cli(\s|$))");
  std::vector<Written> found;
  bool fenced = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind("```", 0) == 0) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      // A command goes on over lines ending in a backslash, and a synopsis over the indented
      // lines under it.
      std::string joined = line;
      while (i + 1 < lines.size() &&
             ((!joined.empty() && joined.back() == '\\') ||
              (std::regex_search(line, program) && lines[i + 1].rfind("    ", 0) == 0))) {
        if (!joined.empty() && joined.back() == '\\') joined.pop_back();
        joined += " " + trim(lines[++i]);
      }
      std::smatch m;
      if (std::regex_search(joined, m, program)) {
        found.push_back(
            {static_cast<int>(i + 1), afterProgram(joined.substr(m.position(0) + m.length(0)))});
      }
      continue;
    }
    // Inline spans; a span left open at the line's end continues on the next line.
    std::string text = line;
    if (std::count(text.begin(), text.end(), '`') % 2 == 1 && i + 1 < lines.size()) {
      text += " " + lines[i + 1];
    }
    for (std::size_t open = text.find('`'); open != std::string::npos;) {
      const std::size_t close = text.find('`', open + 1);
      if (close == std::string::npos) break;
      const std::string span = trim(text.substr(open + 1, close - open - 1));
      open = text.find('`', close + 1);
      if (open != std::string::npos && open >= line.size() && close >= line.size()) break;
      std::smatch m;
      if (std::regex_search(span, m, program)) {
        found.push_back(
            {static_cast<int>(i + 1), afterProgram(span.substr(m.position(0) + m.length(0)))});
        continue;
      }
      const std::vector<std::string> w = words(span);
      if (w.size() >= 2 && cli.hasCommand(w[0]) && w[1].rfind("--", 0) == 0) {
        found.push_back({static_cast<int>(i + 1), afterProgram(span)});
      }
    }
  }
  return found;
}

bool isSynopsis(const std::string& text) {
  static const std::regex placeholder(R"((^|[\s=])[A-Z][A-Z0-9_]*(\.json)?($|[\s,]))");
  return text.find_first_of("[]{}()|") != std::string::npos ||
         text.find("...") != std::string::npos || std::regex_search(text, placeholder);
}

/// The subcommand of a word list: the first word that is one, skipping global options.
std::string commandOf(const std::vector<std::string>& w, const ghostlens::cli::CommandLine& cli) {
  for (const std::string& word : w) {
    if (cli.hasCommand(word)) return word;
  }
  return "";
}

/// Runs the built program with `args` from `dir`, stopped after `seconds`; its exit code, or -1
/// when it had to be stopped.
int runFrom(const fs::path& dir, const std::vector<std::string>& args, int seconds,
            std::string& err) {
  std::string command = "cd '" + dir.string() + "' && timeout " + std::to_string(seconds) + " '" +
                        GHOSTLENS_CLI + "'";
  for (const std::string& a : args) command += " '" + a + "'";
  const fs::path errFile = dir / "stderr.txt";
  command += " >/dev/null 2>'" + errFile.string() + "' </dev/null";
  const int status = std::system(command.c_str());
  std::ifstream in(errFile);
  err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -2;
  return code == 124 ? -1 : code;
}

TEST(ReadmeCommands, EveryCommandLineParsesAndTheQuickOnesRun) {
  const std::string readme = std::string(GHOSTLENS_SOURCE_DIR) + "/README.md";
  const ghostlens::cli::CommandLine names;
  const std::vector<Written> written = readmeCommands(readme, names);
  ASSERT_GE(written.size(), 30u) << "fewer command lines than the README has";

  // A folder that sees the tree as the README's commands expect it.
  const fs::path dir =
      fs::temp_directory_path() / ("ghostlens_readme_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* name : {"build", "resources", "tests", "docs"}) {
    const fs::path target = name == std::string("build") ? fs::path(GHOSTLENS_BUILD_DIR)
                                                         : fs::path(GHOSTLENS_SOURCE_DIR) / name;
    fs::create_directory_symlink(target, dir / name);
  }
  const std::set<std::string> quick = {"stats", "analyze", "predict", "profile", "runs"};
  const std::set<std::string> inputs = {"--weights",     "--right",    "--image",     "--tensor",
                                        "--activations", "--images",   "--image-dir", "--plan",
                                        "--store",       "--data-dir", "--fmnist-dir"};
  int synopses = 0, parsed = 0, ran = 0, stopped = 0, flagsChecked = 0;
  std::set<std::string> seen;
  int named = 0;
  for (const Written& w : written) {
    const std::string where = "README.md:" + std::to_string(w.line) + ": " + w.text;
    const std::vector<std::string> args = words(w.text);
    if (args.empty()) {  // the program named, no command line
      ++named;
      continue;
    }
    if (!seen.insert(w.text).second) continue;  // checked where it was written first
    const std::string command = commandOf(args, names);
    if (isSynopsis(w.text)) {
      ++synopses;
      EXPECT_FALSE(command.empty() && w.text.find("--help") == std::string::npos)
          << where << ": names no command";
      static const std::regex flag(R"(--[a-z][a-z0-9-]*)");
      for (auto it = std::sregex_iterator(w.text.begin(), w.text.end(), flag);
           it != std::sregex_iterator(); ++it) {
        ++flagsChecked;
        EXPECT_TRUE(names.takesOption(command, it->str()) || names.takesOption("", it->str()))
            << where << ": " << command << " takes no " << it->str();
      }
      continue;
    }
    ghostlens::cli::CommandLine cli;
    ++parsed;
    try {
      cli.parse(args);
    } catch (const CLI::CallForHelp&) {
      continue;
    } catch (const CLI::ParseError& e) {
      ADD_FAILURE() << where << ": " << e.what();
      continue;
    }
    if (quick.count(cli.parsedCommand()) == 0) continue;
    bool present = true;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
      if (inputs.count(args[i]) && !fs::exists(dir / args[i + 1])) present = false;
    }
    if (!present) continue;
    std::string err;
    const auto start = std::chrono::steady_clock::now();
    const int code = runFrom(dir, args, 10, err);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > 3) std::cout << "ran in " << seconds << " s: " << where << "\n";
    if (code == -1) {
      ++stopped;
      std::cout << "over 10 s, parsed only: " << where << "\n";
      continue;
    }
    ++ran;
    EXPECT_EQ(code, 0) << where << ": " << err;
  }
  std::cout << "README.md: " << written.size() << " mentions of ghostlens-cli: " << named
            << " name the program only, " << seen.size() << " distinct command lines: " << synopses
            << " synopses (" << flagsChecked << " flags checked), " << parsed << " parsed, " << ran
            << " of them run, " << stopped << " stopped after 10 s (parsed only)\n";
  RecordProperty("command_lines", static_cast<int>(written.size()));
  RecordProperty("run", ran);
  EXPECT_GE(parsed, 20);
  EXPECT_GE(ran, 10);
  fs::remove_all(dir);
}

}  // namespace
