#include "train_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "ghostlens/training/checkpoint.h"
#include "ghostlens/training/experiment_runner.h"
#include "model_options.h"

namespace ghostlens::cli {

namespace {

struct TrainSettings {
  ModelOptions model;
  TrainConfig config;
  std::string store;
};

void run(TrainSettings& s) {
  TrainConfig config = s.config;
  config.spec = s.model.spec();
  std::printf("training %s width %g s=%lld d=%lld on %lldx%lldx%lld, %lld epochs, seed %llu\n",
              architectureName(config.spec.arch).c_str(), config.spec.width,
              static_cast<long long>(config.spec.ratio), static_cast<long long>(config.spec.dw),
              static_cast<long long>(config.spec.input[0]),
              static_cast<long long>(config.spec.input[1]),
              static_cast<long long>(config.spec.input[2]), static_cast<long long>(config.epochs),
              static_cast<unsigned long long>(config.seed));
  std::fflush(stdout);
  if (!config.checkpointPath.empty() && std::filesystem::exists(config.checkpointPath)) {
    std::printf("resuming from epoch %lld of %s\n",
                static_cast<long long>(readCheckpointInfo(config.checkpointPath).epoch),
                config.checkpointPath.c_str());
  }
  int64_t lastEpoch = -1;
  ExperimentStore store(storePath(s.store));
  const RunRecord record = runExperiment(config, store, [&lastEpoch](const TrainProgress& p) {
    if (p.batch == p.batches && p.epoch != lastEpoch) {
      lastEpoch = p.epoch;
      std::fprintf(stderr, "epoch %lld/%lld: loss %.4f, train accuracy %.4f, %.0f images/s\n",
                   static_cast<long long>(p.epoch + 1), static_cast<long long>(p.epochs), p.loss,
                   p.accuracy, p.imagesPerSecond);
    }
    return true;
  });
  for (const EpochRecord& m : store.epochs(record.id)) {
    std::printf("epoch %lld: train loss %.4f, train accuracy %.4f, test accuracy %.4f, %.1f s\n",
                static_cast<long long>(m.epoch + 1), m.trainLoss, m.trainAccuracy, m.testAccuracy,
                m.seconds);
  }
  std::printf("test accuracy %.4f after %lld epochs (run %lld, %s); %.1f s, %.0f images/s\n",
              record.testAccuracy, static_cast<long long>(config.epochs),
              static_cast<long long>(record.id), record.status.c_str(), record.trainSeconds,
              record.imagesPerSecond);
}

}  // namespace

Command addTrainCommand(CLI::App& app) {
  auto s = std::make_shared<TrainSettings>();
  CLI::App* command = app.add_subcommand("train", "Train one model configuration on Fashion-MNIST");
  s->model.useFashionMnistDefaults();
  s->model.addTo(*command);
  TrainConfig& c = s->config;
  command->add_option("--epochs", c.epochs, "Epochs")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--batch", c.batchSize, "Batch size")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  command->add_option("--lr", c.learningRate, "Peak learning rate")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--momentum", c.momentum, "SGD momentum")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--weight-decay", c.weightDecay, "Weight decay")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--label-smoothing", c.labelSmoothing, "Label smoothing")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--warmup", c.warmupEpochs, "Warm-up epochs")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command->add_option("--seed", c.seed, "Random seed")->capture_default_str();
  command->add_option("--train-subset", c.trainSubset, "Use only the first N training images")
      ->check(CLI::Range(0, 60000));
  command->add_option("--test-subset", c.testSubset, "Use only the first N test images")
      ->check(CLI::Range(0, 10000));
  command->add_flag("!--no-augment", c.augment, "Turn off random crop and flip");
  command->add_option("--data-dir", c.dataDirectory, "Fashion-MNIST IDX directory")
      ->capture_default_str();
  command->add_option("--checkpoint", c.checkpointPath,
                      "Checkpoint written after every epoch; resumed from when it exists");
  command->add_option("--store", s->store,
                      "Experiment store (default: ~/.local/share/ghostlens/runs.sqlite)");
  return {command, [s] { run(*s); }};
}

}  // namespace ghostlens::cli
