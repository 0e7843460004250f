#pragma once

#include <cstdint>

namespace ghostlens {

/// Rounds v to the nearest multiple of `divisor` (at least `divisor`) without going more than
/// 10% below v: the channel rounding of the official GhostNet and MobileNet code.
int64_t makeDivisible(double v, int64_t divisor);

/// Scales a channel count by a width multiplier for the CIFAR and ResNet models (at least 1).
int64_t scaleChannels(int64_t channels, double width);

}  // namespace ghostlens
