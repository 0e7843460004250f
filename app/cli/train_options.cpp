#include "train_options.h"

namespace ghostlens::cli {

void addTrainingOptions(CLI::App& command, TrainConfig& c) {
  command.add_option("--epochs", c.epochs, "Epochs (per run)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command.add_option("--batch", c.batchSize, "Batch size")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  // Not CLI::PositiveNumber, whose message spells out the largest double (309 digits).
  command.add_option("--lr", c.learningRate, "Peak learning rate")
      ->check(CLI::Range(1e-6, 10.0))
      ->capture_default_str();
  command.add_option("--momentum", c.momentum, "SGD momentum")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command.add_option("--weight-decay", c.weightDecay, "Weight decay")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command.add_option("--label-smoothing", c.labelSmoothing, "Label smoothing")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command.add_option("--warmup", c.warmupEpochs, "Warm-up epochs")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command.add_option("--seed", c.seed, "Random seed")->capture_default_str();
  command.add_option("--train-subset", c.trainSubset, "Use only the first N training images")
      ->check(CLI::Range(0, 60000));
  command.add_option("--test-subset", c.testSubset, "Use only the first N test images")
      ->check(CLI::Range(0, 10000));
  command.add_flag("!--no-augment", c.augment, "Turn off random crop and flip");
  command.add_option("--data-dir", c.dataDirectory, "Fashion-MNIST IDX directory")
      ->capture_default_str();
}

void addStoreOption(CLI::App& command, std::string& store) {
  command.add_option("--store", store,
                     "Experiment store (default: ~/.local/share/ghostlens/runs.sqlite)");
}

}  // namespace ghostlens::cli
