#include "ghostlens/training/trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/training/batch_loader.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double learningRateAt(const TrainConfig& c, int64_t step, int64_t stepsPerEpoch) {
  const int64_t warmup = c.warmupEpochs * stepsPerEpoch;
  const int64_t total = c.epochs * stepsPerEpoch;
  if (step < warmup)
    return c.learningRate * static_cast<double>(step + 1) / static_cast<double>(warmup);
  const double progress = static_cast<double>(step - warmup) /
                          static_cast<double>(std::max<int64_t>(1, total - warmup));
  return 0.5 * c.learningRate * (1.0 + std::cos(M_PI * progress));
}

// Channels-last activations and weights let oneDNN pick its faster convolution kernels on this
// CPU (1.05x to 1.33x per training step, measured over s = 1, 2, 4), and in-place ReLUs save an
// allocation per activation. Neither changes a weight's name or value, so checkpoints stay
// interchangeable with models built for analysis.
void prepareForTraining(NetworkImpl& model) {
  for (const auto& child : model.modules()) {
    if (auto* relu = child->as<torch::nn::ReLUImpl>()) relu->options.inplace(true);
  }
  torch::NoGradGuard noGrad;
  for (torch::Tensor& p : model.parameters()) {
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
  }
}

torch::Tensor channelsLast(const torch::Tensor& x) {
  return x.dim() == 4 ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
}

double evaluate(NetworkImpl& model, BatchLoader& loader) {
  EvalScope eval(model);
  int64_t correct = 0;
  loader.startEpoch(0);
  for (int64_t b = 0; b < loader.batchesPerEpoch(); ++b) {
    const auto [x, y] = loader.batch(b);
    correct += model.forward(channelsLast(x)).argmax(1).eq(y).sum().item<int64_t>();
  }
  return static_cast<double>(correct) / static_cast<double>(loader.size());
}

}  // namespace

TrainResult train(const TrainConfig& config, const TrainCallback& callback,
                  const EpochCallback& onEpoch) {
  validateSpec(config.spec);
  if (config.epochs < 1) throw InputError("epochs must be at least 1");
  if (config.spec.classes != 10) throw InputError("Fashion-MNIST has 10 classes");
  const FashionMnist trainData(config.dataDirectory, FashionMnist::Split::Train);
  const FashionMnist testData(config.dataDirectory, FashionMnist::Split::Test);
  BatchLoader trainLoader(trainData, {config.batchSize, config.augment, true, config.seed,
                                      config.trainSubset, config.spec.input});
  BatchLoader testLoader(testData, {256, false, false, 0, config.testSubset, config.spec.input});

  auto model = buildModel(config.spec, config.seed);  // seeded inside buildModel's lock
  torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(config.learningRate)
                                                       .momentum(config.momentum)
                                                       .weight_decay(config.weightDecay));
  TrainResult result;
  if (!config.checkpointPath.empty() && std::filesystem::exists(config.checkpointPath)) {
    const CheckpointInfo info = readCheckpointInfo(config.checkpointPath);
    if (info.spec != config.spec) {
      throw InputError(config.checkpointPath + " holds another model; not resuming");
    }
    loadCheckpoint(config.checkpointPath, *model, &optimizer);
    result.startEpoch = info.epoch;
  }
  prepareForTraining(*model);

  const int64_t batches = trainLoader.batchesPerEpoch();
  const auto runStart = Clock::now();
  int64_t imagesSeen = 0;
  for (int64_t epoch = result.startEpoch; epoch < config.epochs; ++epoch) {
    model->train();
    trainLoader.startEpoch(epoch);
    const auto epochStart = Clock::now();
    double lossSum = 0;
    int64_t correct = 0, seen = 0;
    for (int64_t b = 0; b < batches; ++b) {
      const double lr = learningRateAt(config, epoch * batches + b, batches);
      for (auto& group : optimizer.param_groups()) {
        static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
      }
      const auto [batchImages, y] = trainLoader.batch(b);
      const torch::Tensor x = channelsLast(batchImages);
      optimizer.zero_grad();
      const torch::Tensor logits = model->forward(x);
      const torch::Tensor loss =
          config.labelSmoothing > 0
              ? torch::nn::functional::cross_entropy(
                    logits, y,
                    torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(
                        config.labelSmoothing))
              : torch::nn::functional::cross_entropy(logits, y);
      loss.backward();
      optimizer.step();
      lossSum += loss.item<double>() * static_cast<double>(x.size(0));
      correct += logits.argmax(1).eq(y).sum().item<int64_t>();
      seen += x.size(0);
      imagesSeen += x.size(0);
      if (callback) {
        const TrainProgress p{epoch,
                              config.epochs,
                              b + 1,
                              batches,
                              lossSum / static_cast<double>(seen),
                              static_cast<double>(correct) / static_cast<double>(seen),
                              static_cast<double>(imagesSeen) / seconds(runStart)};
        if (!callback(p)) {
          result.cancelled = true;
          break;
        }
      }
    }
    if (result.cancelled) break;
    EpochMetrics m;
    m.epoch = epoch;
    m.trainLoss = lossSum / static_cast<double>(seen);
    m.trainAccuracy = static_cast<double>(correct) / static_cast<double>(seen);
    m.imagesPerSecond = static_cast<double>(seen) / seconds(epochStart);
    m.testAccuracy = evaluate(*model, testLoader);
    m.seconds = seconds(epochStart);
    result.epochs.push_back(m);
    result.testAccuracy = m.testAccuracy;
    // The epoch is reported (and stored) before its checkpoint is written. A kill between the
    // two then resumes from the previous checkpoint and trains this epoch again, replacing its
    // row; in the other order the resumed run would skip an epoch the store never saw.
    if (onEpoch) onEpoch(m);
    if (!config.checkpointPath.empty()) {
      saveCheckpoint(config.checkpointPath, config.spec, *model, &optimizer, epoch + 1);
    }
  }
  result.seconds = seconds(runStart);
  result.imagesPerSecond = static_cast<double>(imagesSeen) / std::max(1e-9, result.seconds);
  if (result.epochs.empty() && result.startEpoch > 0 && !result.cancelled) {
    result.testAccuracy = evaluate(*model, testLoader);  // already complete: report its accuracy
  }
  return result;
}

}  // namespace ghostlens
