#pragma once

// Private to the ui library: turns an ExplorerView into what the widgets draw, by calling core.
#include <QString>
#include <QVector>
#include <memory>
#include <string>

#include "ghostlens/session/explorer_session.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/map_detail_pane.h"
#include "ghostlens/ui/side.h"

namespace ghostlens::ui {

/// Colour settings of the grids.
struct ColorChoice {
  ColorScale scale = ColorScale::PerMap;
  Colormap colormap = Colormap::Gray;
};

/// The analysed models, and the pieces of them each widget shows. Threshold changes only find
/// pairs again in the layers' similarity matrices, which core keeps.
class ExplorerPresenter {
 public:
  void setData(std::shared_ptr<const ExplorerView> data);
  const ExplorerView* data() const { return data_.get(); }
  int layerCount() const;
  int layerIndex(const QString& name) const;
  /// The first model's name of a layer (the second's partner may have another name).
  QString layerName(int layer) const;
  /// Whether there is a second model.
  bool paired() const;
  const LayerView& layer(int layer, Side side) const;

  QVector<LayerRow> layerRows(double threshold) const;
  Redundancy redundancy(int layer, Side side, double threshold) const;
  QVector<HighlightedPair> highlights(const Redundancy& redundancy) const;
  QVector<GridMap> gridMaps(int layer, Side side, const ColorChoice& colors) const;
  /// The heatmap's part of a layer's matrix: the overview of at most `cells` cells a side when
  /// `firstRow` < 0, else `cells` maps in full from (firstRow, firstColumn).
  SimilarityWindow similarityWindow(int layer, Side side, int firstRow, int firstColumn,
                                    int cells) const;
  /// The ghost structure around `channel`: its parent, or its children when intrinsic.
  QVector<int> related(int layer, Side side, int channel) const;
  /// `source` >= 0: the cheap-op fit of `channel` from that map (a heatmap cell's row).
  MapDetail detail(int layer, Side side, int channel, int k, const ColorChoice& colors,
                   int source = -1) const;
  std::string similarityCsv(int layer, Side side) const;
  /// What the models receive, as a picture.
  QImage inputImage() const;

 private:
  /// The same layer in the other model, for the shared colour scale (nullptr: one model).
  const LayerView* other(int layer, Side side) const;

  std::shared_ptr<const ExplorerView> data_;
};

}  // namespace ghostlens::ui
