// Issue 16: every input the fuzz targets found (tests/data/fuzz/TARGET/NAME), replayed through
// the same code the target runs (fuzz/fuzz_targets.h): read, or refused with an InputError that
// has a reason. Anything else aborts this test, as it aborted the fuzzer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz_targets.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

TEST(FuzzFindings, EveryInputFoundIsReadOrRefusedWithAReason) {
  int replayed = 0;
  for (const auto& folder : fs::directory_iterator(GHOSTLENS_TEST_DATA "/fuzz")) {
    const std::string target = folder.path().filename().string();
    ASSERT_EQ(fuzz::targets().count(target), 1u) << "no fuzz target named " << target;
    for (const auto& input : fs::directory_iterator(folder.path())) {
      std::ifstream in(input.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), {}};
      SCOPED_TRACE(input.path().string());
      fuzz::targets().at(target)(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  EXPECT_GE(replayed, 2);  // the findings committed so far
  const fs::path stem = fuzz::inputStem();
  for (const auto& file : fs::directory_iterator(stem.parent_path())) {
    if (file.path().filename().string().rfind(stem.filename().string(), 0) == 0)
      fs::remove(file.path());
  }
}

}  // namespace
}  // namespace ghostlens
