#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ghostlens {

class NetworkImpl;

/// Measured cost of one row of a forward pass: a leaf module (conv, BN, ReLU, linear, ...) or
/// the operations a composite runs itself between its children (a Ghost module's
/// concatenation, a block's residual add, the network's pooling).
struct LayerProfile {
  std::string name;  ///< qualified module name; "" for the network's own operations
  /// The layer as a person names it (LayerCost::layer): a Ghost module for its parts and its
  /// concatenation, a ConvBNReLU6 unit for its conv and BN, otherwise the row's own name.
  std::string layer;
  std::string type;         ///< "Conv2d", ...; "Concat" for a Ghost module's own work, "X ops"
                            ///< for another composite X's
  int64_t macs = 0;         ///< multiply-accumulates (countComplexity's convention), per image
  int64_t params = 0;       ///< parameters of a leaf module
  double latencyMs = 0;     ///< median wall time over the profiled runs
  int64_t outputBytes = 0;  ///< bytes of the output tensor
  /// Bytes a row must move at least, counted: input + weights + output for a leaf; for a
  /// concatenation both parts read and the output written; input + output for other ops.
  int64_t bytesMoved = 0;
  double intensity = 0;  ///< macs / bytesMoved
};

struct ForwardProfile {
  int threads = 1;
  int repeat = 0;
  double medianMs = 0, minMs = 0, maxMs = 0;  ///< whole forward passes, no observer
  double layerSumMs = 0;                      ///< sum of the rows' medians
  /// Peak bytes of the tensors one forward pass allocates and holds at once, measured through
  /// LibTorch's memory-reporting hook (AllocationMeter): the inputs and weights, made before,
  /// are not in it.
  int64_t peakActivationBytes = 0;
  std::vector<LayerProfile> layers;  ///< in execution order
};

struct ProfileOptions {
  int repeat = 20;  ///< timed runs of each kind (whole forward, and forward with the observer)
  int warmup = 3;   ///< untimed runs first
  int64_t batch = 1;
};

/// Called after each timed run with (done, total); returning false cancels (ProfileCancelled).
using ProfileProgress = std::function<bool(int done, int total)>;

struct ProfileCancelled {};

/// Times `model` (eval mode, inference) on a random input of shape [batch, C, H, W] at the
/// current LibTorch thread count. Whole passes and passes with a timing observer alternate, so a
/// drift in the machine's speed affects both alike. Each row's time is from the observer: a leaf
/// from just before it runs to just after; a composite's own work is its time minus its timed
/// children's. Rows' MACs and params come from countComplexity() of the same model.
/// @param input C, H, W
ForwardProfile profileForward(NetworkImpl& model, const std::array<int64_t, 3>& input,
                              const ProfileOptions& options = {},
                              const ProfileProgress& progress = {});

}  // namespace ghostlens
