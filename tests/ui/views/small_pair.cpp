#include "small_pair.h"

#include <torch/torch.h>

#include <QDir>

#include "ghostlens/models/model_factory.h"
#include "ghostlens/training/checkpoint.h"

ghostlens::ModelSpec smallVgg(int64_t ratio) {
  ghostlens::ModelSpec spec = ghostlens::ModelSpec::defaults(ghostlens::Architecture::Vgg16);
  spec.width = 0.25;
  spec.input = {1, 28, 28};
  spec.ratio = ratio;
  return spec;
}

SmallPair writeSmallPair(const QString& directory, uint64_t seed) {
  torch::manual_seed(seed);
  const SmallPair pair{QDir(directory).filePath("vanilla.pt"),
                       QDir(directory).filePath("ghost.pt")};
  ghostlens::saveCheckpoint(pair.vanilla.toStdString(), smallVgg(1),
                            *ghostlens::buildModel(smallVgg(1)), nullptr, 0);
  ghostlens::saveCheckpoint(pair.ghost.toStdString(), smallVgg(2),
                            *ghostlens::buildModel(smallVgg(2)), nullptr, 0);
  return pair;
}
