#pragma once

// Private to the ui library: the explorer's analysed layers, with their tensors.
#include <QImage>
#include <QString>
#include <vector>

#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/analysis/map_statistics.h"
#include "ghostlens/data/class_names.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/session/input_source.h"
#include "ghostlens/session/model_source.h"

namespace ghostlens::ui {

/// One analysis of the models on one input. The left grid shows the first model ("vanilla" in
/// the names below, as the usual pair is), the right grid the second ("ghost"), layer i of one
/// matched with layer i of the other; a single model leaves the second empty.
struct ExplorerData {
  PairSource pair;
  InputSource input;
  Metric metric = Metric::Cosine;
  ModelSpec vanillaSpec;
  ModelSpec ghostSpec;  ///< the second model's, or the first's when there is none
  QString vanillaDescription;
  QString ghostDescription;
  bool paired = true;
  int64_t cheapKernel = 3;  ///< d of the cheap-op fit (ModelPair::cheapKernel)
  /// false: only the layer asked for is analysed yet (the rest follows); no predictions yet
  bool complete = true;
  QString inputDescription;
  int threads = 0;    ///< LibTorch intra-op threads of the worker that ran the models
  QImage inputImage;  ///< what the models look at, for the overlay in the detail pane
  std::vector<LayerAnalysis> vanilla;
  std::vector<LayerAnalysis> ghost;
  std::vector<std::vector<MapStats>> vanillaStats;
  std::vector<std::vector<MapStats>> ghostStats;
  std::vector<Prediction> vanillaTop;  ///< the five most probable classes
  std::vector<Prediction> ghostTop;
};

}  // namespace ghostlens::ui
