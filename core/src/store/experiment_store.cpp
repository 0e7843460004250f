#include "ghostlens/store/experiment_store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "../util/json_numbers.h"
#include "ghostlens/models/ghost_plan.h"
#include "ghostlens/util/csv_table.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

std::string nowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

/// Turns a failed SQLite call into the exception a person can act on. A file that is not a store
/// (or a damaged one) is bad input; a store another process holds past the busy timeout, a full
/// disk and I/O errors are failures while working. A failed write leaves the rows committed
/// before it intact: every write is one transaction.
[[noreturn]] void throwStoreError(sqlite3* db, int rc) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  const std::string store =
      std::string("experiment store ") + (file && *file ? file : "(in memory)");
  const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
    case SQLITE_SCHEMA:
    case SQLITE_MISMATCH:
    case SQLITE_CONSTRAINT:
    case SQLITE_NOMEM:  // what SQLite reports for some damaged records (found by fuzzing)
      throw InputError(store + " is not a GhostLens store or is damaged: " + message);
    case SQLITE_READONLY:  // a read-only file, or a header asking for a newer SQLite (fuzzing)
      throw InputError(store + " cannot be written: " + message);
    case SQLITE_ERROR:
      // Our statements are fixed; one that fails to prepare meets a database of another schema.
      throw InputError(store + " is not a GhostLens store: " + message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw std::runtime_error(store +
                               " is locked by another process that did not release it in time (" +
                               message + "); try again when it has finished");
    case SQLITE_FULL:
      throw std::runtime_error(store + ": the disk is full (" + message +
                               "); this change was not written, earlier rows are intact");
    default: {
      // An I/O error's cause ("No space left on device", "File too large") is in errno.
      const int cause = db ? sqlite3_system_errno(db) : 0;
      throw std::runtime_error(store + ": " + message +
                               (cause ? std::string(" (") + std::strerror(cause) + ")" : ""));
    }
  }
}

/// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr); rc != SQLITE_OK)
      throwStoreError(db, rc);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, int64_t v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Statement& bind(int i, double v) { return check(sqlite3_bind_double(stmt_, i, v)); }
  Statement& bind(int i, const std::string& v) {
    return check(sqlite3_bind_text(stmt_, i, v.c_str(), -1, SQLITE_TRANSIENT));
  }
  /// true while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throwStoreError(db_, rc);
  }
  int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) throwStoreError(db_, rc);
    return *this;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

const char* kRunColumns =
    "id, arch, width, ratio, dw, in_c, in_h, in_w, classes, params, macs, epochs, seed, "
    "test_accuracy, train_seconds, images_per_second, status, started_at, ended_at, checkpoint, "
    "plan";

RunRecord readRun(const Statement& s) {
  RunRecord r;
  r.id = s.integer(0);
  const auto arch = parseArchitecture(s.text(1));
  if (!arch) {
    throw InputError("experiment store: run " + std::to_string(r.id) + " has an unknown model '" +
                     s.text(1) + "'");
  }
  r.spec.arch = *arch;
  r.spec.width = s.real(2);
  r.spec.ratio = s.integer(3);
  r.spec.dw = s.integer(4);
  r.spec.input = {s.integer(5), s.integer(6), s.integer(7)};
  r.spec.classes = s.integer(8);
  r.params = s.integer(9);
  r.macs = s.integer(10);
  r.epochs = s.integer(11);
  r.seed = static_cast<uint64_t>(s.integer(12));
  r.testAccuracy = s.real(13);
  r.trainSeconds = s.real(14);
  r.imagesPerSecond = s.real(15);
  r.status = s.text(16);
  r.startedAt = s.text(17);
  r.endedAt = s.text(18);
  r.checkpointPath = s.text(19);
  setSpecPlan(r.spec, s.text(20), "experiment store: run " + std::to_string(r.id));
  return r;
}

}  // namespace

ExperimentStore::ExperimentStore(const std::string& path, int busyTimeoutMs) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw InputError("cannot open experiment store " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, busyTimeoutMs);
  // The constructor throws past the destructor: close the connection on the way out.
  try {
    initialise();
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

void ExperimentStore::initialise() {
  execute("PRAGMA journal_mode=WAL");
  execute("PRAGMA synchronous=NORMAL");
  execute(
      "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, arch TEXT NOT NULL,"
      " width REAL, ratio INTEGER, dw INTEGER, in_c INTEGER, in_h INTEGER, in_w INTEGER,"
      " classes INTEGER, params INTEGER, macs INTEGER, epochs INTEGER, seed INTEGER,"
      " test_accuracy REAL, train_seconds REAL, images_per_second REAL, status TEXT NOT NULL,"
      " started_at TEXT, ended_at TEXT, checkpoint TEXT, plan TEXT NOT NULL DEFAULT '');"
      "CREATE TABLE IF NOT EXISTS epochs (run_id INTEGER NOT NULL REFERENCES runs(id),"
      " epoch INTEGER NOT NULL, train_loss REAL, train_accuracy REAL, test_accuracy REAL,"
      " seconds REAL, images_per_second REAL, PRIMARY KEY (run_id, epoch));");
  // Stores made before per-layer plans lack the column; their runs have no plan. Added in a
  // write transaction, so that two processes opening an old store do not both add it; looked
  // for first without one, so that opening a store another process is writing does not wait.
  const auto hasPlan = [this] {
    Statement columns(db_, "PRAGMA table_info(runs)");
    bool found = false;
    while (columns.step()) found = found || columns.text(1) == "plan";
    return found;
  };
  if (!hasPlan()) {
    transaction([&] {
      if (!hasPlan()) execute("ALTER TABLE runs ADD COLUMN plan TEXT NOT NULL DEFAULT ''");
    });
  }
}

ExperimentStore::~ExperimentStore() { sqlite3_close(db_); }

void ExperimentStore::execute(const std::string& sql) const {
  if (const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); rc != SQLITE_OK)
    throwStoreError(db_, rc);
}

