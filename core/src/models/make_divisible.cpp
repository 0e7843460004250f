#include "ghostlens/models/make_divisible.h"

#include <algorithm>
#include <cmath>

namespace ghostlens {

int64_t makeDivisible(double v, int64_t divisor) {
  int64_t rounded =
      std::max<int64_t>(divisor, static_cast<int64_t>(v + divisor / 2.0) / divisor * divisor);
  if (static_cast<double>(rounded) < 0.9 * v) rounded += divisor;
  return rounded;
}

int64_t scaleChannels(int64_t channels, double width) {
  return std::max<int64_t>(1, std::llround(static_cast<double>(channels) * width));
}

}  // namespace ghostlens
