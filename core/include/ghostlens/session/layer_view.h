#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ghostlens/analysis/analysis_types.h"
#include "ghostlens/analysis/color_types.h"
#include "ghostlens/analysis/metric.h"

namespace ghostlens {

struct LayerAnalysis;

/// What the detail pane shows of one map: the map enlarged, its most similar maps and, for the
/// cheap-op fit, the filter that makes it from its best source and what that leaves over.
struct MapDetailView {
  RgbImage map;
  std::vector<SimilarMap> similar;  ///< best first, the map itself left out
  int64_t filterSize = 0;           ///< d; 0 when the metric is not the cheap-op fit
  std::vector<double> filter;       ///< d x d, row-major
  int64_t filterSource = -1;        ///< the map the filter is fitted from
  RgbImage residual;                ///< target - filter * source, drawn around zero
  double residualR2 = 0;            ///< the fit's R^2 (the similarity of source -> target)
  double residualExtent = 0;        ///< largest |residual|, the colour scale's ends
};

/// A square part of a layer's [C, C] similarity matrix as the heatmap draws it: `cells` x
/// `cells` values, row-major; cell (i, j) covers source maps firstRow + i * mapsPerCell ... and
/// target maps firstColumn + j * mapsPerCell ... (fewer at the matrix's end) and holds their
/// largest score, so that a redundant pair shows in an overview as it does in full.
struct SimilarityWindow {
  std::vector<double> values;
  int64_t cells = 0;
  int64_t mapsPerCell = 1;
  int64_t firstRow = 0;
  int64_t firstColumn = 0;
  int64_t maps = 0;  ///< C
};

/// One analysed layer of one model, without tensors: everything the explorer shows of it, for a
/// GUI that does not include Torch. Copies share the layer's data.
class LayerView {
 public:
  LayerView() = default;
  /// Takes over one layer's analysis (its maps and similarity matrix stay inside).
  static LayerView fromAnalysis(LayerAnalysis analysis);

  const std::string& name() const;
  const std::string& type() const;
  int64_t channels() const;
  int64_t height() const;
  int64_t width() const;
  /// Ghost module: intrinsic channels and each channel's intrinsic parent (empty otherwise).
  int64_t intrinsic() const;
  const std::vector<int64_t>& parents() const;
  /// Maps whose values hardly vary (deadMaps()), ascending: never paired, not in the score.
  const std::vector<int64_t>& dead() const;
  const std::vector<MapStats>& stats() const;
  /// The [C, C] similarity matrix, row-major (row = source map, column = target).
  std::vector<double> similarity() const;
  double similarityAt(int64_t source, int64_t target) const;
  /// The whole matrix in at most `side` x `side` cells (each the maximum of a block of maps).
  SimilarityWindow similarityOverview(int64_t side) const;
  /// Up to `side` x `side` maps of the matrix in full, starting at source map `firstRow` and
  /// target map `firstColumn` (moved back so that the window stays inside the matrix).
  SimilarityWindow similarityWindow(int64_t firstRow, int64_t firstColumn, int64_t side) const;

  /// The share of live maps with a partner at or above `threshold`, in O(C); NaN for maps too
  /// small to compare (comparableMaps()).
  double score(double threshold) const;
  /// findRedundancy() at `threshold`. The last threshold's result is kept: the worker asks for
  /// the shown layer's pairs before handing the view over, so the GUI thread finds them ready,
  /// and a new colormap does not find them again. Safe from any thread.
  Redundancy redundancy(double threshold) const;
  /// Every map drawn with `colormap`; `other` is the same layer of the other model, for the
  /// shared colour scale (nullptr: none).
  std::vector<RgbImage> images(ColorScale scale, Colormap colormap, const LayerView* other) const;
  /// The detail of `channel`: top `k` similar maps; with Metric::CheapFit the d x d filter
  /// (d = `dw`) and residual of the fit of `channel` from `source` (-1: the best source, the
  /// column's maximum), whose R^2 is similarityAt(source, channel): one score per ordered pair.
  MapDetailView detail(int64_t channel, int64_t k, Metric metric, int64_t dw, ColorScale scale,
                       Colormap colormap, const LayerView* other, int64_t source = -1) const;
  /// The similarity matrix as CSV (similarityCsv()).
  std::string similarityCsv() const;

 private:
  struct Data;
  std::shared_ptr<const Data> data_;
};

}  // namespace ghostlens
