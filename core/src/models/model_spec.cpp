#include "ghostlens/models/model_spec.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "ghostlens/util/input_error.h"

namespace ghostlens {

ModelSpec ModelSpec::defaults(Architecture arch) {
  ModelSpec spec;
  spec.arch = arch;
  if (arch == Architecture::Vgg16 || arch == Architecture::ResNet56) {
    spec.input = {3, 32, 32};
    spec.classes = 10;
  }
  return spec;
}

bool ModelSpec::isVanilla() const {
  if (ratio != 1) return false;
  for (const auto& [name, layer] : plan) {
    if (layer.ratio != 1) return false;
  }
  return true;
}

std::string architectureName(Architecture arch) {
  switch (arch) {
    case Architecture::GhostNet:
      return "ghostnet";
    case Architecture::Vgg16:
      return "vgg16";
    case Architecture::ResNet56:
      return "resnet56";
    case Architecture::ResNet50:
      return "resnet50";
    case Architecture::MobileNetV2:
      return "mobilenetv2";
  }
  throw InputError("unknown architecture");
}

std::optional<Architecture> parseArchitecture(const std::string& name) {
  for (Architecture arch : allArchitectures()) {
    if (architectureName(arch) == name) return arch;
  }
  return std::nullopt;
}

std::vector<Architecture> allArchitectures() {
  return {Architecture::GhostNet, Architecture::Vgg16, Architecture::ResNet56,
          Architecture::ResNet50, Architecture::MobileNetV2};
}

std::string describeSpec(const ModelSpec& spec) {
  char width[32];
  std::snprintf(width, sizeof width, "%g", spec.width);
  std::string text = architectureName(spec.arch) + " width " + width;
  if (spec.hasPlan()) {
    int64_t lowest = spec.ratio, highest = spec.ratio;
    for (const auto& [name, layer] : spec.plan) {
      lowest = std::min(lowest, layer.ratio);
      highest = std::max(highest, layer.ratio);
    }
    text += " plan";
    if (!spec.planName.empty()) text += " '" + spec.planName + "'";
    return text + " (s " + std::to_string(lowest) + "-" + std::to_string(highest) + ")";
  }
  if (spec.isVanilla()) return text + " vanilla";
  return text + " s=" + std::to_string(spec.ratio) + " d=" + std::to_string(spec.dw);
}

void validateSpec(const ModelSpec& spec) {
  // The upper limits keep a spec from a file (a checkpoint, a store row) or a typo from asking
  // for a model of many gigabytes: ResNet-50 at width 4 already has 400M parameters.
  if (!(spec.width > 0.0) || spec.width > kMaxWidth)
    throw InputError("width must be positive and at most " + std::to_string(int(kMaxWidth)));
  if (spec.ratio < 1 || spec.ratio > kMaxRatio)
    throw InputError("ratio s must be from 1 to " + std::to_string(kMaxRatio));
  if (spec.dw < 1 || spec.dw % 2 == 0 || spec.dw > kMaxKernel)
    throw InputError("dw kernel d must be odd, from 1 to " + std::to_string(kMaxKernel));
  if (spec.input[0] < 1 || spec.input[0] > kMaxInputChannels)
    throw InputError("input channels must be from 1 to " + std::to_string(kMaxInputChannels));
  for (int64_t dim : {spec.input[1], spec.input[2]}) {
    if (dim < 1 || dim > kMaxInputSide)
      throw InputError("input height and width must be from 1 to " + std::to_string(kMaxInputSide));
  }
  if (spec.classes < 1 || spec.classes > kMaxClasses)
    throw InputError("classes must be from 1 to " + std::to_string(kMaxClasses));
  if (spec.hasPlan() && spec.arch != Architecture::Vgg16) {
    throw InputError("per-layer plans are supported for vgg16 only, not " +
                     architectureName(spec.arch));
  }
  for (const auto& [name, layer] : spec.plan) {
    if (layer.ratio < 1 || layer.ratio > kMaxRatio)
      throw InputError("plan: layer " + name + ": s must be from 1 to " +
                       std::to_string(kMaxRatio));
    if (layer.dw < 1 || layer.dw % 2 == 0 || layer.dw > kMaxKernel) {
      throw InputError("plan: layer " + name + ": d must be odd, from 1 to " +
                       std::to_string(kMaxKernel));
    }
  }
}

}  // namespace ghostlens
