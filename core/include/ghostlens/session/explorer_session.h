#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ghostlens/analysis/color_types.h"
#include "ghostlens/analysis/metric.h"
#include "ghostlens/data/prediction.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/session/input_source.h"
#include "ghostlens/session/layer_view.h"
#include "ghostlens/session/model_source.h"

namespace ghostlens {

/// One analysis of one or two models on one input, as the explorer shows it: layer i of the
/// first model (left) matched with layer i of the second (right); free of Torch.
struct ExplorerView {
  PairSource pair;
  InputSource input;
  Metric metric = Metric::Cosine;
  ModelSpec firstSpec;
  ModelSpec secondSpec;  ///< the second model's, or the first's when there is none
  std::string firstDescription;
  std::string secondDescription;  ///< empty for one model
  bool paired = true;
  /// false: only the layer asked for is analysed yet (the rest follows); no predictions yet
  bool complete = true;
  int64_t cheapKernel = 3;  ///< d of the cheap-op fit (ModelPair::cheapKernel)
  int threads = 0;          ///< LibTorch intra-op threads the models ran with
  std::string inputDescription;
  std::string inputPreparation;  ///< what was done to the picture (describePreparation())
  RgbImage inputPicture;         ///< what the models receive (inputPicture())
  std::vector<LayerView> first;
  std::vector<LayerView> second;     ///< empty for one model
  std::vector<Prediction> firstTop;  ///< the five most probable classes
  std::vector<Prediction> secondTop;
};

/// The explorer's models, kept loaded between inputs (ModelPair), and their analysis.
class ExplorerSession {
 public:
  ExplorerSession();
  ~ExplorerSession();
  ExplorerSession(const ExplorerSession&) = delete;
  ExplorerSession& operator=(const ExplorerSession&) = delete;

  /// Loads `pair` (unless it is the one loaded), prepares `input` and analyses every matched
  /// layer with `metric`. When the models have `firstLayer`, it is analysed first with each
  /// forward pass stopped right after it, and handed to `onFirstLayer` (complete = false) before
  /// the rest; its pairs at `threshold` are found here too (LayerView::redundancy keeps them),
  /// so that the thread showing it does not have to. `progress` counts layers of both models;
  /// false cancels (the result is then empty). Throws InputError for weights or an input that
  /// cannot be read.
  ExplorerView analyze(const PairSource& pair, const InputSource& input, Metric metric,
                       double threshold, const std::string& firstLayer,
                       const std::function<void(const ExplorerView&)>& onFirstLayer,
                       const std::function<bool(std::size_t, std::size_t)>& progress);

  struct Cache;  ///< the loaded models and what goes with them

 private:
  std::unique_ptr<Cache> cache_;
};

}  // namespace ghostlens
