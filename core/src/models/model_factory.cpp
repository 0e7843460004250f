#include "ghostlens/models/model_factory.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "ghostlens/models/ghostnet.h"
#include "ghostlens/models/mobilenet_v2.h"
#include "ghostlens/models/resnet50.h"
#include "ghostlens/models/resnet_cifar.h"
#include "ghostlens/models/vgg16.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

std::shared_ptr<NetworkImpl> constructModel(const ModelSpec& spec) {
  validateSpec(spec);
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

std::shared_ptr<NetworkImpl> buildModel(const ModelSpec& spec, std::optional<uint64_t> seed) {
  // The modules' constructors draw from LibTorch's global generator; those draws are then
  // replaced. A seeded build draws from a generator of its own, so that nothing another thread
  // does to the global one (a seed, a draw) changes it.
  std::shared_ptr<NetworkImpl> model = constructModel(spec);
  at::Generator generator =
      seed ? at::make_generator<at::CPUGeneratorImpl>(*seed) : at::detail::getDefaultCPUGenerator();
  model->initialise(generator);
  return model;
}

}  // namespace ghostlens
