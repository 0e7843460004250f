#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/spec_hints.h"

namespace ghostlens {

/// Where a model's weights come from. Free of Torch, so that the GUI can hold and compare it.
struct ModelSource {
  enum class Kind {
    Untrained,  ///< `spec` built after seeding with `seed`: the same weights every time
    File,       ///< any file importWeights() reads: GhostLens checkpoints, torch.save, safetensors
  };
  Kind kind = Kind::Untrained;
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);  ///< Untrained
  std::string path;                                           ///< File
  SpecHints hints;                                            ///< File: settings a person gave
  uint64_t seed = 0;                                          ///< Untrained

  static ModelSource untrained(const ModelSpec& spec, uint64_t seed = 0);
  static ModelSource file(const std::string& path, const SpecHints& hints = {});

  /// Two sources are equal when they load the same weights.
  bool operator==(const ModelSource& other) const;
  bool operator!=(const ModelSource& other) const { return !(*this == other); }
  /// "untrained ghostnet width 1 s=2 d=3" or the file's name.
  std::string label() const;
};

/// The one or two models a session shows; `second` is empty for a single model.
struct PairSource {
  ModelSource first;
  std::optional<ModelSource> second;

  /// The shipped trained VGG-16 pair (resources/models): vanilla first, ghost second.
  static PairSource shipped();
  /// Untrained models: the vanilla form (s = 1) of `ghost`'s spec first, `ghost` second.
  static PairSource untrained(const ModelSpec& ghost, uint64_t seed = 0);

  bool operator==(const PairSource& other) const {
    return first == other.first && second == other.second;
  }
  bool operator!=(const PairSource& other) const { return !(*this == other); }
};

}  // namespace ghostlens
