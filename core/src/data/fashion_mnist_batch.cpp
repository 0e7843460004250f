#include "ghostlens/data/fashion_mnist_batch.h"

#include <torch/torch.h>

#include <stdexcept>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

torch::Tensor fashionMnistBatch(const std::string& directory, int64_t count,
                                const ModelSpec& spec) {
  const FashionMnist test(directory, FashionMnist::Split::Test);
  if (count < 1 || count > test.size()) {
    throw InputError("image count " + std::to_string(count) + " outside [1, " +
                     std::to_string(test.size()) + "]");
  }
  std::vector<torch::Tensor> images;
  images.reserve(static_cast<std::size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    images.push_back(prepareImage(test.images()[i].unsqueeze(2).to(torch::kFloat32) / 255.0, spec));
  }
  return torch::cat(images, 0);
}

}  // namespace ghostlens
