#include "ghostlens/data/evaluation_set.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace fs = std::filesystem;

namespace {

bool isImage(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const char* known :
       {".jpg", ".jpeg", ".png", ".ppm", ".pgm", ".bmp", ".tif", ".tiff", ".webp"}) {
    if (ext == known) return true;
  }
  return false;
}

}  // namespace

EvaluationSet EvaluationSet::fashionMnistTest(const std::string& directory) {
  const FashionMnist test(directory, FashionMnist::Split::Test);
  EvaluationSet set;
  set.classNames_.assign(FashionMnist::kClassNames.begin(), FashionMnist::kClassNames.end());
  set.images_ = test.images();
  set.labels_ = test.labels();
  return set;
}

EvaluationSet EvaluationSet::imageFolder(const std::string& directory) {
  if (!fs::is_directory(directory)) throw InputError("no such directory: " + directory);
  EvaluationSet set;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_directory()) set.classNames_.push_back(entry.path().filename().string());
  }
  std::sort(set.classNames_.begin(), set.classNames_.end());
  if (set.classNames_.empty()) {
    throw InputError(directory + ": no class folders (expected one folder per class)");
  }
  for (std::size_t label = 0; label < set.classNames_.size(); ++label) {
    std::vector<std::string> files;
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(directory) / set.classNames_[label])) {
      if (entry.is_regular_file() && isImage(entry.path())) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    for (std::string& file : files) {
      set.files_.emplace_back(std::move(file), static_cast<int64_t>(label));
    }
  }
  if (set.files_.empty()) throw InputError(directory + ": no images in its class folders");
  return set;
}

int64_t EvaluationSet::size() const {
  return images_.defined() ? images_.size(0) : static_cast<int64_t>(files_.size());
}

std::pair<torch::Tensor, torch::Tensor> EvaluationSet::batch(int64_t begin, int64_t end,
                                                             const ModelSpec& spec) const {
  TORCH_CHECK(0 <= begin && begin < end && end <= size(), "evaluation batch [", begin, ", ", end,
              ") outside [0, ", size(), ")");
  const int64_t n = end - begin;
  torch::Tensor images = torch::empty({n, spec.input[0], spec.input[1], spec.input[2]});
  torch::Tensor labels = torch::empty({n}, torch::kInt64);
  if (images_.defined()) {
    for (int64_t i = 0; i < n; ++i) {
      images[i] =
          prepareImage(images_[begin + i].unsqueeze(2).to(torch::kFloat32) / 255.0, spec)[0];
    }
    labels.copy_(labels_.narrow(0, begin, n));
    return {images, labels};
  }
  std::vector<std::string> errors(static_cast<std::size_t>(n));
  at::parallel_for(0, n, 1, [&](int64_t from, int64_t to) {
    for (int64_t i = from; i < to; ++i) {
      try {
        images[i] = loadImageInput(files_[static_cast<std::size_t>(begin + i)].first, spec)[0];
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(i)] = e.what();
      }
      labels[i] = files_[static_cast<std::size_t>(begin + i)].second;
    }
  });
  for (const std::string& error : errors) {
    if (!error.empty()) throw InputError(error);
  }
  return {images, labels};
}

}  // namespace ghostlens
