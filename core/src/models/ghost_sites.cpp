#include "ghostlens/models/ghost_sites.h"

#include <torch/torch.h>

#include <unordered_set>

#include "ghostlens/models/ghost_bottleneck.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/mobilenet_v2.h"
#include "ghostlens/models/resnet_bottleneck.h"

namespace ghostlens {

std::unordered_map<const torch::nn::Module*, GhostSite> ghostSites(torch::nn::Module& root) {
  std::unordered_map<const torch::nn::Module*, GhostSite> sites;
  auto mark = [&](const std::shared_ptr<torch::nn::Module>& module, GhostSite site) {
    if (module) sites[module.get()] = site;
  };
  if (auto* net = root.as<MobileNetV2Impl>()) {
    // Vanilla MobileNetV2: every conv but the stem is what its ghost form makes a Ghost module.
    std::unordered_set<const torch::nn::Module*> stem;
    for (const auto& part : net->features->ptr(0)->modules()) stem.insert(part.get());
    for (const auto& module : net->features->modules(/*include_self=*/false)) {
      if (stem.count(module.get())) continue;
      if (module->as<torch::nn::Conv2dImpl>()) sites[module.get()] = GhostSite::Conv;
      if (module->as<torch::nn::BatchNorm2dImpl>()) sites[module.get()] = GhostSite::Norm;
    }
  }
  for (const auto& item : root.named_modules("", /*include_self=*/false)) {
    const auto& module = item.value();
    if (auto* ghost = module->as<GhostModuleImpl>()) {
      mark(ghost->primary_conv->ptr(0), GhostSite::Conv);
      mark(ghost->primary_conv->ptr(1), GhostSite::Norm);
      if (ghost->cheap_operation) {
        for (const auto& part : ghost->cheap_operation->children()) mark(part, GhostSite::Cheap);
      }
    } else if (auto* block = module->as<ResNetBottleneckImpl>()) {
      for (const auto& conv : {block->conv1, block->conv2, block->conv3}) {
        mark(conv.ptr(), GhostSite::Conv);
      }
      for (const auto& bn : {block->bn1, block->bn2, block->bn3}) mark(bn.ptr(), GhostSite::Norm);
      if (block->downsample) {
        mark(block->downsample->ptr(0), GhostSite::Conv);
        mark(block->downsample->ptr(1), GhostSite::Norm);
      }
    }
  }
  return sites;
}

std::unordered_map<const torch::nn::Module*, const torch::nn::Module*> layerOwners(
    torch::nn::Module& root) {
  std::unordered_map<const torch::nn::Module*, const torch::nn::Module*> owners;
  auto own = [&](const torch::nn::Module& owner, torch::nn::Module& part) {
    for (const auto& inner : part.modules(/*include_self=*/true)) owners[inner.get()] = &owner;
  };
  auto ownChildren = [&](torch::nn::Module& unit) {
    for (const auto& part : unit.children()) own(unit, *part);
  };
  if (auto* net = root.as<MobileNetV2Impl>()) {
    // torchvision's ConvBNReLU6 blocks at both ends of `features` are one layer each.
    for (const auto& part : net->features->children()) {
      if (part->as<ConvBnRelu6Impl>()) ownChildren(*part);
    }
  }
  for (const auto& item : root.named_modules("", /*include_self=*/false)) {
    torch::nn::Module& module = *item.value();
    if (auto* ghost = module.as<GhostModuleImpl>()) {
      own(module, *ghost->primary_conv);
      if (ghost->cheap_operation) own(module, *ghost->cheap_operation);
    } else if (auto* block = module.as<ConvBnActImpl>()) {
      own(module, *block->conv);
      own(module, *block->bn1);
    } else if (auto* bottleneck = module.as<GhostBottleneckImpl>()) {
      own(module, *bottleneck->shortcut);
    } else if (auto* block = module.as<InvertedResidualImpl>()) {
      for (const auto& part : block->conv->children()) {
        if (part->as<ConvBnRelu6Impl>()) ownChildren(*part);
      }
    }
  }
  return owners;
}

}  // namespace ghostlens
