#pragma once

#include <torch/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/io/torch_file.h"
#include "ghostlens/models/network.h"
#include "ghostlens/models/runnable_model.h"
#include "ghostlens/session/model_source.h"

namespace ghostlens {

/// A model with its weights, in eval mode, of any kind (ModelKind).
struct LoadedModel {
  ModelSource source;
  /// A zoo model's spec. For another kind only `input` (C, H, W: from the hints, or 3x224x224)
  /// and `classes` (from a forward pass) mean anything.
  ModelSpec spec;
  /// What runs, is tapped and is counted, for every kind.
  std::shared_ptr<RunnableModel> model;
  /// The zoo model, or null for another kind (what only the zoo can do: deploy mode, the
  /// advisor, plans, training). zoo() asks for it with a reason.
  std::shared_ptr<NetworkImpl> network;
  std::optional<FileFormat> format;  ///< of a zoo model's weights file; nullopt otherwise

  /// A zoo model: `network` behind a ZooModel.
  static LoadedModel ofZoo(ModelSource source, ModelSpec spec, std::shared_ptr<NetworkImpl> network,
                           std::optional<FileFormat> format = std::nullopt);

  ModelKind kind() const { return model->kind(); }
  /// The zoo architecture's name ("ghostnet") or the root module's class ("ResNet").
  std::string modelName() const;
  /// The file's format ("pytorch-zip", "torchscript"), or "untrained".
  std::string formatName() const;
  /// The zoo model for `feature` ("--deploy", "the advisor"); throws InputError naming the file
  /// and its kind when this is not a zoo model.
  NetworkImpl& zoo(const std::string& feature) const;
  /// "resnet50 width 1 vanilla (pytorch-zip)", "untrained ghostnet width 1 s=2 d=3" or
  /// "m.pt (TorchScript ResNet)".
  std::string description() const;
};

/// Builds or reads the model a source names: a TorchScript file (found by its content), any
/// weights file importWeights() reads, or an untrained zoo model (seeded). Throws InputError
/// naming the file for a file that is neither TorchScript nor fits a zoo model.
LoadedModel loadModel(const ModelSource& source);

/// loadModel() for the window's sessions (explorer, depth, CKA, advisor), which still describe a
/// model by its zoo spec (page titles, the Cost page's analytic counts): a model of another kind
/// is refused there with the reason and the CLI command that analyses it.
LoadedModel loadModelForWindow(const ModelSource& source);

/// Which layer of the second model a layer of the first is compared with.
struct LayerMatch {
  std::string first;
  std::string second;
  bool operator==(const LayerMatch& o) const { return first == o.first && second == o.second; }
};

/// Both models' analyses of one input, matched layer for layer.
struct PairAnalysis {
  std::vector<LayerAnalysis> first;   ///< the analysed layers of the first model, in its order
  std::vector<LayerAnalysis> second;  ///< second[i] is first[i]'s partner; empty without a pair
  torch::Tensor firstLogits;          ///< [N, classes]; undefined when the forward stopped early
  torch::Tensor secondLogits;
  bool cancelled = false;  ///< the layers done before the progress callback said stop
};

/// One model, or two compared layer by layer: the session that the explorer, the depth and CKA
/// views and the CLI all work through.
///
/// Layers are matched by name when both models are of one architecture (vanilla and ghost forms
/// share their layer names, RunnableModel::architecture()) and their maps have the same height and
/// width. Of models of two architectures, at each resolution the two share, the last block (or
/// stage) output of each is matched.
class ModelPair {
 public:
  /// Throws InputError when the two models take different inputs. With `deploy`, run() runs
  /// deploy-mode copies of the models (makeDeployed(): the same maps, faster; the copies' weights
  /// are extra memory), the models themselves stay as loaded.
  explicit ModelPair(LoadedModel first, std::optional<LoadedModel> second = std::nullopt,
                     bool deploy = false);

  const LoadedModel& first() const { return first_; }
  /// nullptr for a single model.
  const LoadedModel* second() const { return second_ ? &*second_ : nullptr; }
  bool isPair() const { return second_.has_value(); }
  /// Whether the two models are of one architecture, so that their layers share names.
  bool sameArchitecture() const;
  /// The spec whose input (C, H, W) both models take: the first model's.
  const ModelSpec& inputSpec() const { return first_.spec; }
  /// d of the cheap-op fit: the ghost model's (the second, or the first when it is ghost).
  int64_t cheapKernel() const;

  /// Runs both models on `input` and captures their layers.
  /// @param input [N, C, H, W]
  /// @param stopAfter layers of the first model; when given, each forward pass ends once they
  ///        (and, in the second model, their partners) are captured
  struct Taps {
    TapResult first;
    TapResult second;  ///< empty without a pair
  };
  Taps run(const torch::Tensor& input, const std::vector<std::string>& stopAfter = {}) const;

  /// The matched layers of two tap results (for a single model every layer of the first).
  std::vector<LayerMatch> matchLayers(const Taps& taps) const;

  /// Analyses the matched layers (those in `options.layers`, first-model names, or all) of both
  /// models with `options` (its `dw` is replaced by cheapKernel()). `progress` counts layers of
  /// both models; false cancels.
  PairAnalysis analyze(const Taps& taps, AnalysisOptions options,
                       const AnalysisProgress& progress = {}) const;
  /// run() then analyze(), stopping the forward early when `options.layers` names layers.
  PairAnalysis analyze(const torch::Tensor& input, const AnalysisOptions& options,
                       const AnalysisProgress& progress = {}) const;

 private:
  LoadedModel first_;
  std::optional<LoadedModel> second_;
  /// What run() runs: the models, or their deploy-mode copies.
  std::shared_ptr<RunnableModel> firstRun_, secondRun_;
};

}  // namespace ghostlens
