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
  double measuredSpeedup = 1;            ///< first median forward / second median forward
};

/// Builds each spec (untrained, seed 0: time does not depend on the weights' values), deploys
/// it when `deploy`, profiles it with `options`, then measures the machine's roofline. Progress
/// runs from 0 to 2 * options.repeat + 1 (the roofline last).
PairProfile profilePair(const ModelSpec& first, const ModelSpec& second, bool deploy,
                        const ProfileOptions& options, const ProfileProgress& progress = {});

/// The rows of two profiles folded into layers and matched by name.
std::vector<LayerProfilePair> compareLayerProfiles(const ForwardProfile& first,
                                                   const ForwardProfile& second);

}  // namespace ghostlens
