#include "input_options.h"

#include <torch/torch.h>

#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/fashion_mnist_batch.h"
#include "ghostlens/data/image_folder_batch.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/io/npy_file.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens::cli {

std::vector<CLI::Option*> InputOptions::addTo(CLI::App& command) {
  fmnistDir_ = FashionMnist::kDefaultDirectory;
  auto* image = command.add_option("--image", image_, "Input image (any format OpenCV reads)");
  auto* tensor = command.add_option(
      "--tensor", tensorFile_,
      "Input tensor: a float32 .npy of shape (1,C,H,W) or (C,H,W), fed as it is");
  auto* fmnist = command.add_option("--fmnist", fmnist_, "Fashion-MNIST test image index")
                     ->check(CLI::NonNegativeNumber);
  image->excludes(tensor)->excludes(fmnist);
  tensor->excludes(fmnist);
  command.add_option("--fmnist-dir", fmnistDir_, "Fashion-MNIST IDX directory")
      ->capture_default_str();
  return {image, tensor, fmnist};
}

void InputOptions::addBatchTo(CLI::App& command, const std::vector<CLI::Option*>& single) {
  auto* images =
      command
          .add_option("--images", images_,
                      "Measure over the first N Fashion-MNIST test images (or --image-dir's): "
                      "scores are means over them, with their spread")
          ->check(CLI::Range(int64_t{1}, int64_t{10000}));
  auto* folder = command.add_option("--image-dir", imageDir_,
                                    "With --images: take them from this folder (sorted by name)");
  folder->needs(images);
  for (CLI::Option* option : single) images->excludes(option);
}

torch::Tensor InputOptions::tensor(const ModelSpec& spec) const {
  if (images_ > 0) {
    return imageDir_.empty() ? fashionMnistBatch(fmnistDir_, images_, spec)
                             : imageFolderBatch(imageDir_, images_, spec);
  }
  if (!image_.empty()) return loadImageInput(image_, spec);
  if (!tensorFile_.empty()) {
    torch::Tensor x;
    try {
      x = readNpy(tensorFile_);
    } catch (const InputError& e) {
      throw InputError(std::string("--tensor: ") + e.what());
    }
    if (x.scalar_type() != torch::kFloat32) {
      throw InputError("--tensor: " + tensorFile_ + " is " +
                       std::string(c10::toString(x.scalar_type())) + ", not float32");
    }
    if (x.dim() == 3) x = x.unsqueeze(0);
    if (x.dim() != 4 || x.size(0) != 1 || x.size(1) != spec.input[0] || x.size(2) < 1 ||
        x.size(3) < 1) {
      throw InputError("--tensor: " + tensorFile_ + " has shape " + c10::str(x.sizes()) +
                       "; the model takes (1, " + std::to_string(spec.input[0]) + ", H, W)");
    }
    if (!torch::isfinite(x).all().item<bool>()) {
      throw InputError("--tensor: " + tensorFile_ + " holds NaN or Inf");
    }
    return x;
  }
  return fashionMnistInput(fmnistDir_, fmnist_ >= 0 ? fmnist_ : 0, spec);
}

std::string InputOptions::name() const {
  if (images_ > 0) {
    const std::string range = "0-" + std::to_string(images_ - 1);
    return imageDir_.empty() ? "fashion-mnist:test:" + range : imageDir_ + ":" + range;
  }
  if (!image_.empty()) return image_;
  if (!tensorFile_.empty()) return tensorFile_;
  return "fashion-mnist:test:" + std::to_string(fmnist_ >= 0 ? fmnist_ : 0);
}

}  // namespace ghostlens::cli
