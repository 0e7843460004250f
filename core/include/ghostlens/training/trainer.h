#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/training/epoch_metrics.h"

namespace ghostlens {

/// One training run on Fashion-MNIST.
struct TrainConfig {
  ModelSpec spec;
  int64_t epochs = 10;
  int64_t batchSize = 128;
  double learningRate = 0.05;  ///< peak, reached after the warm-up
  double momentum = 0.9;
  double weightDecay = 5e-4;
  double labelSmoothing = 0.0;
  int64_t warmupEpochs = 1;  ///< linear warm-up, then cosine decay to 0 by the last step
  uint64_t seed = 0;
  int64_t trainSubset = 0;  ///< first N training images only (0: all 60,000)
  int64_t testSubset = 0;   ///< first N test images only (0: all 10,000)
  bool augment = true;      ///< padded random crop and horizontal flip
  std::string dataDirectory = "/usr/share/datasets/fashion-mnist";
  /// Written after every epoch; when it exists at the start, the run resumes from it.
  std::string checkpointPath;
};

struct TrainProgress {
  int64_t epoch = 0, epochs = 0;   ///< epoch is 0-based
  int64_t batch = 0, batches = 0;  ///< batch is 1-based: batches done in this epoch
  double loss = 0;                 ///< running mean over the epoch so far
  double accuracy = 0;             ///< running training accuracy over the epoch so far
  double imagesPerSecond = 0;
};

struct TrainResult {
  std::vector<EpochMetrics> epochs;  ///< epochs run by this call (not those before a resume)
  int64_t startEpoch = 0;            ///< > 0 when resumed from a checkpoint
  double testAccuracy = 0;           ///< after the last completed epoch
  double seconds = 0;
  double imagesPerSecond = 0;  ///< training images per second, over this call
  bool cancelled = false;
};

/// Return false to cancel; the run stops after the current batch, keeping the last checkpoint.
using TrainCallback = std::function<bool(const TrainProgress&)>;
/// Called after each completed epoch, before its checkpoint is written (a crash in between
/// repeats the epoch on resume, so whoever records epochs must replace, not append).
using EpochCallback = std::function<void(const EpochMetrics&)>;

/// Trains `config.spec` with SGD (momentum, weight decay), warm-up plus cosine learning rate and
/// optional label smoothing, evaluating on the test split after every epoch. Deterministic for a
/// seed and a thread count: the initial weights come from the seed, each epoch's order and
/// augmentation from (seed, epoch), so a run resumed from its checkpoint ends where an
/// uninterrupted one does.
TrainResult train(const TrainConfig& config, const TrainCallback& callback = {},
                  const EpochCallback& onEpoch = {});

}  // namespace ghostlens
