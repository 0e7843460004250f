#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/spec_hints.h"
#include "ghostlens/session/model_pair.h"

namespace ghostlens::cli {

/// The model flags shared by every command that builds a model:
/// --model, --width, --ratio, --dw, --input C,H,W, --classes.
class ModelOptions {
 public:
  void addTo(CLI::App& command);
  /// Adds --plan FILE (a per-layer plan from `advise --json`): the spec is then the plan's, and
  /// the other model flags are refused with it.
  void addPlanTo(CLI::App& command);
  /// Defaults for commands that work on Fashion-MNIST: VGG-16 at 1x28x28 with 10 classes.
  void useFashionMnistDefaults();
  /// The spec the flags describe, with the architecture's defaults for flags not given.
  ModelSpec spec() const;
  /// Only the flags given on `command`'s command line, for weights whose spec is inferred.
  SpecHints hints(const CLI::App& command) const;
  /// The model of a --weights file, its spec inferred unless `command` gives model flags; an
  /// unreadable or unfitting file is an InputError that names --weights.
  LoadedModel loadWeights(const std::string& weights, const CLI::App& command) const;

 private:
  std::string model_ = "ghostnet";
  double width_ = 1.0;
  int64_t ratio_ = 2;
  int64_t dw_ = 3;
  std::vector<int64_t> input_;
  int64_t classes_ = 0;  // 0: the architecture's default
  std::string plan_;
  std::vector<CLI::Option*> modelFlags_;
};

}  // namespace ghostlens::cli
