#include "train_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/network.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/training/experiment_runner.h"
#include "model_options.h"
#include "progress_line.h"
#include "train_options.h"
#include "training_progress.h"

namespace ghostlens::cli {

namespace {

struct TrainSettings {
  ModelOptions model;
  TrainConfig config;
  std::string store;
  const GlobalOptions* global = nullptr;  ///< --threads and --quiet, before or after the command
};

void run(TrainSettings& s) {
  TrainConfig config = s.config;
  config.spec = s.model.spec();
  std::printf("training %s on %lldx%lldx%lld, %lld epochs, seed %llu\n",
              describeSpec(config.spec).c_str(), static_cast<long long>(config.spec.input[0]),
              static_cast<long long>(config.spec.input[1]),
              static_cast<long long>(config.spec.input[2]), static_cast<long long>(config.epochs),
              static_cast<unsigned long long>(config.seed));
  std::fflush(stdout);
  if (!config.checkpointPath.empty() && std::filesystem::exists(config.checkpointPath)) {
    std::printf("resuming from epoch %lld of %s\n",
                static_cast<long long>(readCheckpointInfo(config.checkpointPath).epoch),
                config.checkpointPath.c_str());
    std::fflush(stdout);
  }
  TrainingProgress progress(s.global->quiet, config.epochs);
  ExperimentStore store(storePath(s.store));
  const RunRecord record = runExperiment(config, store, progress.batches(), progress.events());
  progress.finish();
  std::printf("test accuracy %.4f after %lld epochs (run %lld, %s); %.1f s, %.0f images/s\n",
              record.testAccuracy, static_cast<long long>(config.epochs),
              static_cast<long long>(record.id), record.status.c_str(), record.trainSeconds,
              record.imagesPerSecond);
}

void exportWeights(const std::string& from, const std::string& to) {
  const CheckpointInfo info = readCheckpointInfo(from);
  auto model = buildModel(info.spec);
  loadCheckpoint(from, *model, nullptr);
  saveCheckpoint(to, info.spec, *model, nullptr, info.epoch);
  std::printf("%s: weights of %s (epoch %lld) without optimizer state\n", to.c_str(), from.c_str(),
              static_cast<long long>(info.epoch));
}

}  // namespace

Command addExportWeightsCommand(CLI::App& app, GlobalOptions& global) {
  auto paths = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* command =
      app.add_subcommand("export-weights", "Copy a checkpoint without its optimizer state");
  command->add_option("--weights", paths->first, "Checkpoint to read")->required();
  command->add_option("--output", paths->second, "Weights-only checkpoint to write")->required();
  addGlobalOptions(*command, global);
  return {command, [paths] { exportWeights(paths->first, paths->second); }};
}

Command addTrainCommand(CLI::App& app, GlobalOptions& global) {
  auto s = std::make_shared<TrainSettings>();
  CLI::App* command = app.add_subcommand("train", "Train one model configuration on Fashion-MNIST");
  s->model.useFashionMnistDefaults();
  s->model.addTo(*command);
  s->model.addPlanTo(*command);
  addTrainingOptions(*command, s->config);
  command->add_option("--checkpoint", s->config.checkpointPath,
                      "Checkpoint written after every epoch; resumed from when it exists");
  addStoreOption(*command, s->store);
  s->global = &global;
  addGlobalOptions(*command, global);
  return {command, [s] { run(*s); }};
}

}  // namespace ghostlens::cli
