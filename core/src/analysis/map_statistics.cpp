#include "ghostlens/analysis/map_statistics.h"

#include <torch/torch.h>

namespace ghostlens {

std::vector<MapStats> mapStatistics(const torch::Tensor& maps) {
  TORCH_CHECK(maps.dim() == 3, "map statistics: maps must be [C, H, W]");
  const torch::Tensor flat = maps.reshape({maps.size(0), -1}).to(torch::kFloat64);
  const torch::Tensor low = std::get<0>(flat.min(1)).contiguous();
  const torch::Tensor high = std::get<0>(flat.max(1)).contiguous();
  const torch::Tensor mean = flat.mean(1).contiguous();
  std::vector<MapStats> stats(static_cast<std::size_t>(maps.size(0)));
  for (std::size_t c = 0; c < stats.size(); ++c) {
    stats[c] = {low.data_ptr<double>()[c], high.data_ptr<double>()[c], mean.data_ptr<double>()[c]};
  }
  return stats;
}

}  // namespace ghostlens
