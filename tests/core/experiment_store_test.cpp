// The experiment store: rows round-trip, and two writing processes lose nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ghostlens/store/experiment_store.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

fs::path freshDb(const std::string& name) {
  const fs::path path =
      fs::temp_directory_path() / ("ghostlens_" + name + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

RunRecord sampleRun(int64_t ratio) {
  RunRecord r;
  r.spec = ModelSpec::defaults(Architecture::Vgg16);
  r.spec.ratio = ratio;
  r.spec.input = {1, 28, 28};
  r.params = 1000 + ratio;
  r.macs = 2000 + ratio;
  r.epochs = 3;
  r.seed = 7;
  r.checkpointPath = "/tmp/x.ckpt";
  return r;
}

TEST(ExperimentStore, RunsAndEpochsRoundTrip) {
  const fs::path db = freshDb("roundtrip");
  {
    ExperimentStore store(db.string());
    const int64_t id = store.beginRun(sampleRun(2));
    store.addEpoch(id, {0, 1.5, 0.6, 0.7, 10.0, 900.0});
    store.addEpoch(id, {1, 0.9, 0.8, 0.85, 11.0, 950.0});
    store.finishRun(id, "finished", 0.85, 21.0, 925.0);
  }
  ExperimentStore store(db.string());  // reopened: everything was on disk
  const auto runs = store.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].spec.ratio, 2);
  EXPECT_EQ(runs[0].spec.input, (std::array<int64_t, 3>{1, 28, 28}));
  EXPECT_EQ(runs[0].status, "finished");
  EXPECT_EQ(runs[0].testAccuracy, 0.85);
  EXPECT_FALSE(runs[0].endedAt.empty());
  EXPECT_EQ(store.epochs(runs[0].id).size(), 2u);
  const auto found = store.latestRun(runs[0].spec, 3, 7);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, runs[0].id);
  EXPECT_FALSE(store.latestRun(runs[0].spec, 4, 7).has_value());
  const auto json = nlohmann::json::parse(store.toJson());
  EXPECT_EQ(json[0].at("per_epoch").size(), 2u);
  EXPECT_EQ(json[0].at("test_accuracy"), 0.85);
  const std::string csv = store.toCsv();
  EXPECT_NE(csv.find("vgg16,1,2,3,1x28x28,10,1002,2002,3,7,0.85"), std::string::npos) << csv;
}

TEST(ExperimentStore, TwoProcessesWritingAtOnceLoseNoRow) {
  const fs::path db = freshDb("concurrent");
  { ExperimentStore create(db.string()); }
  constexpr int kRowsEach = 150;
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  const bool inChild = child == 0;
  {
    ExperimentStore store(db.string());
    for (int i = 0; i < kRowsEach; ++i) {
      const int64_t id = store.beginRun(sampleRun(inChild ? 3 : 2));
      store.addEpoch(id, {0, 1.0, 0.5, 0.5, 1.0, 1.0});
      store.finishRun(id, "finished", 0.5, 1.0, 1.0);
    }
  }
  if (inChild) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ExperimentStore store(db.string());
  const auto runs = store.runs();
  EXPECT_EQ(runs.size(), 2u * kRowsEach);
  int fromChild = 0;
  for (const RunRecord& r : runs) {
    fromChild += r.spec.ratio == 3;
    EXPECT_EQ(r.status, "finished");
    EXPECT_EQ(store.epochs(r.id).size(), 1u);
  }
  EXPECT_EQ(fromChild, kRowsEach);
}

// A row written by another program with a model GhostLens does not know is refused, naming it,
// as the same row in JSON is; it is not read as some other model.
TEST(ExperimentStore, ARowOfAnUnknownModelIsRefused) {
  const fs::path db = freshDb("unknown");
  {
    ExperimentStore store(db.string());
    store.beginRun(sampleRun(2));
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.string().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE runs SET arch='alexnet'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  ExperimentStore store(db.string());
  try {
    store.runs();
    ADD_FAILURE() << "a row of an unknown model was read";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown model 'alexnet'"), std::string::npos) << e.what();
  }
}

// Issue 16: a file that is not a store, or a database of another program, is bad input naming
// the file (exit 2 in the CLI), not a failure while working.
TEST(ExperimentStore, AFileThatIsNotAStoreIsRefusedNamingIt) {
  const fs::path text = freshDb("notastore");
  {
    std::ofstream out(text);
    for (int i = 0; i < 200; ++i) out << "not a database, line " << i << "\n";
  }
  const fs::path foreign = freshDb("foreign");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.string().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE runs (name TEXT); INSERT INTO runs VALUES ('x');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  for (const fs::path& path : {text, foreign}) {
    try {
      ExperimentStore store(path.string());
      (void)store.runs();
      ADD_FAILURE() << path << " was read as a store";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("not a GhostLens store"), std::string::npos) << e.what();
    }
  }
}

TEST(ExperimentStore, UnopenableFileIsAClearError) {
  EXPECT_THROW(ExperimentStore("/nonexistent/dir/runs.sqlite"), InputError);
}

}  // namespace
}  // namespace ghostlens
