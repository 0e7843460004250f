// Where the shipped files are found: the variable, else next to the executable. (An install's
// <prefix>/share/ghostlens is checked by scripts/install-test.sh on the unpacked package.)
#include "ghostlens/resources/shipped_files.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>

namespace {

namespace fs = std::filesystem;

/// Sets or clears GHOSTLENS_RESOURCES for one test and restores it after.
class ResourcesVariable {
 public:
  explicit ResourcesVariable(const char* value) {
    if (const char* old = std::getenv("GHOSTLENS_RESOURCES")) old_ = old;
    if (value) {
      ::setenv("GHOSTLENS_RESOURCES", value, 1);
    } else {
      ::unsetenv("GHOSTLENS_RESOURCES");
    }
  }
  ~ResourcesVariable() {
    if (old_) {
      ::setenv("GHOSTLENS_RESOURCES", old_->c_str(), 1);
    } else {
      ::unsetenv("GHOSTLENS_RESOURCES");
    }
  }

 private:
  std::optional<std::string> old_;
};

TEST(ShippedFiles, FoundNextToTheExecutableWithoutTheVariable) {
  const ResourcesVariable unset(nullptr);
  const fs::path dir = ghostlens::resourceDirectory();
  EXPECT_EQ(dir, ghostlens::executableDirectory() / "resources");
  // The build tree's link leads to the files themselves, not to a compiled-in path.
  EXPECT_TRUE(fs::is_regular_file(dir / "models" / "vgg16_w0.25_s2_d3.pt"));
  EXPECT_EQ(fs::path(ghostlens::shippedPair().ghost), dir / "models" / "vgg16_w0.25_s2_d3.pt");
}

/// A folder of its own for one test, removed however the test ends.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(const std::string& stem)
      : path_(fs::temp_directory_path() / (stem + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TemporaryFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(ShippedFiles, TheVariableOverridesAndAMissingFileNamesItsPath) {
  const TemporaryFolder folder("ghostlens_empty_resources");
  const fs::path& empty = folder.path();
  const ResourcesVariable set(empty.c_str());
  EXPECT_EQ(ghostlens::resourceDirectory(), empty.string());
  try {
    ghostlens::shippedPair();
    FAIL() << "an empty folder has no shipped pair";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(empty.string()), std::string::npos) << e.what();
  }
}

}  // namespace
