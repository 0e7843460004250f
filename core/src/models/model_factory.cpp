#include "ghostlens/models/model_factory.h"

#include <torch/torch.h>

#include <mutex>

#include "ghostlens/models/ghostnet.h"
#include "ghostlens/models/mobilenet_v2.h"
#include "ghostlens/models/resnet50.h"
#include "ghostlens/models/resnet_cifar.h"
#include "ghostlens/models/vgg16.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

std::shared_ptr<NetworkImpl> buildModel(const ModelSpec& spec, std::optional<uint64_t> seed) {
  validateSpec(spec);
  static std::mutex building;
  const std::lock_guard<std::mutex> lock(building);
  if (seed) torch::manual_seed(*seed);
  const int64_t channels = spec.input[0];
  switch (spec.arch) {
    case Architecture::GhostNet:
      return std::make_shared<GhostNetImpl>(
          GhostNetOptions{spec.width, spec.ratio, spec.dw, channels, spec.classes, 0.2});
    case Architecture::Vgg16:
      return std::make_shared<Vgg16Impl>(
          Vgg16Options{spec.width, spec.ratio, spec.dw, channels, spec.classes, spec.plan});
    case Architecture::ResNet56:
      return std::make_shared<ResNetCifarImpl>(
          ResNetCifarOptions{56, spec.width, spec.ratio, spec.dw, channels, spec.classes});
    case Architecture::ResNet50:
      return std::make_shared<ResNet50Impl>(
          ResNet50Options{spec.width, spec.ratio, spec.dw, channels, spec.classes});
    case Architecture::MobileNetV2:
      return std::make_shared<MobileNetV2Impl>(
          MobileNetV2Options{spec.width, spec.ratio, spec.dw, channels, spec.classes, 0.2});
  }
  throw InputError("unknown architecture");
}

}  // namespace ghostlens
