#include "training_progress.h"

#include <cstdio>

namespace ghostlens::cli {

TrainingProgress::TrainingProgress(bool quiet, int64_t epochs)
    : progress_(quiet), epochs_(epochs) {}

std::string TrainingProgress::epochLine(const EpochMetrics& m, int64_t epochs) {
  char text[200];
  std::snprintf(text, sizeof text,
                "epoch %lld/%lld: train loss %.4f, train accuracy %.4f, test accuracy %.4f, %.1f s",
                static_cast<long long>(m.epoch + 1), static_cast<long long>(epochs), m.trainLoss,
                m.trainAccuracy, m.testAccuracy, m.seconds);
  return text;
}

TrainCallback TrainingProgress::batches() {
  return [this](const TrainProgress& p) {
    onBatch(p);
    return true;
  };
}

RunEvents TrainingProgress::events() {
  RunEvents events;
  events.epoch = [this](int64_t, const EpochMetrics& m) { progress_.line(epochLine(m, epochs_)); };
  return events;
}

void TrainingProgress::onBatch(const TrainProgress& p) {
  if (!progress_.running()) {
    firstEpoch_ = p.epoch;
    // The epoch lines say enough in a log; only a terminal shows the batches.
    progress_.start((p.epochs - firstEpoch_) * p.batches, ProgressLine::PlainSteps::None, p.batch);
  }
  char label[160];
  std::snprintf(label, sizeof label,
                "epoch %lld/%lld, batch %lld/%lld: loss %.4f, accuracy %.4f, %.0f images/s",
                static_cast<long long>(p.epoch + 1), static_cast<long long>(p.epochs),
                static_cast<long long>(p.batch), static_cast<long long>(p.batches), p.loss,
                p.accuracy, p.imagesPerSecond);
  progress_.update((p.epoch - firstEpoch_) * p.batches + p.batch, label);
}

}  // namespace ghostlens::cli
