#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/training/epoch_metrics.h"

struct sqlite3;

namespace ghostlens {

/// One training run as the store keeps it.
struct RunRecord {
  int64_t id = 0;
  ModelSpec spec;
  int64_t params = 0;
  int64_t macs = 0;
  int64_t epochs = 0;
  uint64_t seed = 0;
  double testAccuracy = 0;
  double trainSeconds = 0;
  double imagesPerSecond = 0;
  std::string status;              ///< "running", "finished", "cancelled" or "failed"
  std::string startedAt, endedAt;  ///< UTC, ISO 8601
  std::string checkpointPath;
};

/// The experiment store: an SQLite database in WAL mode with a row per run and per-epoch
/// metrics. Several processes may write at once: every write is one IMMEDIATE transaction and
/// waits (busy timeout) for the others instead of failing, so no row is lost.
class ExperimentStore {
 public:
  /// How long a write waits for another process holding the store before giving up.
  static constexpr int kBusyTimeoutMs = 30000;

  /// Opens or creates the database. Throws InputError naming the file when it cannot be opened
  /// or is not a GhostLens store (or is damaged), std::runtime_error when another process holds
  /// it for longer than `busyTimeoutMs`, the disk is full, or on I/O errors. Every method throws
  /// the same way.
  explicit ExperimentStore(const std::string& path, int busyTimeoutMs = kBusyTimeoutMs);
  ~ExperimentStore();
  ExperimentStore(const ExperimentStore&) = delete;
  ExperimentStore& operator=(const ExperimentStore&) = delete;

  /// Inserts a run with status "running" and the start time; returns its id.
  int64_t beginRun(const RunRecord& run);
  /// Marks an unfinished run as running again (it is being resumed).
  void restartRun(int64_t id);
  /// Records an epoch of run `runId`, replacing the row of the same epoch (a resumed run may
  /// repeat the epoch a crash interrupted).
  void addEpoch(int64_t runId, const EpochMetrics& epoch);
  /// Sets the final status, accuracy, time and throughput, and the end time.
  void finishRun(int64_t id, const std::string& status, double testAccuracy, double trainSeconds,
                 double imagesPerSecond);

  std::vector<RunRecord> runs() const;
  std::vector<EpochMetrics> epochs(int64_t runId) const;
  /// The newest run of this spec, epoch count and seed, if any.
  std::optional<RunRecord> latestRun(const ModelSpec& spec, int64_t epochs, uint64_t seed) const;

  std::string toCsv() const;
  /// Every run with its epochs; what `ghostlens-cli runs --json` prints.
  std::string toJson() const;

 private:
  void initialise();
  void execute(const std::string& sql) const;
  /// Runs `work` in one IMMEDIATE transaction, rolled back when it throws.
  void transaction(const std::function<void()>& work);
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// Runs from toJson()'s text (the per-epoch rows are not read back). Throws InputError
/// when the text is not that format.
std::vector<RunRecord> runsFromJson(const std::string& text);

}  // namespace ghostlens
