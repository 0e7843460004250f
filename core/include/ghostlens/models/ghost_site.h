#pragma once

namespace ghostlens {

/// What a module of a zoo model is to the Ghost module that holds, or would hold, it.
enum class GhostSite {
  None,
  Conv,   ///< a conv that a Ghost module's primary conv is (or, in a vanilla model, replaces)
  Norm,   ///< the BatchNorm that follows such a conv
  Cheap,  ///< a module of a Ghost module's cheap operation (s > 1)
};

}  // namespace ghostlens
