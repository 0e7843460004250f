#pragma once

#include <torch/types.h>

#include <functional>
#include <string>
#include <vector>

namespace ghostlens {

class RunnableModel;

struct CkaResult {
  std::vector<std::string> layersA;  ///< tapped layers of model A, in execution order
  std::vector<std::string> layersB;
  torch::Tensor cka;    ///< [layersA, layersB] float64
  int64_t samples = 0;  ///< inputs used (fewer than given when cancelled)
  bool cancelled = false;
};

/// Called after each minibatch with (samples done, samples in all); return false to cancel.
using CkaProgress = std::function<bool(int64_t done, int64_t total)>;

/// Linear CKA between every tapped layer of model A and every tapped layer of model B over
/// `inputs`, run in minibatches of `batchSize` (>= 4) so that memory stays bounded by one
/// minibatch's activations and Gram matrices. A last minibatch of fewer than 4 samples is left
/// out. @param inputs [N, C, H, W] with N >= 4
CkaResult ckaBetweenModels(RunnableModel& modelA, RunnableModel& modelB,
                           const torch::Tensor& inputs, int64_t batchSize,
                           const CkaProgress& progress = {});

}  // namespace ghostlens
