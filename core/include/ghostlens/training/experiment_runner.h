#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ghostlens/store/experiment_store.h"
#include "ghostlens/training/trainer.h"

namespace ghostlens {

/// Where GhostLens keeps its experiment store unless told otherwise:
/// $XDG_DATA_HOME/ghostlens/runs.sqlite, or ~/.local/share/ghostlens/runs.sqlite.
std::string defaultStorePath();

/// `requested` with its folder created, or defaultStorePath() when `requested` is empty.
std::string storePath(const std::string& requested);

/// What a recorded run tells as it goes, besides its batches (TrainCallback): a watcher follows
/// its own run, whoever else writes to the store.
struct RunEvents {
  /// The run's row in the store, and the epochs it already holds (a resumed run keeps its row).
  std::function<void(int64_t runId, const std::vector<EpochMetrics>& earlier)> started;
  /// An epoch ended and the store has it.
  std::function<void(int64_t runId, const EpochMetrics& epoch)> epoch;
};

/// Trains one configuration and records it in the store: a run row (params and MACs counted at
/// the model's input), one row per epoch as it completes, and the final status. A run of the
/// same spec, epochs and seed that the store holds as unfinished is taken up again (its
/// checkpoint resumes it) instead of starting a new row. Returns the run's final record.
RunRecord runExperiment(const TrainConfig& config, ExperimentStore& store,
                        const TrainCallback& callback = {}, const RunEvents& events = {});

/// The configurations of a sweep (the paper's Tables 2 and 3): each s of `ratios` at
/// PaperSweep's fixed d (s = 1 is the vanilla model), then each d of `dws` at its fixed s,
/// without repeats.
std::vector<ModelSpec> sweepSpecs(const ModelSpec& base, const std::vector<int64_t>& ratios,
                                  const std::vector<int64_t>& dws);

/// Called before each configuration of a sweep: (index, count, spec, skipped because finished).
using SweepCallback = std::function<void(std::size_t, std::size_t, const ModelSpec&, bool)>;

/// Runs every configuration of a sweep that the store does not hold as finished, each with its
/// checkpoint `checkpointDir`/<name>.ckpt. Returns the records of all configurations.
std::vector<RunRecord> runSweep(const TrainConfig& base, const std::vector<int64_t>& ratios,
                                const std::vector<int64_t>& dws, const std::string& checkpointDir,
                                ExperimentStore& store, const SweepCallback& onConfig = {},
                                const TrainCallback& callback = {}, const RunEvents& events = {});

/// "vgg16_w0.25_s2_d3_e10_seed0": a file-name-safe name of a configuration.
std::string runName(const ModelSpec& spec, int64_t epochs, uint64_t seed);

}  // namespace ghostlens
