#pragma once

// Private to the ui library: the explorer's analysed layers, with their tensors.
#include <QImage>
#include <QString>
#include <vector>

#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/analysis/map_statistics.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/ui/explorer_request.h"

namespace ghostlens::ui {

/// One analysis of the pair on one input: layers matched by name, vanilla and ghost side by side.
struct ExplorerData {
  PairSource pair;
  InputSource input;
  Metric metric = Metric::Cosine;
  ModelSpec vanillaSpec;
  ModelSpec ghostSpec;
  QString pairDescription;
  QString inputDescription;
  int threads = 0;    ///< LibTorch intra-op threads of the worker that ran the models
  QImage inputImage;  ///< the chosen picture, for the overlay in the detail pane
  std::vector<LayerAnalysis> vanilla;
  std::vector<LayerAnalysis> ghost;
  std::vector<std::vector<MapStats>> vanillaStats;
  std::vector<std::vector<MapStats>> ghostStats;
};

}  // namespace ghostlens::ui
