#pragma once

#include <torch/nn/module.h>

#include <unordered_map>

#include "ghostlens/models/ghost_site.h"

namespace ghostlens {

/// The role of every module of `root` that has one: the parts of each GhostModule and, in the
/// torchvision-layout vanilla ResNet-50, the convs and BNs its ghost form replaces. Counting
/// derives ghost costs from these roles instead of parsing module names.
std::unordered_map<const torch::nn::Module*, GhostSite> ghostSites(torch::nn::Module& root);

}  // namespace ghostlens
