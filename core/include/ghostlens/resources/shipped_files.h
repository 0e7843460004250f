#pragma once

#include <filesystem>
#include <string>

namespace ghostlens {

/// The folder of the running executable (from /proc/self/exe).
std::filesystem::path executableDirectory();

/// Where the files GhostLens ships live (trained default pair, sweep results, paper tables):
/// $GHOSTLENS_RESOURCES when set, otherwise `resources/` next to the executable (the build
/// tree), otherwise `../share/ghostlens` from it (an install; the path from the install's
/// bin folder to its data folder). Throws std::runtime_error naming both places when neither
/// exists.
std::string resourceDirectory();

/// The trained default pair of `scripts/train-defaults.sh`: VGG-16 width 0.25 on Fashion-MNIST,
/// vanilla and ghost (s = 2, d = 3), weights only.
struct ShippedPair {
  std::string vanilla;  ///< checkpoint path
  std::string ghost;    ///< checkpoint path
};

/// Paths of the shipped pair. Throws std::runtime_error naming the missing file and the command
/// that makes it.
ShippedPair shippedPair();

/// Path of the 1,000 ImageNet class names, one per line in index order (made by
/// scripts/make-imagenet-classes.py). Throws std::runtime_error when missing.
std::string imageNetClassesPath();

/// Path of the shipped sweep results (the JSON of `ghostlens-cli runs --json`). Throws
/// std::runtime_error when missing.
std::string shippedSweepPath();

/// Path of the shipped advisor experiment's runs (scripts/advise-experiment.sh; the JSON of
/// `ghostlens-cli runs --json`). Throws std::runtime_error when missing.
std::string shippedAdvisedPath();

}  // namespace ghostlens
