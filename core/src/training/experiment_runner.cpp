#include "ghostlens/training/experiment_runner.h"

#include <cctype>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/training/paper_sweep.h"

namespace ghostlens {

std::string defaultStorePath() {
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    base = std::filesystem::current_path();
  }
  std::filesystem::create_directories(base / "ghostlens");
  return (base / "ghostlens" / "runs.sqlite").string();
}

std::string storePath(const std::string& requested) {
  if (requested.empty()) return defaultStorePath();
  const std::filesystem::path folder = std::filesystem::path(requested).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder);
  return requested;
}

std::string runName(const ModelSpec& spec, int64_t epochs, uint64_t seed) {
  std::ostringstream name;
  name << architectureName(spec.arch) << "_w" << spec.width << "_s" << spec.ratio << "_d" << spec.dw
       << "_" << spec.input[0] << "x" << spec.input[1] << "x" << spec.input[2] << "_e" << epochs
       << "_seed" << seed;
  if (spec.hasPlan()) {
    // The plan's name, kept to characters every file system takes.
    std::string plan = spec.planName.empty() ? "plan" : spec.planName;
    for (char& c : plan) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
    }
    name << "_plan-" << plan;
  }
  return name.str();
}

RunRecord runExperiment(const TrainConfig& config, ExperimentStore& store,
                        const TrainCallback& callback, const RunEvents& events) {
  const ComplexityReport cost = countComplexity(config.spec);
  const std::optional<RunRecord> earlier = store.latestRun(config.spec, config.epochs, config.seed);
  int64_t id = 0;
  if (earlier && earlier->status != "finished") {
    id = earlier->id;
    store.restartRun(id);
  } else {
    RunRecord row;
    row.spec = config.spec;
    row.params = cost.params;
    row.macs = cost.macs;
    row.epochs = config.epochs;
    row.seed = config.seed;
    row.checkpointPath = config.checkpointPath;
    id = store.beginRun(row);
  }
  if (events.started) events.started(id, store.epochs(id));
  try {
    const TrainResult result = train(config, callback, [&](const EpochMetrics& m) {
      store.addEpoch(id, m);
      if (events.epoch) events.epoch(id, m);
    });
    // Seconds and throughput add up over the sessions of a resumed run.
    double seconds = 0, images = 0;
    for (const EpochMetrics& e : store.epochs(id)) {
      seconds += e.seconds;
      images += e.seconds * e.imagesPerSecond;
    }
    store.finishRun(id, result.cancelled ? "cancelled" : "finished", result.testAccuracy, seconds,
                    seconds > 0 ? images / seconds : 0.0);
  } catch (...) {
    // The run's own error is what the caller must see. Recording "failed" can fail too (the
    // store locked or the disk full); the row then stays "running", which a later run of the
    // same configuration takes up again, so nothing is lost by dropping that second error.
    try {
      store.finishRun(id, "failed", 0, 0, 0);
    } catch (...) {
    }
    throw;
  }
  for (const RunRecord& r : store.runs()) {
    if (r.id == id) return r;
  }
  throw std::runtime_error("experiment store lost run " + std::to_string(id));
}

std::vector<ModelSpec> sweepSpecs(const ModelSpec& base, const std::vector<int64_t>& ratios,
                                  const std::vector<int64_t>& dws) {
  std::vector<ModelSpec> specs;
  auto add = [&](int64_t ratio, int64_t dw) {
    ModelSpec s = base;
    s.ratio = ratio;
    s.dw = dw;
    const bool seen = std::any_of(specs.begin(), specs.end(), [&](const ModelSpec& o) {
      return o.ratio == s.ratio && (o.ratio == 1 || o.dw == s.dw);
    });
    if (!seen) specs.push_back(s);
  };
  for (int64_t ratio : ratios) add(ratio, PaperSweep::kKernelOfRatioSweep);
  for (int64_t dw : dws) add(PaperSweep::kRatioOfKernelSweep, dw);
  return specs;
}

std::vector<RunRecord> runSweep(const TrainConfig& base, const std::vector<int64_t>& ratios,
                                const std::vector<int64_t>& dws, const std::string& checkpointDir,
                                ExperimentStore& store, const SweepCallback& onConfig,
                                const TrainCallback& callback, const RunEvents& events) {
  std::filesystem::create_directories(checkpointDir);
  const std::vector<ModelSpec> specs = sweepSpecs(base.spec, ratios, dws);
  std::vector<RunRecord> records;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const std::optional<RunRecord> earlier = store.latestRun(specs[i], base.epochs, base.seed);
    const bool finished = earlier && earlier->status == "finished";
    if (onConfig) onConfig(i, specs.size(), specs[i], finished);
    if (finished) {
      records.push_back(*earlier);
      continue;
    }
    TrainConfig config = base;
    config.spec = specs[i];
    config.checkpointPath = (std::filesystem::path(checkpointDir) /
                             (runName(specs[i], base.epochs, base.seed) + ".ckpt"))
                                .string();
    records.push_back(runExperiment(config, store, callback, events));
    if (records.back().status == "cancelled") break;
  }
  return records;
}

}  // namespace ghostlens
