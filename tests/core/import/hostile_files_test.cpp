// Files that are not what they claim: each is refused with one line naming the file, and nothing
// the file names is ever run (the os.system payloads would create the marker file).
#include <gtest/gtest.h>

#include <filesystem>

#include "ghostlens/io/weights_file.h"
#include "ghostlens/models/weights_import.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = GHOSTLENS_IMPORT_FIXTURES;

struct Hostile {
  const char* file;
  const char* reason;  ///< part of the message
};

class HostileFile : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileFile, IsRefusedWithOneLineAndRunsNothing) {
  const Hostile& h = GetParam();
  const std::string path = (kFixtures / h.file).string();
  std::string message = "(loaded)";
  try {
    importWeights(path);
  } catch (const std::invalid_argument& e) {
    message = e.what();
  }
  EXPECT_NE(message.find(h.reason), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(message.rfind(path, 0), 0u) << "the message names the file: " << message;
  EXPECT_FALSE(fs::exists(GHOSTLENS_IMPORT_MARKER)) << "a payload ran";
}

INSTANTIATE_TEST_SUITE_P(
    Files, HostileFile,
    ::testing::Values(Hostile{"payload_zip.pth", "refusing the global 'posix.system'"},
                      Hostile{"payload_legacy.pth", "refusing the global 'posix.system'"},
                      Hostile{"eval_protocol4.pkl", "refusing the global 'builtins.eval'"},
                      Hostile{"truncated_zip.pth", "truncated zip archive"},
                      Hostile{"truncated_legacy.pth", "more than the file holds"},
                      Hostile{"empty.pth", "empty file"},
                      Hostile{"short_storage.pth", "fewer than its 4096 float32 elements"},
                      Hostile{"lying_count_legacy.pth", "more than the file holds"},
                      Hostile{"huge_header.safetensors", "runs past the end of the file"},
                      Hostile{"offsets_past_end.safetensors", "past the end of the data"},
                      Hostile{"document.pth", "a PDF document, not a weights file"},
                      Hostile{"deep.pth", "a pickle that is not a PyTorch file"},
                      Hostile{"huge.pth", "more values than any weight file holds"}),
    [](const ::testing::TestParamInfo<Hostile>& info) {
      std::string name = info.param.file;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace ghostlens
