#include "ghostlens/models/ghost_sites.h"

#include <torch/torch.h>

#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/resnet_bottleneck.h"

namespace ghostlens {

std::unordered_map<const torch::nn::Module*, GhostSite> ghostSites(torch::nn::Module& root) {
  std::unordered_map<const torch::nn::Module*, GhostSite> sites;
  auto mark = [&](const std::shared_ptr<torch::nn::Module>& module, GhostSite site) {
    if (module) sites[module.get()] = site;
  };
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

}  // namespace ghostlens
