#pragma once

#include <string>
#include <vector>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/profiling/forward_profile.h"
#include "ghostlens/profiling/machine_peak.h"

namespace ghostlens {

/// One layer of two profiles, matched by layer name (LayerProfile::layer) as compareLayerMacs()
/// matches counts: the sums of the layer's rows in each model.
struct LayerProfilePair {
  std::string name;
  int64_t macs[2] = {0, 0};
  double ms[2] = {0, 0};
  int64_t bytesMoved[2] = {0, 0};
};

/// Two models measured one after the other on the same machine: what the Cost view shows.
struct PairProfile {
  ModelSpec specs[2];
  bool deploy = false;
  ForwardProfile profiles[2];
  MachinePeak machine;
  std::vector<LayerProfilePair> layers;  ///< in the first model's order
  double macsSpeedup = 1;                ///< first MACs / second MACs
  double measuredSpeedup = 1;  ///< median over the rounds of first forward / second forward
};

/// Builds each spec (untrained, seed 0: time does not depend on the weights' values), deploys
/// it when `deploy`, and profiles the two in three alternating rounds of options.repeat / 3
/// runs each (each row's time the median of its rounds'), then measures the machine's roofline.
/// Progress runs up to the last step, the roofline.
PairProfile profilePair(const ModelSpec& first, const ModelSpec& second, bool deploy,
                        const ProfileOptions& options, const ProfileProgress& progress = {});

/// The rows of two profiles folded into layers and matched by name.
std::vector<LayerProfilePair> compareLayerProfiles(const ForwardProfile& first,
                                                   const ForwardProfile& second);

}  // namespace ghostlens
