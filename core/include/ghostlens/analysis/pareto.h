#pragma once

#include <cstddef>
#include <vector>

namespace ghostlens {

/// The Pareto frontier of points that trade cost (lower is better) against accuracy (higher is
/// better): indices of the points no other point beats on both, ordered by cost. A point that
/// another equals on both and that comes later is left out, so ties appear once.
/// Throws InputError when the two vectors differ in length.
std::vector<std::size_t> paretoFrontier(const std::vector<double>& cost,
                                        const std::vector<double>& accuracy);

}  // namespace ghostlens