void ExperimentStore::transaction(const std::function<void()>& work) {
  // IMMEDIATE takes the write lock at once: a concurrent writer waits (busy timeout) instead of
  // failing half-way through.
  execute("BEGIN IMMEDIATE");
  try {
    work();
    execute("COMMIT");
  } catch (...) {
    // After some errors (a full disk) SQLite has already rolled back; this must not throw over
    // the error being reported.
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

int64_t ExperimentStore::beginRun(const RunRecord& run) {
  int64_t id = 0;
  transaction([&] {
    Statement s(
        db_,
        "INSERT INTO runs (arch, width, ratio, dw, in_c, in_h, in_w, classes, params, macs,"
        " epochs, seed, test_accuracy, train_seconds, images_per_second, status, started_at,"
        " checkpoint, plan) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,0,0,'running',?,?,?)");
    s.bind(1, architectureName(run.spec.arch)).bind(2, run.spec.width).bind(3, run.spec.ratio);
    s.bind(4, run.spec.dw).bind(5, run.spec.input[0]).bind(6, run.spec.input[1]);
    s.bind(7, run.spec.input[2]).bind(8, run.spec.classes).bind(9, run.params).bind(10, run.macs);
    s.bind(11, run.epochs).bind(12, static_cast<int64_t>(run.seed)).bind(13, nowUtc());
    s.bind(14, run.checkpointPath).bind(15, specPlanText(run.spec));
    s.step();
    id = sqlite3_last_insert_rowid(db_);
  });
  return id;
}

void ExperimentStore::restartRun(int64_t id) {
  transaction([&] {
    Statement s(db_, "UPDATE runs SET status='running', ended_at=NULL WHERE id=?");
    s.bind(1, id);
    s.step();
  });
}

void ExperimentStore::addEpoch(int64_t runId, const EpochMetrics& e) {
  transaction([&] {
    Statement s(db_,
                "INSERT OR REPLACE INTO epochs (run_id, epoch, train_loss, train_accuracy,"
                " test_accuracy, seconds, images_per_second) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, runId).bind(2, e.epoch).bind(3, e.trainLoss).bind(4, e.trainAccuracy);
    s.bind(5, e.testAccuracy).bind(6, e.seconds).bind(7, e.imagesPerSecond);
    s.step();
  });
}

void ExperimentStore::finishRun(int64_t id, const std::string& status, double testAccuracy,
                                double trainSeconds, double imagesPerSecond) {
  transaction([&] {
    Statement s(db_,
                "UPDATE runs SET status=?, test_accuracy=?, train_seconds=?, images_per_second=?,"
                " ended_at=? WHERE id=?");
    s.bind(1, status).bind(2, testAccuracy).bind(3, trainSeconds).bind(4, imagesPerSecond);
    s.bind(5, nowUtc()).bind(6, id);
    s.step();
  });
}

std::vector<RunRecord> ExperimentStore::runs() const {
  Statement s(db_, std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id");
  std::vector<RunRecord> out;
  while (s.step()) out.push_back(readRun(s));
  return out;
}

std::vector<EpochMetrics> ExperimentStore::epochs(int64_t runId) const {
  Statement s(db_,
              "SELECT epoch, train_loss, train_accuracy, test_accuracy, seconds,"
              " images_per_second FROM epochs WHERE run_id=? ORDER BY epoch");
  s.bind(1, runId);
  std::vector<EpochMetrics> out;
  while (s.step()) {
    out.push_back({s.integer(0), s.real(1), s.real(2), s.real(3), s.real(4), s.real(5)});
  }
  return out;
}

std::optional<RunRecord> ExperimentStore::latestRun(const ModelSpec& spec, int64_t epochs,
                                                    uint64_t seed) const {
  Statement s(db_, std::string("SELECT ") + kRunColumns +
                       " FROM runs WHERE arch=? AND width=? AND ratio=? AND dw=? AND in_c=? AND"
                       " in_h=? AND in_w=? AND classes=? AND epochs=? AND seed=? AND plan=?"
                       " ORDER BY id DESC LIMIT 1");
  s.bind(1, architectureName(spec.arch)).bind(2, spec.width).bind(3, spec.ratio).bind(4, spec.dw);
  s.bind(5, spec.input[0]).bind(6, spec.input[1]).bind(7, spec.input[2]).bind(8, spec.classes);
  s.bind(9, epochs).bind(10, static_cast<int64_t>(seed)).bind(11, specPlanText(spec));
  if (!s.step()) return std::nullopt;
  return readRun(s);
}

std::string ExperimentStore::toCsv() const {
  CsvTable table;
  table.header = {"id",
                  "model",
                  "width",
                  "ratio",
                  "dw",
                  "input",
                  "classes",
                  "params",
                  "macs",
                  "epochs",
                  "seed",
                  "test_accuracy",
                  "train_seconds",
                  "images_per_second",
                  "status",
                  "started_at",
                  "ended_at",
                  "checkpoint"};
  for (const RunRecord& r : runs()) {
    table.rows.push_back(
        {std::to_string(r.id), architectureName(r.spec.arch), csvNumber(r.spec.width),
         std::to_string(r.spec.ratio), std::to_string(r.spec.dw),
         std::to_string(r.spec.input[0]) + "x" + std::to_string(r.spec.input[1]) + "x" +
             std::to_string(r.spec.input[2]),
         std::to_string(r.spec.classes), std::to_string(r.params), std::to_string(r.macs),
         std::to_string(r.epochs), std::to_string(r.seed), csvNumber(r.testAccuracy),
         csvNumber(r.trainSeconds), csvNumber(r.imagesPerSecond), r.status, r.startedAt, r.endedAt,
         r.checkpointPath});
  }
  return ghostlens::toCsv(table);
}

namespace {

// toJson() and runsFromJson() share these key names through this pair of functions.
nlohmann::json runToJson(const RunRecord& r) {
  return {{"id", r.id},
          {"model", architectureName(r.spec.arch)},
          {"width", r.spec.width},
          {"ratio", r.spec.ratio},
          {"dw", r.spec.dw},
          {"input", r.spec.input},
          {"classes", r.spec.classes},
          {"params", r.params},
          {"macs", r.macs},
          {"epochs", r.epochs},
          {"seed", r.seed},
          {"test_accuracy", r.testAccuracy},
          {"train_seconds", r.trainSeconds},
          {"images_per_second", r.imagesPerSecond},
          {"status", r.status},
          {"started_at", r.startedAt},
          {"ended_at", r.endedAt},
          {"checkpoint", r.checkpointPath},
          {"plan", r.spec.hasPlan() ? nlohmann::json::parse(specPlanText(r.spec)) : nullptr}};
}

RunRecord runFromJson(const nlohmann::json& j) {
  RunRecord r;
  r.id = j.at("id").get<int64_t>();
  const auto arch = parseArchitecture(j.at("model").get<std::string>());
  if (!arch) throw InputError("unknown model " + j.at("model").dump());
  r.spec.arch = *arch;
  r.spec.width = j.at("width").get<double>();
  r.spec.ratio = j.at("ratio").get<int64_t>();
  r.spec.dw = j.at("dw").get<int64_t>();
  r.spec.input = j.at("input").get<std::array<int64_t, 3>>();
  r.spec.classes = j.at("classes").get<int64_t>();
  r.params = j.at("params").get<int64_t>();
  r.macs = j.at("macs").get<int64_t>();
  r.epochs = j.at("epochs").get<int64_t>();
  r.seed = j.at("seed").get<uint64_t>();
  r.testAccuracy = j.at("test_accuracy").get<double>();
  r.trainSeconds = j.at("train_seconds").get<double>();
  r.imagesPerSecond = j.at("images_per_second").get<double>();
  r.status = j.at("status").get<std::string>();
  r.startedAt = j.at("started_at").get<std::string>();
  r.endedAt = j.at("ended_at").get<std::string>();
  r.checkpointPath = j.at("checkpoint").get<std::string>();
  if (j.contains("plan") && !j.at("plan").is_null())
    setSpecPlan(r.spec, j.at("plan").dump(), "runs");
  return r;
}

}  // namespace

std::string ExperimentStore::toJson() const {
  nlohmann::json all = nlohmann::json::array();
  for (const RunRecord& r : runs()) {
    nlohmann::json epochs = nlohmann::json::array();
    for (const EpochMetrics& e : this->epochs(r.id)) {
      epochs.push_back({{"epoch", e.epoch},
                        {"train_loss", e.trainLoss},
                        {"train_accuracy", e.trainAccuracy},
                        {"test_accuracy", e.testAccuracy},
                        {"seconds", e.seconds},
                        {"images_per_second", e.imagesPerSecond}});
    }
    nlohmann::json run = runToJson(r);
    run["per_epoch"] = std::move(epochs);
    all.push_back(std::move(run));
  }
  // Text columns of a store from elsewhere need not be UTF-8: shown replaced, not refused.
  return all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<RunRecord> runsFromJson(const std::string& text) {
  std::vector<RunRecord> runs;
  try {
    for (const auto& j : parseCheckedJson(text, "runs JSON")) runs.push_back(runFromJson(j));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("runs JSON: ") + e.what());
  }
  return runs;
}

}  // namespace ghostlens
