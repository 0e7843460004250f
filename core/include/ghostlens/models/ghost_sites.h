#pragma once

#include <torch/nn/module.h>

#include <unordered_map>

#include "ghostlens/models/ghost_site.h"

namespace ghostlens {

/// The role of every module of `root` that has one: the parts of each GhostModule and, in the
/// torchvision-layout vanilla ResNet-50, the convs and BNs its ghost form replaces. Counting
/// derives ghost costs from these roles instead of parsing module names.
std::unordered_map<const torch::nn::Module*, GhostSite> ghostSites(torch::nn::Module& root);

/// The module whose output a person sees as "the layer" for the modules inside one: a Ghost
/// module for the modules of its primary conv and cheap operation, a ConvBnAct for its conv and
/// BN, a GhostBottleneck for the modules of its shortcut (they only feed the block's sum).
/// Modules that are their own layer are absent. Taps and per-layer costs ask this instead of
/// parsing module names.
std::unordered_map<const torch::nn::Module*, const torch::nn::Module*> layerOwners(
    torch::nn::Module& root);

}  // namespace ghostlens
