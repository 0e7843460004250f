#include "ghostlens/analysis/similar_maps.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>

#include "ghostlens/analysis/similarity.h"
#include "ghostlens/util/csv_table.h"

namespace ghostlens {

namespace {
void checkSquare(const torch::Tensor& similarity) {
  TORCH_CHECK(similarity.dim() == 2 && similarity.size(0) == similarity.size(1),
              "similarity must be a [C, C] matrix");
}
}  // namespace

double pairScore(const torch::Tensor& similarity, int64_t a, int64_t b) {
  checkSquare(similarity);
  return std::max(similarity[a][b].item<double>(), similarity[b][a].item<double>());
}

std::vector<SimilarMap> topSimilar(const torch::Tensor& similarity, int64_t channel, int64_t k) {
  checkSquare(similarity);
  const int64_t c = similarity.size(0);
  TORCH_CHECK(channel >= 0 && channel < c, "top similar: channel out of range");
  const torch::Tensor both =
      torch::maximum(similarity[channel], similarity.select(1, channel)).to(torch::kFloat64);
  const torch::Tensor scores = both.contiguous();
  std::vector<SimilarMap> all;
  for (int64_t j = 0; j < c; ++j) {
    if (j != channel) all.push_back({j, scores.data_ptr<double>()[j]});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const SimilarMap& x, const SimilarMap& y) { return x.score > y.score; });
  if (static_cast<int64_t>(all.size()) > k)
    all.resize(static_cast<std::size_t>(std::max<int64_t>(k, 0)));
  return all;
}

torch::Tensor cheapFitResidual(const torch::Tensor& maps, int64_t source, int64_t target,
                               int64_t d) {
  TORCH_CHECK(maps.dim() == 3, "cheap-op residual: maps must be [C, H, W]");
  return cheapFitResidual(maps, source, target, cheapFitFilter(maps, source, target, d));
}

torch::Tensor cheapFitResidual(const torch::Tensor& maps, int64_t source, int64_t target,
                               const torch::Tensor& filter) {
  TORCH_CHECK(maps.dim() == 3 && filter.dim() == 2 && filter.size(0) == filter.size(1),
              "cheap-op residual: maps must be [C, H, W] and the filter [d, d]");
  const int64_t d = filter.size(0);
  const torch::Tensor input = maps[source].to(torch::kFloat64).unsqueeze(0).unsqueeze(0);
  const torch::Tensor fitted =
      torch::conv2d(input, filter.view({1, 1, d, d}), {}, 1, d / 2).squeeze(0).squeeze(0);
  return maps[target].to(torch::kFloat64) - fitted;
}

std::string similarityCsv(const torch::Tensor& similarity) {
  checkSquare(similarity);
  const torch::Tensor m = similarity.to(torch::kFloat64).contiguous();
  const int64_t c = m.size(0);
  const double* v = m.data_ptr<double>();
  CsvTable table;
  table.header.push_back("map");
  for (int64_t j = 0; j < c; ++j) table.header.push_back(std::to_string(j));
  for (int64_t i = 0; i < c; ++i) {
    std::vector<std::string> row{std::to_string(i)};
    for (int64_t j = 0; j < c; ++j) row.push_back(csvNumber(v[i * c + j]));
    table.rows.push_back(std::move(row));
  }
  return toCsv(table);
}

}  // namespace ghostlens
