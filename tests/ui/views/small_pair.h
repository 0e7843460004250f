#pragma once

#include <QString>
#include <cstdint>

#include "ghostlens/models/model_spec.h"

/// VGG-16 at width 0.25 on 1x28x28 Fashion-MNIST, vanilla (ratio 1) or ghost.
ghostlens::ModelSpec smallVgg(int64_t ratio);

/// An untrained vanilla/ghost pair of smallVgg() checkpoints, written into a folder.
struct SmallPair {
  QString vanilla, ghost;
};
/// @param seed the weights' seed, so each test knows what it draws
SmallPair writeSmallPair(const QString& directory, uint64_t seed);
