#pragma once

#include <torch/types.h>

#include <string>

#include "ghostlens/analysis/map_colors.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/session/input_source.h"

namespace ghostlens {

class FashionMnist;

/// The picture an input started as, before prepareInput() made it the model's input.
struct InputOrigin {
  int64_t width = 0, height = 0, channels = 0;
};

/// What prepareInput() does to a picture of `origin` for `spec`, in one line for people:
/// "451x300 colour -> grey; resized to 28x28, aspect 1.50 squashed to 1.00".
std::string describePreparation(const InputOrigin& origin, const ModelSpec& spec);

/// Reads any image OpenCV reads (8- or 16-bit; gray, BGR or BGRA) and turns it into the model's
/// input: converted to the model's channels, scaled to [0, 1], brought to its H x W, and
/// normalised (Fashion-MNIST statistics for 1 channel, ImageNet's for 3, 0.5/0.5 otherwise).
/// 3 x 224 x 224 models get the transform their ImageNet releases were evaluated with: shorter
/// side to 256 (antialiased bilinear), centre crop 224; other models are resized to H x W.
/// Throws InputError naming the file for a missing, empty or unreadable one.
/// @return [1, C, H, W] float32
torch::Tensor loadImageInput(const std::string& path, const ModelSpec& spec,
                             InputOrigin* origin = nullptr);

/// Test-split Fashion-MNIST image `index` prepared the same way. @return [1, C, H, W]
torch::Tensor fashionMnistInput(const std::string& directory, int64_t index, const ModelSpec& spec);
/// The same from a test split already read (a session keeps it instead of reading it each time).
torch::Tensor fashionMnistInput(const FashionMnist& testSet, int64_t index, const ModelSpec& spec);

/// Any input source prepared for `spec` (loadImageInput, fashionMnistInput or prepareImage).
/// Throws InputError for an unreadable file, an index out of range, or pixels that do
/// not fill width x height. @return [1, C, H, W] float32
/// `testSet`: the Fashion-MNIST test split of `source.directory`, when the caller keeps one.
torch::Tensor prepareInput(const InputSource& source, const ModelSpec& spec,
                           InputOrigin* origin = nullptr, const FashionMnist* testSet = nullptr);

/// What a model actually receives, as a picture: sample 0 of a prepared input with the
/// normalisation undone (one channel shown grey; other channel counts than 1 and 3 show their
/// first three or first one). @param input [N, C, H, W] from prepareInput()
RgbImage inputPicture(const torch::Tensor& input, const ModelSpec& spec);

/// Whether prepareImage() resizes and crops as torchvision evaluates ImageNet models (3x224x224).
bool usesImageNetTransform(const ModelSpec& spec);

/// Prepares a [H, W, channels] image with values in [0, 1] (float32, RGB order) for `spec`.
torch::Tensor prepareImage(const torch::Tensor& hwc, const ModelSpec& spec);

}  // namespace ghostlens
