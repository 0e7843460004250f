#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ghostlens {

/// Map-to-map similarity measures (similarity.h computes them); here on their own so that code
/// without Torch, such as the GUI, can name one.
enum class Metric { Cosine, Pearson, Mse, Ssim, CheapFit };

/// Every metric, in the order above.
const std::vector<Metric>& allMetrics();

/// "cosine", "pearson", "mse", "ssim", "cheapfit".
std::string metricName(Metric metric);
std::optional<Metric> parseMetric(const std::string& name);

}  // namespace ghostlens
