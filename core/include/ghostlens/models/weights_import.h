#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "ghostlens/io/weights_file.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/models/network.h"
#include "ghostlens/models/spec_hints.h"

namespace ghostlens {

/// A zoo model holding a file's weights, in eval mode.
struct ImportedModel {
  ModelSpec spec;
  std::shared_ptr<NetworkImpl> model;
  FileFormat format = FileFormat::PyTorchZip;
  int64_t epoch = 0;  ///< GhostLens checkpoints: epochs trained
};

/// The zoo spec a state dict describes, from its keys and shapes:
/// - architecture: `conv_stem` (GhostNet, official/timm layout), `features.0.primary_conv`
///   (VGG-16), `conv1` + `linear` (ResNet-56), `conv1` + `fc` (ResNet-50, torchvision layout);
/// - input channels from the first conv, classes from the classifier, s and d from the first
///   cheap operation (none: s = 1), width from the channel counts;
/// - input H x W: 224 for GhostNet and ResNet-50, 28 for one-channel VGG-16/ResNet-56 (our
///   Fashion-MNIST models), 32 otherwise.
/// Given hints win. The spec is checked by building the model and comparing every key and shape.
/// Throws InputError naming `what` and the first missing, unexpected or mis-shaped key
/// (with both shapes) when the weights fit no zoo model.
ModelSpec inferSpec(const StateDict& state, const SpecHints& hints, const std::string& what);

/// The first difference between the model's state dict and `state` ("missing key 'x' ...",
/// "unexpected key 'y'", "'z' has shape [a] in the file but [b] in the model"), or nullopt when
/// they fit. BatchNorm's num_batches_tracked may be absent (files of PyTorch < 0.4.1).
std::optional<std::string> stateDictMismatch(NetworkImpl& model, const StateDict& state);

/// Copies `state` into `model` (float16, bfloat16 and float64 become the model's float32).
/// Throws InputError naming `what` and the key for a mismatch (see stateDictMismatch),
/// a floating-point weight given as integers, or a weight holding NaN or Inf.
void loadStateDict(NetworkImpl& model, const StateDict& state, const std::string& what);

/// Reads `path` (readWeightsFile), works out its spec (a GhostLens checkpoint's own, or
/// inferSpec() with `hints`), builds that model and loads the weights.
ImportedModel importWeights(const std::string& path, const SpecHints& hints = {});

}  // namespace ghostlens
