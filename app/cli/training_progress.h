#pragma once

#include <cstdint>
#include <string>

#include "ghostlens/training/experiment_runner.h"
#include "progress_line.h"

namespace ghostlens::cli {

/// What `train` and `sweep` show while a run trains: on a terminal a line of the batches with
/// loss, accuracy, speed and the run's ETA; in every mode but quiet one line per epoch with its
/// train and test figures.
class TrainingProgress {
 public:
  TrainingProgress(bool quiet, int64_t epochs);

  /// For runExperiment / runSweep.
  TrainCallback batches();
  RunEvents events();

  /// A line that stays (a sweep's next configuration).
  void line(const std::string& text) { progress_.line(text); }
  /// The next batch starts a new run: its ETA is measured afresh.
  void nextRun() { progress_.finish(); }
  void finish() { progress_.finish(); }

  /// "epoch 2/5: train loss 0.4123, train accuracy 0.8512, test accuracy 0.8470, 12.3 s"
  static std::string epochLine(const EpochMetrics& m, int64_t epochs);

 private:
  void onBatch(const TrainProgress& p);

  ProgressLine progress_;
  int64_t epochs_;
  int64_t firstEpoch_ = 0;  ///< a resumed run starts at its first epoch not done
};

}  // namespace ghostlens::cli
