// Issue 16, item 4: every file a command reads, made hostile (empty, random bytes, cut in half,
// damaged in the middle, a folder, missing), ends in exit 2 and one line that says why; the good
// file it was made from works, so that it is the damage each time that is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;

struct FileCommand {
  const char* name;
  std::string (*good)();            ///< the file the hostile copies are made of
  const char* command;              ///< `{}` is where the file goes
  bool createsWhenMissing = false;  ///< a missing (a store: or empty) file is started afresh
  bool noChecksum = false;          ///< damage inside the data may go unseen (it is still data)
};
std::ostream& operator<<(std::ostream& os, const FileCommand& c) { return os << c.name; }

const char* const kTinyRun =
    "train --model vgg16 --width 0.0625 --input 1,28,28 --epochs 1 --train-subset 64 "
    "--test-subset 16 --batch 32 ";

/// A small checkpoint and store written by a real run, made once for the cases that need them.
const fs::path& trainedOnce() {
  static const fs::path dir = [] {
    const fs::path d =
        fs::temp_directory_path() / ("ghostlens_hostile_run_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    const RunResult r = runCli(std::string(kTinyRun) + "--checkpoint " + (d / "run.ckpt").string() +
                               " --store " + (d / "runs.sqlite").string());
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return d;
  }();
  return dir;
}

std::string shippedCheckpoint() { return GHOSTLENS_RESOURCES "/models/vgg16_w0.25_s2_d3.pt"; }
std::string shippedVanilla() { return GHOSTLENS_RESOURCES "/models/vgg16_w0.25_vanilla.pt"; }
std::string runCheckpoint() { return (trainedOnce() / "run.ckpt").string(); }
std::string runStore() { return (trainedOnce() / "runs.sqlite").string(); }
std::string photo() { return "/usr/lib/python3/dist-packages/skimage/data/chelsea.png"; }
std::string activationsPt() { return GHOSTLENS_TEST_DATA "/activations_dict.pt"; }
std::string activationsNpy() { return GHOSTLENS_TEST_DATA "/activations_f32.npy"; }
std::string plan() { return GHOSTLENS_RESOURCES "/plans/vgg16_w0.25_advised_s3.json"; }
std::string idxImages() { return "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"; }

std::string withFile(const std::string& command, const std::string& path) {
  return std::regex_replace(command, std::regex("\\{\\}"), path);
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class HostileFiles : public ::testing::TestWithParam<FileCommand> {};

TEST_P(HostileFiles, EndInExitTwoAndOneLineThatSaysWhy) {
  const FileCommand& c = GetParam();
  const fs::path dir = fs::temp_directory_path() / ("ghostlens_hostile_" + std::string(c.name) +
                                                    "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string good = c.good();
  const std::string bytes = readAll(good);
  ASSERT_GT(bytes.size(), 200u) << good;
  // The fashion-mnist folder case puts the file into a folder of its own.
  const bool idx = std::string(c.name) == "idx";
  auto place = [&](const std::string& variant, const std::string& content) -> std::string {
    const fs::path folder = dir / variant;
    fs::create_directories(folder);
    const fs::path file = folder / fs::path(good).filename();
    writeAll(file, content);
    if (idx) {
      fs::copy_file(fs::path(good).parent_path() / "t10k-labels-idx1-ubyte.gz",
                    folder / "t10k-labels-idx1-ubyte.gz");
      return folder.string();
    }
    return file.string();
  };

  const RunResult fine =
      runCli(withFile(c.command, idx ? fs::path(good).parent_path().string() : good));
  ASSERT_EQ(fine.exitCode, 0) << "the good file fails: " << fine.err;

  std::mt19937 random(7);
  std::string noise(4096, '\0');
  for (char& ch : noise) ch = static_cast<char>(random());
  std::string damaged = bytes;
  for (size_t i = 0; i < 64; ++i) damaged[bytes.size() / 3 + i] = static_cast<char>(random());
  const fs::path folderInstead = dir / "a_folder";
  fs::create_directories(folderInstead / "t10k-images-idx3-ubyte.gz");
  std::vector<std::pair<std::string, std::string>> variants = {
      {"empty", place("empty", "")},
      {"random bytes", place("random", noise)},
      {"first half", place("half", bytes.substr(0, bytes.size() / 2))},
      {"damaged middle", place("damaged", damaged)},
      {"a folder", idx ? folderInstead.string() : dir.string()},
  };
  if (!c.createsWhenMissing) variants.emplace_back("missing", (dir / "no_such_file").string());
  std::size_t refused = 0, used = 0;
  for (const auto& [what, path] : variants) {
    const RunResult r = runCli(withFile(c.command, path));
    // A photo damaged in its middle may still decode (a blotch), an .npy still holds numbers:
    // formats without a checksum cannot tell, and the file is used, silently. A store may be
    // empty.
    const bool usable = (what == "damaged middle" && c.noChecksum) ||
                        (what == "empty" && std::string(c.name) == "store");
    if (usable && r.exitCode == 0) {
      EXPECT_EQ(r.err, "") << what;
      ++used;
      continue;
    }
    ++refused;
    EXPECT_EQ(r.exitCode, 2) << what << ": " << r.err;
    ASSERT_FALSE(r.err.empty()) << what;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << what << ": more than one line:\n" << r.err;
    const std::string prefix = "ghostlens-cli: ";
    ASSERT_EQ(r.err.rfind(prefix, 0), 0u) << what << ": " << r.err;
    // The reason names the file (or, for a folder of files, the folder or a file in it).
    EXPECT_NE(r.err.find(fs::path(path).filename().string()), std::string::npos)
        << what << ": the file is not named: " << r.err;
    EXPECT_GT(r.err.size(), prefix.size() + path.size() + 10) << what << ": no reason: " << r.err;
  }
  // Random bytes, half a file and a folder are never usable; only the variants named above may
  // have been used.
  EXPECT_EQ(refused + used, variants.size());
  EXPECT_GE(refused, 3u);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    EveryReader, HostileFiles,
    ::testing::Values(
        FileCommand{"weights", shippedCheckpoint, "analyze --weights {} --layers features.0"},
        FileCommand{"predict_weights", shippedCheckpoint, "predict --weights {} --fmnist 0"},
        FileCommand{"advise_weights", shippedVanilla, "advise --weights {} --images 1"},
        FileCommand{"export_weights", runCheckpoint,
                    "export-weights --weights {} --output {}.out.pt"},
        FileCommand{
            "resume_checkpoint", runCheckpoint,
            "train --model vgg16 --width 0.0625 --input 1,28,28 --epochs 1 "
            "--train-subset 64 --test-subset 16 --batch 32 --checkpoint {} --store {}.sqlite",
            true},
        FileCommand{"store", runStore, "runs --store {}", true, true},
        FileCommand{"image", photo,
                    "analyze --model vgg16 --width 0.25 --input 1,28,28 --layers features.0 "
                    "--image {}",
                    false, true},
        FileCommand{"activations_pt", activationsPt, "analyze --activations {}"},
        FileCommand{"activations_npy", activationsNpy, "analyze --activations {}", false, true},
        FileCommand{"plan", plan, "stats --plan {}"},
        FileCommand{"idx", idxImages,
                    "analyze --model vgg16 --width 0.25 --input 1,28,28 --layers features.0 "
                    "--fmnist 3 --fmnist-dir {}"}),
    [](const ::testing::TestParamInfo<FileCommand>& info) { return info.param.name; });

}  // namespace
