// Issue 16, item 5: faults while writing. A full disk (injected: a file-size limit, so that every
// write past it fails as it would on a full disk) while writing a checkpoint or the store, and a
// store locked by another process: each a clear error, nothing written before it lost.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <torch/torch.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "ghostlens/models/model_factory.h"
#include "ghostlens/store/experiment_store.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/training/experiment_runner.h"

namespace ghostlens {
namespace {

namespace fs = std::filesystem;

fs::path faultScratch(const std::string& name) {
  const fs::path path =
      fs::temp_directory_path() / ("ghostlens_fault_" + std::to_string(::getpid()) + "_" + name);
  for (const char* suffix : {"", "-wal", "-shm", ".tmp"}) fs::remove(path.string() + suffix);
  return path;
}

/// Runs `work` in a child process whose files cannot grow past `limitBytes` (writes past it fail
/// with EFBIG, as on a full disk). Returns what the child's exception said; "" when nothing threw.
std::string messageUnderFileSizeLimit(rlim_t limitBytes, const std::function<void()>& work) {
  int pipeFds[2];
  if (::pipe(pipeFds) != 0) throw std::runtime_error("pipe");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipeFds[0]);
    ::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills the writer instead of failing the write
    const rlimit limit{limitBytes, limitBytes};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::string message;
    try {
      work();
    } catch (const std::exception& e) {
      message = e.what();
      if (message.empty()) message = "(an exception without text)";
    }
    if (!message.empty()) (void)!::write(pipeFds[1], message.data(), message.size());
    ::close(pipeFds[1]);
    ::_exit(0);
  }
  ::close(pipeFds[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, n);
  ::close(pipeFds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the writer crashed: " << status;
  return message;
}

ModelSpec faultVgg() {
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.width = 0.125;
  spec.input = {1, 28, 28};
  return spec;
}

/// A store at `db` with one run of `epochs` (1 or 2) epoch rows, test accuracy 0.4 then 0.6; its
/// id.
int64_t storeWithOneRun(const std::string& db, int64_t epochs) {
  ExperimentStore store(db);
  RunRecord run;
  run.spec = faultVgg();
  run.epochs = 3;
  const int64_t id = store.beginRun(run);
  const double testAccuracy[] = {0.4, 0.6};
  for (int64_t e = 0; e < epochs; ++e)
    store.addEpoch(id, {e, 2.0, 0.3, testAccuracy[e], 1.0, 100.0});
  return id;
}

TEST(Faults, AFullDiskWhileWritingACheckpointKeepsThePreviousOne) {
  const std::string path = faultScratch("full.ckpt").string();
  torch::manual_seed(1);
  auto model = buildModel(faultVgg());
  saveCheckpoint(path, faultVgg(), *model, nullptr, 1);
  const auto before = fs::file_size(path);
  ASSERT_GT(before, 100000u);

  // The next epoch's checkpoint meets a disk with room for a tenth of it.
  torch::NoGradGuard noGrad;
  for (auto& p : model->parameters()) p.add_(1.0);
  const std::string message = messageUnderFileSizeLimit(
      before / 10, [&] { saveCheckpoint(path, faultVgg(), *model, nullptr, 2); });
  EXPECT_NE(message.find("cannot write checkpoint " + path), std::string::npos) << message;
  EXPECT_NE(message.find("File too large"), std::string::npos) << message;
  EXPECT_NE(message.find("previous checkpoint"), std::string::npos) << message;

  // The previous checkpoint is there, whole, and no partial file is left beside it.
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  EXPECT_EQ(fs::file_size(path), before);
  const CheckpointInfo info = readCheckpointInfo(path);
  EXPECT_EQ(info.epoch, 1);
  auto reloaded = buildModel(info.spec);
  loadCheckpoint(path, *reloaded, nullptr);
  const auto a = model->named_parameters(), b = reloaded->named_parameters();
  for (const auto& item : b) EXPECT_TRUE(torch::equal(item.value() + 1.0, a[item.key()]));
  fs::remove(path);
}

TEST(Faults, AFullDiskWhileWritingTheStoreKeepsEveryRow) {
  const std::string db = faultScratch("full.sqlite").string();
  const int64_t id = storeWithOneRun(db, 2);
  const std::string message = messageUnderFileSizeLimit(4096, [&] {
    ExperimentStore store(db);
    for (int64_t epoch = 2; epoch < 200; ++epoch)
      store.addEpoch(id, {epoch, 1.0, 0.7, 0.8, 1.0, 100.0});
  });
  EXPECT_NE(message.find("experiment store " + db), std::string::npos) << message;
  EXPECT_NE(message.find("File too large"), std::string::npos) << message;

  ExperimentStore store(db);
  const auto runs = store.runs();
  ASSERT_EQ(runs.size(), 1u);
  const auto epochs = store.epochs(id);
  ASSERT_EQ(epochs.size(), 2u);
  EXPECT_EQ(epochs[1].testAccuracy, 0.6);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_close(raw);
}

TEST(Faults, AStoreLockedByAnotherProcessWaitsThenFailsClearly) {
  const std::string db = faultScratch("locked.sqlite").string();
  const int64_t id = storeWithOneRun(db, 1);
  // Another process takes the write lock and holds it for 3 s.
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t holder = ::fork();
  if (holder == 0) {
    sqlite3* raw = nullptr;
    sqlite3_open(db.c_str(), &raw);
    const bool locked =
        sqlite3_exec(raw, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    (void)!::write(ready[1], locked ? "y" : "n", 1);
    ::sleep(3);
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    ::_exit(0);
  }
  char answer = 0;
  ASSERT_EQ(::read(ready[0], &answer, 1), 1);
  ASSERT_EQ(answer, 'y');

  // Opening and reading do not wait for it (WAL readers); a write waits 0.5 s, then says why.
  ExperimentStore store(db, 500);
  EXPECT_EQ(store.epochs(id).size(), 1u);
  const auto start = std::chrono::steady_clock::now();
  try {
    store.addEpoch(id, {1, 1.0, 0.5, 0.6, 1.0, 100.0});
    ADD_FAILURE() << "wrote into a locked store";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is locked by another process"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(db), std::string::npos) << e.what();
  }
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(waited, 0.45);
  EXPECT_LT(waited, 2.5);
  int status = 0;
  ::waitpid(holder, &status, 0);
  // Released: the same write goes through, and nothing before it was lost.
  store.addEpoch(id, {1, 1.0, 0.5, 0.6, 1.0, 100.0});
  EXPECT_EQ(store.epochs(id).size(), 2u);
  ::close(ready[0]);
  ::close(ready[1]);
}

// Issue 26: a run that fails while the store cannot take its "failed" status (another writer
// holds it) fails with its own error, not with the store's, which would hide what went wrong.
TEST(Faults, ARunsOwnErrorIsKeptWhenTheStoreCannotRecordTheFailure) {
  const std::string db = faultScratch("first-error.sqlite").string();
  ExperimentStore store(db, 200);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  TrainConfig config;
  config.spec = faultVgg();
  config.epochs = 1;
  config.batchSize = 32;
  config.trainSubset = 64;
  config.testSubset = 32;
  std::string message = "no error";
  try {
    runExperiment(config, store, [other](const TrainProgress&) -> bool {
      // From the first batch on, another connection holds the write lock; then the run fails.
      sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      throw std::runtime_error("the run's own error");
    });
  } catch (const std::exception& e) {
    message = e.what();
  }
  EXPECT_EQ(message, "the run's own error");
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
}

}  // namespace
}  // namespace ghostlens
