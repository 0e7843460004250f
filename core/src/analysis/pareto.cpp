#include "ghostlens/analysis/pareto.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace ghostlens {

std::vector<std::size_t> paretoFrontier(const std::vector<double>& cost,
                                        const std::vector<double>& accuracy) {
  if (cost.size() != accuracy.size()) {
    throw std::invalid_argument("paretoFrontier: cost and accuracy differ in length");
  }
  std::vector<std::size_t> order(cost.size());
  std::iota(order.begin(), order.end(), 0);
  // Cheapest first; among equal costs the most accurate first, so one sweep keeps exactly the
  // points that beat every cheaper one.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (cost[a] != cost[b]) return cost[a] < cost[b];
    return accuracy[a] > accuracy[b];
  });
  std::vector<std::size_t> frontier;
  for (const std::size_t i : order) {
    if (frontier.empty() || accuracy[i] > accuracy[frontier.back()]) frontier.push_back(i);
  }
  return frontier;
}

}  // namespace ghostlens
