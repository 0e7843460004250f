#include "ghostlens/data/class_names.h"

#include <torch/torch.h>

#include <fstream>
#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

std::vector<std::string> classNames(const ModelSpec& spec) {
  std::vector<std::string> names;
  if (spec.classes == 1000) {
    std::ifstream in(imageNetClassesPath());
    for (std::string line; std::getline(in, line);) names.push_back(line);
    if (names.size() != 1000) {
      throw InputError(imageNetClassesPath() + " does not hold 1,000 class names");
    }
  } else if (spec.classes == static_cast<int64_t>(FashionMnist::kClassNames.size()) &&
             spec.input[0] == 1) {
    names.assign(FashionMnist::kClassNames.begin(), FashionMnist::kClassNames.end());
  } else {
    for (int64_t i = 0; i < spec.classes; ++i) names.push_back("class " + std::to_string(i));
  }
  return names;
}

std::vector<Prediction> topPredictions(const torch::Tensor& logits, int64_t k,
                                       const std::vector<std::string>& names) {
  const torch::Tensor row = logits.reshape({-1}).to(torch::kFloat64);
  TORCH_CHECK(row.numel() == static_cast<int64_t>(names.size()), "predictions: ", row.numel(),
              " logits but ", names.size(), " class names");
  const torch::Tensor probabilities = torch::softmax(row, 0);
  const auto [values, indices] = probabilities.topk(std::min<int64_t>(k, row.numel()));
  std::vector<Prediction> top;
  for (int64_t i = 0; i < values.numel(); ++i) {
    const int64_t index = indices[i].item<int64_t>();
    top.push_back({index, names[static_cast<std::size_t>(index)], values[i].item<double>()});
  }
  return top;
}

}  // namespace ghostlens
