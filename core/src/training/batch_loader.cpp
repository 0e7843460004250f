#include "ghostlens/training/batch_loader.h"

#include <torch/torch.h>

#include "ghostlens/data/fashion_mnist.h"

namespace ghostlens {

namespace {
constexpr int64_t kPad = 2;
}

BatchLoader::BatchLoader(const FashionMnist& data, const LoaderOptions& options)
    : options_(options) {
  TORCH_CHECK(options.batchSize >= 1, "batch size must be positive");
  count_ = options.subset > 0 ? std::min(options.subset, data.size()) : data.size();
  images_ = data.images().narrow(0, 0, count_).unsqueeze(1).to(torch::kFloat32) / 255.0;
  labels_ = data.labels().narrow(0, 0, count_);
  startEpoch(0);
}

int64_t BatchLoader::batchesPerEpoch() const {
  return (count_ + options_.batchSize - 1) / options_.batchSize;
}

void BatchLoader::startEpoch(int64_t epoch) {
  // A generator of its own, seeded from (seed, epoch): independent of any global RNG use.
  auto generator = at::make_generator<at::CPUGeneratorImpl>(options_.seed * 1000003ULL +
                                                            static_cast<uint64_t>(epoch));
  const auto opts = torch::TensorOptions().dtype(torch::kInt64);
  order_ =
      options_.shuffle ? torch::randperm(count_, generator, opts) : torch::arange(count_, opts);
  if (options_.augment) {
    shifts_ = torch::randint(-kPad, kPad + 1, {count_, 2}, generator, opts);
    flips_ = torch::randint(0, 2, {count_}, generator, opts).to(torch::kBool);
  }
}

std::pair<torch::Tensor, torch::Tensor> BatchLoader::batch(int64_t index) const {
  const int64_t start = index * options_.batchSize;
  TORCH_CHECK(index >= 0 && start < count_, "batch index out of range");
  const torch::Tensor ids = order_.narrow(0, start, std::min(options_.batchSize, count_ - start));
  torch::Tensor x = images_.index_select(0, ids);
  if (options_.augment) {
    // Crop and flip the whole batch with one gather: pixel (r, c) of sample i comes from
    // padded (pad + dy_i + r, pad + dx_i + c'), with c' = 27 - c when the sample is flipped.
    const int64_t n = x.size(0);
    const torch::Tensor padded = torch::constant_pad_nd(x.squeeze(1), {kPad, kPad, kPad, kPad});
    const torch::Tensor shifts = shifts_.index_select(0, ids);
    const torch::Tensor flips = flips_.index_select(0, ids);
    const torch::Tensor base = torch::arange(28, torch::kInt64);
    const torch::Tensor rows = (kPad + shifts.select(1, 0)).view({n, 1, 1}) + base.view({1, 28, 1});
    const torch::Tensor cols =
        torch::where(flips.view({n, 1, 1}), 27 - base.view({1, 1, 28}), base.view({1, 1, 28})) +
        (kPad + shifts.select(1, 1)).view({n, 1, 1});
    const torch::Tensor samples = torch::arange(n, torch::kInt64).view({n, 1, 1});
    x = padded.index({samples, rows, cols}).unsqueeze(1);
  }
  x = (x - FashionMnist::kMean) / FashionMnist::kStd;
  const auto& in = options_.input;
  if (in[0] != 1) x = x.expand({x.size(0), in[0], 28, 28});
  if (in[1] != 28 || in[2] != 28) {
    x = torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                  .size(std::vector<int64_t>{in[1], in[2]})
                                                  .mode(torch::kBilinear)
                                                  .align_corners(false));
  }
  return {x.contiguous(), labels_.index_select(0, ids)};
}

}  // namespace ghostlens
