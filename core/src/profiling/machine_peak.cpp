#include "ghostlens/profiling/machine_peak.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "median.h"

namespace ghostlens {

namespace {

template <typename Run>
double medianSeconds(int repeat, Run run) {
  run();
  std::vector<double> seconds;
  for (int i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return detail::median(std::move(seconds));
}

}  // namespace

MachinePeak measureMachinePeak() {
  c10::InferenceMode inference;
  MachinePeak peak;
  peak.threads = torch::get_num_threads();
  constexpr int64_t kSide = 1024;
  // A generator of its own, not LibTorch's global one that seeded builds on other threads use.
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(0);
  const torch::Tensor a = torch::randn({kSide, kSide}, generator);
  const torch::Tensor b = torch::randn({kSide, kSide}, generator);
  torch::Tensor c = torch::empty({kSide, kSide});
  const double gemm = medianSeconds(10, [&] { torch::mm_out(c, a, b); });
  peak.sgemmGmacs = static_cast<double>(kSide * kSide * kSide) / gemm * 1e-9;

  constexpr int64_t kFloats = 64 * 1024 * 1024;  // 256 MiB
  const torch::Tensor from = torch::ones({kFloats});
  torch::Tensor to = torch::empty({kFloats});
  const double copy = medianSeconds(5, [&] { to.copy_(from); });
  peak.copyGbytes = 2.0 * static_cast<double>(kFloats) * sizeof(float) / copy * 1e-9;
  return peak;
}

}  // namespace ghostlens
