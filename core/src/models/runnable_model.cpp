#include "ghostlens/models/runnable_model.h"

namespace ghostlens {

std::string modelKindName(ModelKind kind) {
  switch (kind) {
    case ModelKind::Zoo:
      return "zoo";
    case ModelKind::TorchScript:
      return "TorchScript";
  }
  return "unknown";
}

}  // namespace ghostlens
