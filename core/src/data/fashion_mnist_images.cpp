#include "ghostlens/data/fashion_mnist_images.h"

#include <torch/torch.h>

#include "ghostlens/data/fashion_mnist.h"

namespace ghostlens {

FashionMnistImages fashionMnistTestImages(const std::string& directory) {
  const FashionMnist test(directory, FashionMnist::Split::Test);
  const torch::Tensor images = test.images().contiguous();
  const torch::Tensor labels = test.labels().to(torch::kInt64).contiguous();
  FashionMnistImages out;
  out.height = static_cast<int>(images.size(1));
  out.width = static_cast<int>(images.size(2));
  const std::size_t area = static_cast<std::size_t>(out.width) * out.height;
  const uint8_t* data = images.data_ptr<uint8_t>();
  for (int64_t i = 0; i < test.size(); ++i) {
    out.pixels.emplace_back(data + i * area, data + (i + 1) * area);
    out.labels.push_back(static_cast<int>(labels.data_ptr<int64_t>()[i]));
  }
  return out;
}

const std::array<const char*, 10>& fashionMnistClassNames() { return FashionMnist::kClassNames; }

}  // namespace ghostlens
