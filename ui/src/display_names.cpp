#include "ghostlens/ui/display_names.h"

#include <QCoreApplication>

namespace ghostlens::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("ghostlens", text); }
}  // namespace

QString displayName(Metric metric) {
  switch (metric) {
    case Metric::Cosine:
      return tr("Cosine");
    case Metric::Pearson:
      return tr("Pearson");
    case Metric::Mse:
      return tr("1 - MSE");
    case Metric::Ssim:
      return tr("SSIM");
    case Metric::CheapFit:
      return tr("Cheap-op fit (R\u00b2)");
  }
  return {};
}

QString displayName(ColorScale scale) {
  switch (scale) {
    case ColorScale::PerMap:
      return tr("Scale per map");
    case ColorScale::PerLayer:
      return tr("Scale per layer");
    case ColorScale::Shared:
      return tr("Scale shared by both");
  }
  return {};
}

QString displayName(Colormap colormap) {
  switch (colormap) {
    case Colormap::Gray:
      return tr("Gray");
    case Colormap::Viridis:
      return tr("Viridis");
    case Colormap::Inferno:
      return tr("Inferno");
    case Colormap::Jet:
      return tr("Jet");
  }
  return {};
}

QString displayName(Architecture arch) {
  switch (arch) {
    case Architecture::GhostNet:
      return tr("GhostNet");
    case Architecture::Vgg16:
      return tr("VGG-16 (CIFAR)");
    case Architecture::ResNet56:
      return tr("ResNet-56 (CIFAR)");
    case Architecture::ResNet50:
      return tr("ResNet-50");
    case Architecture::MobileNetV2:
      return tr("MobileNetV2");
  }
  return {};
}

QString weightsFileFilter() {
  return tr("Weights (*.pth *.pt *.tar *.ckpt *.bin *.safetensors);;All files (*)");
}

}  // namespace ghostlens::ui
