#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "ghostlens/training/trainer.h"

namespace ghostlens::cli {

/// The training flags shared by `train` and `sweep`: --epochs, --batch, --lr, --momentum,
/// --weight-decay, --label-smoothing, --warmup, --seed, --train-subset, --test-subset,
/// --no-augment, --data-dir.
void addTrainingOptions(CLI::App& command, TrainConfig& config);

/// --store, shared by every command that reads or writes the experiment store.
void addStoreOption(CLI::App& command, std::string& store);

}  // namespace ghostlens::cli
