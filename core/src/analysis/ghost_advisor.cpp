#include "ghostlens/analysis/ghost_advisor.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>
#include <map>

#include "ghostlens/analysis/cheap_fit_accumulator.h"
#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/counting/complexity.h"
#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/models/network.h"
#include "ghostlens/util/input_error.h"

namespace ghostlens {

namespace {

/// Images per forward pass: the taps of every layer of a chunk are held at once.
constexpr int64_t kImagesPerForward = 16;

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

void checkOptions(const AdviceOptions& options) {
  if (options.dws.empty()) throw InputError("advise: no cheap kernel d to choose from");
  for (int64_t d : options.dws) {
    if (d < 1 || d % 2 == 0) {
      throw InputError("advise: d must be odd and >= 1, got " + std::to_string(d));
    }
  }
  if (!(options.target > 0 && options.target <= 1)) {
    throw InputError("advise: the target R^2 must be in (0, 1], got " +
                     std::to_string(options.target));
  }
  if (options.budgetRatio && *options.budgetRatio < 1) {
    throw InputError("advise: the budget's ratio s must be at least 1");
  }
  if (options.budgetMacs && *options.budgetMacs <= 0) {
    throw InputError("advise: the MACs budget must be positive");
  }
}

/// Mean R^2 of a layer at k intrinsic maps with kernel index `di` (s = 1: every map intrinsic).
double r2At(const LayerAdvice& layer, std::size_t di, int64_t k) {
  if (k >= layer.channels) return 1.0;
  const std::vector<double>& curve = layer.curves[di].meanR2;
  TORCH_CHECK(k >= 1 && k <= static_cast<int64_t>(curve.size()), "advise: no R^2 for k = ", k);
  return curve[static_cast<std::size_t>(k - 1)];
}

std::map<std::string, LayerGhosting> planOf(const std::vector<LayerAdvice>& layers) {
  std::map<std::string, LayerGhosting> plan;
  for (const LayerAdvice& l : layers) plan[l.name] = LayerGhosting{l.ratio, l.dw};
  return plan;
}

/// MACs that ghosting one layer at (s, d) saves (negative: costs), the others vanilla. Costs
/// of layers add up, so a plan's MACs are the vanilla MACs less its layers' savings.
int64_t macsSaved(const ComplexityReport& vanilla, const std::string& layer, int64_t s, int64_t d) {
  return vanilla.macs - planCostFromVanilla(vanilla, {{layer, LayerGhosting{s, d}}}).macs;
}

void setChoice(LayerAdvice& layer, int64_t s, std::size_t di) {
  layer.ratio = s;
  if (s == 1) {
    layer.r2 = 1.0;
    return;
  }
  layer.dw = layer.dws[di];
  layer.r2 = r2At(layer, di, ceilDiv(layer.channels, s));
}

/// The fewest intrinsic maps that reach `target` with d = layer.dws[di] (C when it never does).
int64_t intrinsicsWith(const LayerAdvice& layer, std::size_t di, double target) {
  return std::min(intrinsicsFor(layer.curves[di], target), layer.channels);
}

/// Target mode: each layer at the s its own R^2 curve allows, with the d (of those that reach
/// the target) that saves the most MACs; s = 1 when no d saves any (a conv with few inputs, such
/// as the first, can cost less than its ghost form).
void adviseByTarget(std::vector<LayerAdvice>& layers, const ComplexityReport& vanilla,
                    double target) {
  for (LayerAdvice& layer : layers) {
    if (layer.tooSmall) continue;
    setChoice(layer, 1, 0);
    layer.k = layer.channels;
    int64_t bestSaving = 0;
    for (std::size_t di = 0; di < layer.dws.size(); ++di) {
      const int64_t k = intrinsicsWith(layer, di, target);
      layer.k = std::min(layer.k, k);
      const int64_t s = std::max<int64_t>(1, layer.channels / k);
      if (s == 1) continue;
      const int64_t saving = macsSaved(vanilla, layer.name, s, layer.dws[di]);
      if (saving > bestSaving) {
        bestSaving = saving;
        setChoice(layer, s, di);
      }
    }
  }
}

/// Budget mode: one step at a time, in the layer whose R^2 stays highest, until the model's MACs
/// fit. A step takes a layer to the next s that keeps fewer maps (a larger s keeping as many
/// would only add ghosts), with any d, and must save MACs.
void adviseByBudget(std::vector<LayerAdvice>& layers, const ComplexityReport& vanilla,
                    int64_t budget) {
  std::vector<int64_t> saving(layers.size(), 0);
  for (LayerAdvice& layer : layers) setChoice(layer, 1, 0);
  int64_t macs = vanilla.macs;
  while (macs > budget) {
    std::ptrdiff_t bestLayer = -1;
    int64_t bestS = 1, bestSaving = 0, bestGain = 0;
    std::size_t bestD = 0;
    double bestR2 = -1;
    for (std::size_t li = 0; li < layers.size(); ++li) {
      const LayerAdvice& layer = layers[li];
      if (layer.tooSmall) continue;
      const int64_t kept = ceilDiv(layer.channels, layer.ratio);
      if (kept <= 1) continue;
      int64_t s = layer.ratio + 1;
      while (ceilDiv(layer.channels, s) >= kept) ++s;
      for (std::size_t di = 0; di < layer.dws.size(); ++di) {
        const int64_t newSaving = macsSaved(vanilla, layer.name, s, layer.dws[di]);
        if (newSaving <= saving[li]) continue;
        const double r2 = r2At(layer, di, ceilDiv(layer.channels, s));
        const int64_t gain = newSaving - saving[li];
        if (r2 > bestR2 || (r2 == bestR2 && gain > bestGain)) {
          bestLayer = static_cast<std::ptrdiff_t>(li);
          bestS = s;
          bestD = di;
          bestR2 = r2;
          bestSaving = newSaving;
          bestGain = gain;
        }
      }
    }
    if (bestLayer < 0) {
      throw InputError("advise: the budget of " + std::to_string(budget) +
                       " MACs is below what ghosting every comparable layer reaches (" +
                       std::to_string(macs) + ")");
    }
    const auto li = static_cast<std::size_t>(bestLayer);
    macs -= bestSaving - saving[li];
    saving[li] = bestSaving;
    setChoice(layers[li], bestS, bestD);
  }
}

}  // namespace

IntrinsicCurve greedyIntrinsics(const torch::Tensor& r2, const std::vector<int64_t>& dead,
                                int64_t maxK) {
  TORCH_CHECK(r2.dim() == 2 && r2.size(0) == r2.size(1), "greedyIntrinsics: r2 must be [C, C]");
  const int64_t c = r2.size(0);
  maxK = std::clamp<int64_t>(maxK, 0, c);
  // Plain loops over a copy: C steps of O(C^2) each. As tensor operations each step would be a
  // handful of tiny parallel regions, which stall for whole time slices when another process
  // holds a core.
  const torch::Tensor contiguous = r2.to(torch::kFloat64).contiguous();
  const double* scores = contiguous.data_ptr<double>();
  std::vector<char> live(static_cast<std::size_t>(c), 1);
  for (int64_t m : dead) {
    TORCH_CHECK(m >= 0 && m < c, "greedyIntrinsics: dead map ", m, " out of range");
    live[static_cast<std::size_t>(m)] = 0;
  }
  const auto liveCount = static_cast<double>(std::count(live.begin(), live.end(), 1));
  IntrinsicCurve curve;
  if (liveCount == 0) {
    curve.meanR2.assign(static_cast<std::size_t>(maxK), 1.0);
    return curve;
  }
  std::vector<double> best(static_cast<std::size_t>(c), 0.0);
  std::vector<char> open = live;  // candidates: live and not chosen
  // A chosen map explains itself (R^2 = 1), whatever the diagonal holds.
  auto score = [&](int64_t source, int64_t target) {
    return source == target ? 1.0 : scores[source * c + target];
  };
  for (int64_t step = 0; step < maxK; ++step) {
    int64_t pick = -1;
    double pickGain = -1;
    for (int64_t i = 0; i < c; ++i) {
      if (!open[static_cast<std::size_t>(i)]) continue;
      double gain = 0;
      for (int64_t j = 0; j < c; ++j) {
        if (live[static_cast<std::size_t>(j)]) {
          gain += std::max(best[static_cast<std::size_t>(j)], score(i, j));
        }
      }
      if (gain > pickGain) {  // strict: ties keep the lower index
        pickGain = gain;
        pick = i;
      }
    }
    if (pick < 0) {  // every live map chosen: the rest explain nothing new
      curve.meanR2.push_back(curve.meanR2.back());
      continue;
    }
    for (int64_t j = 0; j < c; ++j) {
      best[static_cast<std::size_t>(j)] =
          std::max(best[static_cast<std::size_t>(j)], score(pick, j));
    }
    open[static_cast<std::size_t>(pick)] = 0;
    curve.order.push_back(pick);
    curve.meanR2.push_back(std::min(1.0, pickGain / liveCount));
  }
  return curve;
}

int64_t intrinsicsFor(const IntrinsicCurve& curve, double target) {
  for (std::size_t k = 0; k < curve.meanR2.size(); ++k) {
    if (curve.meanR2[k] >= target - 1e-12) return static_cast<int64_t>(k) + 1;
  }
  return static_cast<int64_t>(curve.meanR2.size()) + 1;
}

int64_t impliedGhostRatio(const std::vector<IntrinsicCurve>& curves, int64_t channels,
                          double target) {
  int64_t k = channels;
  for (const IntrinsicCurve& curve : curves) k = std::min(k, intrinsicsFor(curve, target));
  return std::max<int64_t>(1, channels / std::max<int64_t>(1, k));
}

Advice adviseGhosting(NetworkImpl& model, const ModelSpec& spec, const torch::Tensor& inputs,
                      const AdviceOptions& options, const AdviceProgress& progress) {
  checkOptions(options);
  if (!spec.isVanilla()) {
    throw InputError("advise needs a vanilla model (s = 1 in every layer); this one is " +
                     describeSpec(spec));
  }
  TORCH_CHECK(inputs.dim() == 4 && inputs.size(0) >= 1, "advise: inputs must be [N, C, H, W]");
  const ComplexityReport vanilla = countComplexity(model, spec.input);
  Advice advice;
  advice.vanillaMacs = vanilla.macs;
  advice.vanillaParams = vanilla.params;
  advice.images = inputs.size(0);

  std::vector<LayerAdvice> layers;
  std::vector<std::string> names;
  for (const LayerCost& row : vanilla.layers) {
    if (row.site != GhostSite::Conv) continue;
    if (std::find(names.begin(), names.end(), row.layer) != names.end()) continue;
    LayerAdvice layer;
    layer.name = row.layer;
    layer.channels = row.output.at(0);
    layer.height = row.output.at(1);
    layer.width = row.output.at(2);
    layer.tooSmall = !comparableMaps(layer.height, layer.width);
    layer.dws = options.dws;
    layer.dw = options.dws.front();
    layer.k = layer.channels;
    names.push_back(row.layer);
    layers.push_back(std::move(layer));
  }

  // One accumulator per comparable layer and d, fed chunk by chunk.
  std::vector<std::vector<CheapFitAccumulator>> fits(layers.size());
  for (std::size_t li = 0; li < layers.size(); ++li) {
    if (layers[li].tooSmall) continue;
    for (int64_t d : options.dws) fits[li].emplace_back(d);
  }
  const int64_t chunks = ceilDiv(inputs.size(0), kImagesPerForward);
  const std::size_t total = static_cast<std::size_t>(chunks) + layers.size();
  std::size_t done = 0;
  for (int64_t first = 0; first < inputs.size(0); first += kImagesPerForward) {
    const int64_t n = std::min(kImagesPerForward, inputs.size(0) - first);
    const TapResult taps = runWithTaps(model, inputs.narrow(0, first, n), names);
    for (std::size_t li = 0; li < layers.size(); ++li) {
      if (layers[li].tooSmall) continue;
      const auto tapped = std::find_if(taps.layers.begin(), taps.layers.end(),
                                       [&](const TappedLayer& t) { return t.name == names[li]; });
      TORCH_CHECK(tapped != taps.layers.end(), "advise: layer ", names[li], " was not tapped");
      for (CheapFitAccumulator& fit : fits[li]) fit.add(tapped->maps);
    }
    if (progress && !progress(++done, total)) {
      advice.cancelled = true;
      return advice;
    }
  }
  for (std::size_t li = 0; li < layers.size(); ++li) {
    LayerAdvice& layer = layers[li];
    if (!layer.tooSmall) {
      layer.dead = fits[li].front().constantMaps();
      const int64_t maxK = layer.channels / 2 + layer.channels % 2;
      for (const CheapFitAccumulator& fit : fits[li]) {
        layer.curves.push_back(greedyIntrinsics(fit.result(), layer.dead, maxK));
      }
    }
    advice.layers.push_back(layer);
    if (progress && !progress(++done, total)) {
      advice.cancelled = true;
      return advice;
    }
  }

  std::optional<int64_t> budget = options.budgetMacs;
  if (options.budgetRatio) budget = ghostCostFromVanilla(vanilla, *options.budgetRatio, 3).macs;
  if (budget) {
    adviseByBudget(advice.layers, vanilla, *budget);
    for (LayerAdvice& layer : advice.layers) {
      if (layer.tooSmall) continue;
      layer.k = layer.channels;
      for (std::size_t di = 0; di < layer.dws.size(); ++di) {
        layer.k = std::min(layer.k, intrinsicsWith(layer, di, options.target));
      }
    }
  } else {
    adviseByTarget(advice.layers, vanilla, options.target);
  }

  const std::map<std::string, LayerGhosting> ghosting = planOf(advice.layers);
  const PlanCost cost = planCostFromVanilla(vanilla, ghosting);
  GhostPlan& plan = advice.plan;
  plan.model = architectureName(spec.arch);
  plan.width = spec.width;
  plan.input = spec.input;
  plan.classes = spec.classes;
  plan.target = budget ? 0.0 : options.target;
  plan.macs = cost.macs;
  plan.params = cost.params;
  for (int64_t s = 2; s <= 5; ++s) advice.uniform.push_back(ghostCostFromVanilla(vanilla, s, 3));
  for (LayerAdvice& layer : advice.layers) {
    const PlanCost alone = planCostFromVanilla(vanilla, {{layer.name, {layer.ratio, layer.dw}}});
    layer.macsSaved = vanilla.macs - alone.macs;
    layer.paramsSaved = vanilla.params - alone.params;
    PlanLayer out;
    out.name = layer.name;
    out.channels = layer.channels;
    out.k = ceilDiv(layer.channels, layer.ratio);
    out.ratio = layer.ratio;
    out.dw = layer.dw;
    out.r2 = layer.tooSmall ? std::nullopt : layer.r2;
    plan.layers.push_back(out);
  }
  return advice;
}

}  // namespace ghostlens
