#pragma once

#include <QImage>
#include <QString>

#include "ghostlens/models/model_spec.h"

namespace ghostlens::ui {

/// Where the explorer's vanilla and ghost weights come from.
struct PairSource {
  enum class Kind { Shipped, Untrained, Checkpoints };
  Kind kind = Kind::Shipped;
  ModelSpec ghost = ModelSpec::defaults(Architecture::Vgg16);  ///< Untrained: the ghost spec
  QString vanillaPath;                                         ///< Checkpoints only
  QString ghostPath;                                           ///< Checkpoints only

  /// Two sources are the same when they would load the same weights.
  bool sameWeights(const PairSource& other) const;
};

/// The image both models look at.
struct InputSource {
  enum class Kind { FashionMnist, ImageFile, Pasted };
  Kind kind = Kind::FashionMnist;
  int index = 0;  ///< Fashion-MNIST test image
  QString path;   ///< image file
  QImage image;   ///< pasted image
};

}  // namespace ghostlens::ui
