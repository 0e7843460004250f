#include "ghostlens/session/layer_view.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/analysis/map_colors.h"
#include "ghostlens/analysis/redundancy.h"
#include "ghostlens/analysis/similar_maps.h"
#include "ghostlens/analysis/similarity.h"

namespace ghostlens {

struct LayerView::Data {
  LayerAnalysis analysis;
  std::vector<MapStats> stats;
  mutable std::mutex redundancyMutex;
  mutable std::optional<double> redundancyThreshold;  ///< of `redundancy`
  mutable Redundancy redundancy;
};

namespace {

const std::vector<int64_t> kNoParents;
const std::string kEmpty;
const std::vector<MapStats> kNoStats;

}  // namespace

LayerView LayerView::fromAnalysis(LayerAnalysis analysis) {
  auto data = std::make_shared<Data>();
  data->stats = mapStatistics(analysis.maps);
  data->analysis = std::move(analysis);
  LayerView view;
  view.data_ = std::move(data);
  return view;
}

const std::string& LayerView::name() const { return data_ ? data_->analysis.name : kEmpty; }
const std::string& LayerView::type() const { return data_ ? data_->analysis.type : kEmpty; }
int64_t LayerView::channels() const { return data_ ? data_->analysis.channels : 0; }
int64_t LayerView::height() const { return data_ ? data_->analysis.height : 0; }
int64_t LayerView::width() const { return data_ ? data_->analysis.width : 0; }
int64_t LayerView::intrinsic() const { return data_ ? data_->analysis.intrinsic : 0; }

const std::vector<int64_t>& LayerView::parents() const {
  return data_ ? data_->analysis.parents : kNoParents;
}

const std::vector<int64_t>& LayerView::dead() const {
  return data_ ? data_->analysis.dead : kNoParents;
}

const std::vector<MapStats>& LayerView::stats() const { return data_ ? data_->stats : kNoStats; }

// Copied on demand: a whole model's matrices as doubles would be hundreds of MB (2048^2 per
// late ResNet-50 layer) and, made for every layer after each input, slowed the next input.
std::vector<double> LayerView::similarity() const {
  if (!data_) return {};
  const torch::Tensor s = data_->analysis.similarity.to(torch::kFloat64).contiguous();
  return std::vector<double>(s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
}

double LayerView::similarityAt(int64_t source, int64_t target) const {
  const int64_t c = channels();
  if (source < 0 || source >= c || target < 0 || target >= c) {
    throw std::out_of_range("similarity of maps " + std::to_string(source) + " and " +
                            std::to_string(target) + " in " + name());
  }
  return data_->analysis.similarity[source][target].item<double>();
}

namespace {

SimilarityWindow toWindow(const torch::Tensor& block, int64_t mapsPerCell, int64_t firstRow,
                          int64_t firstColumn, int64_t maps) {
  const torch::Tensor values = block.to(torch::kFloat64).contiguous();
  SimilarityWindow w;
  w.values.assign(values.data_ptr<double>(), values.data_ptr<double>() + values.numel());
  w.cells = values.size(0);
  w.mapsPerCell = mapsPerCell;
  w.firstRow = firstRow;
  w.firstColumn = firstColumn;
  w.maps = maps;
  return w;
}

}  // namespace

SimilarityWindow LayerView::similarityOverview(int64_t side) const {
  const int64_t c = channels();
  if (c == 0 || side < 1) return {};
  const int64_t k = (c + side - 1) / side;
  if (k == 1) return toWindow(data_->analysis.similarity, 1, 0, 0, c);
  // Block maxima; a last, partial block takes the maximum of the maps it has.
  const torch::Tensor pooled = torch::max_pool2d(data_->analysis.similarity.unsqueeze(0), {k, k},
                                                 {k, k}, {0, 0}, {1, 1}, /*ceil_mode=*/true)
                                   .squeeze(0);
  return toWindow(pooled, k, 0, 0, c);
}

SimilarityWindow LayerView::similarityWindow(int64_t firstRow, int64_t firstColumn,
                                             int64_t side) const {
  const int64_t c = channels();
  if (c == 0 || side < 1) return {};
  const int64_t n = std::min(side, c);
  const int64_t row = std::clamp<int64_t>(firstRow, 0, c - n);
  const int64_t column = std::clamp<int64_t>(firstColumn, 0, c - n);
  return toWindow(data_->analysis.similarity.narrow(0, row, n).narrow(1, column, n), 1, row, column,
                  c);
}

double LayerView::score(double threshold) const {
  if (!data_) return 0.0;
  if (!data_->analysis.comparable) return std::numeric_limits<double>::quiet_NaN();
  return redundancyScore(data_->analysis.bestPartner, threshold);
}

Redundancy LayerView::redundancy(double threshold) const {
  if (!data_) return {};
  if (!data_->analysis.comparable) {
    Redundancy none;
    none.score = std::numeric_limits<double>::quiet_NaN();
    return none;
  }
  const std::lock_guard<std::mutex> lock(data_->redundancyMutex);
  if (data_->redundancyThreshold != threshold) {
    data_->redundancy =
        findRedundancy(data_->analysis.similarity, threshold, false, data_->analysis.dead);
    data_->redundancyThreshold = threshold;
  }
  return data_->redundancy;
}

std::vector<RgbImage> LayerView::images(ColorScale scale, Colormap colormap,
                                        const LayerView* other) const {
  if (!data_) return {};
  const std::vector<ValueRange> ranges =
      colorRanges(data_->stats, scale, other != nullptr ? other->stats() : data_->stats);
  return colorizeMaps(data_->analysis.maps, ranges, colormap);
}

MapDetailView LayerView::detail(int64_t channel, int64_t k, Metric metric, int64_t dw,
                                ColorScale scale, Colormap colormap, const LayerView* other,
                                int64_t source) const {
  const LayerAnalysis& l = data_->analysis;
  if (channel < 0 || channel >= l.channels) {
    throw std::out_of_range("map " + std::to_string(channel) + " of " + l.name);
  }
  MapDetailView d;
  const ValueRange range =
      colorRanges(data_->stats, scale, other != nullptr ? other->stats() : data_->stats)
          .at(static_cast<std::size_t>(channel));
  d.map = colorizeMap(l.maps[channel], range, colormap);
  d.similar = topSimilar(l.similarity, channel, k);
  if (metric == Metric::CheapFit && !d.similar.empty()) {
    if (source < 0 || source >= l.channels || source == channel) {
      // The best source of this map: the one whose fitted filter explains it best (the column
      // of the target, not the better of the two directions the ranking uses).
      const torch::Tensor column = l.similarity.select(1, channel).clone();
      column[channel] = -1.0;
      source = column.argmax().item<int64_t>();
    }
    const torch::Tensor filter = cheapFitFilter(l.maps, source, channel, dw).contiguous();
    d.filterSize = dw;
    d.filterSource = source;
    d.filter.assign(filter.data_ptr<double>(), filter.data_ptr<double>() + filter.numel());
    const torch::Tensor residual = cheapFitResidual(l.maps, source, channel, filter);
    d.residualExtent = std::max(residual.abs().max().item<double>(), 1e-12);
    d.residual = colorizeMap(residual, {-d.residualExtent, d.residualExtent}, Colormap::Jet);
    d.residualR2 = similarityAt(source, channel);
  }
  return d;
}

std::string LayerView::similarityCsv() const {
  return data_ ? ghostlens::similarityCsv(data_->analysis.similarity) : std::string();
}

}  // namespace ghostlens
