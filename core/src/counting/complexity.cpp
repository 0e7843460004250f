#include "ghostlens/counting/complexity.h"

#include <torch/torch.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ghostlens/models/eval_scope.h"
#include "ghostlens/models/forward_observer.h"
#include "ghostlens/models/ghost_module.h"
#include "ghostlens/models/ghost_sites.h"
#include "ghostlens/models/model_factory.h"

namespace ghostlens {

namespace {

int64_t macsOf(const torch::nn::Module& module, const torch::Tensor& output) {
  const int64_t batch = output.size(0);
  const int64_t perSample = output.numel() / batch;
  if (const auto* conv = dynamic_cast<const torch::nn::Conv2dImpl*>(&module)) {
    const auto& o = conv->options;
    const int64_t kernel = (*o.kernel_size())[0] * (*o.kernel_size())[1];
    return perSample * (o.in_channels() / o.groups()) * kernel;
  }
  if (const auto* linear = dynamic_cast<const torch::nn::LinearImpl*>(&module)) {
    return perSample * linear->options.in_features();
  }
  return 0;
}

class CostObserver : public ForwardObserver {
 public:
  explicit CostObserver(torch::nn::Module& root)
      : names_(moduleNames(root)), sites_(ghostSites(root)), owners_(layerOwners(root)) {}

  void onForward(const torch::nn::Module& module, const torch::Tensor& /*input*/,
                 const torch::Tensor& output) override {
    if (!module.children().empty()) return;  // composites are costed through their leaves
    LayerCost cost;
    const auto found = names_.find(&module);
    cost.name = found != names_.end() ? found->second : module.name();
    cost.type = shortTypeName(module);
    cost.output.assign(output.sizes().begin() + 1, output.sizes().end());
    while (cost.output.size() < 3) cost.output.push_back(1);
    if (counted_.insert(&module).second) {
      for (const auto& p : module.parameters(/*recurse=*/false)) cost.params += p.numel();
    }
    cost.macs = macsOf(module, output);
    if (const auto* conv = module.as<torch::nn::Conv2dImpl>()) cost.groups = conv->options.groups();
    if (const auto site = sites_.find(&module); site != sites_.end()) cost.site = site->second;
    // Ghost modules are one layer with their parts; other owners (a block's shortcut) are not.
    const auto owner = owners_.find(&module);
    // So are the conv and BN of a vanilla unit that a Ghost module replaces in the ghost form
    // (torchvision's ConvBNReLU6), so that the two forms' layers pair up by name.
    const bool inUnit =
        owner != owners_.end() &&
        (owner->second->as<GhostModuleImpl>() != nullptr || cost.site != GhostSite::None);
    cost.layer = inUnit ? names_.at(owner->second) : cost.name;
    report_.params += cost.params;
    report_.macs += cost.macs;
    report_.layers.push_back(std::move(cost));
  }

  ComplexityReport take() { return std::move(report_); }

 private:
  ModuleNames names_;
  std::unordered_map<const torch::nn::Module*, GhostSite> sites_;
  std::unordered_map<const torch::nn::Module*, const torch::nn::Module*> owners_;
  std::unordered_set<const torch::nn::Module*> counted_;
  ComplexityReport report_;
};

}  // namespace

std::string shortTypeName(const torch::nn::Module& module) {
  std::string name = module.name();
  if (const auto colon = name.rfind("::"); colon != std::string::npos)
    name = name.substr(colon + 2);
  const std::string suffix = "Impl";
  if (name.size() > suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    name.resize(name.size() - suffix.size());
  }
  return name;
}

ComplexityReport countComplexity(NetworkImpl& model, const std::array<int64_t, 3>& input) {
  EvalScope eval(model);
  CostObserver observer(model);
  ObserverScope scope(observer);
  model.forward(torch::zeros({1, input[0], input[1], input[2]}));
  return observer.take();
}

std::vector<LayerTotal> layerTotals(const ComplexityReport& report) {
  std::vector<LayerTotal> totals;
  std::unordered_map<std::string, std::size_t> index;
  for (const LayerCost& row : report.layers) {
    const std::string& name = row.layer;
    auto [it, inserted] = index.emplace(name, totals.size());
    if (inserted) totals.push_back(LayerTotal{name, 0, 0});
    totals[it->second].params += row.params;
    totals[it->second].macs += row.macs;
  }
  return totals;
}

std::vector<LayerMacsPair> compareLayerMacs(const ComplexityReport& first,
                                            const ComplexityReport& second) {
  const std::vector<LayerTotal> a = layerTotals(first);
  const std::vector<LayerTotal> b = layerTotals(second);
  std::unordered_map<std::string, int64_t> inFirst;
  for (const LayerTotal& t : a) inFirst[t.name] = t.macs;
  std::unordered_map<std::string, int64_t> inSecond;
  for (const LayerTotal& t : b) inSecond[t.name] = t.macs;
  std::vector<LayerMacsPair> pairs;
  auto add = [&](const std::string& name) {
    const int64_t x = inFirst.count(name) ? inFirst[name] : 0;
    const int64_t y = inSecond.count(name) ? inSecond[name] : 0;
    if (x != 0 || y != 0) pairs.push_back({name, x, y});
  };
  std::size_t j = 0;
  for (const LayerTotal& t : a) {
    add(t.name);
    // layers only the second has, up to this layer's place in it
    const auto at = std::find_if(b.begin() + static_cast<std::ptrdiff_t>(j), b.end(),
                                 [&](const LayerTotal& u) { return u.name == t.name; });
    if (at == b.end()) continue;
    for (; b.begin() + static_cast<std::ptrdiff_t>(j) < at; ++j) {
      if (!inFirst.count(b[j].name)) add(b[j].name);
    }
    ++j;
  }
  for (; j < b.size(); ++j) {
    if (!inFirst.count(b[j].name)) add(b[j].name);
  }
  return pairs;
}

PairCost countPair(const ModelSpec& first, const ModelSpec& second) {
  PairCost cost;
  cost.firstSpec = first;
  cost.secondSpec = second;
  cost.first = countComplexity(first);
  cost.second = countComplexity(second);
  cost.layers = compareLayerMacs(cost.first, cost.second);
  cost.speedup = static_cast<double>(cost.first.macs) / static_cast<double>(cost.second.macs);
  cost.compression =
      static_cast<double>(cost.first.params) / static_cast<double>(cost.second.params);
  return cost;
}

ComplexityReport countComplexity(const ModelSpec& spec) {
  auto model = buildModel(spec);
  return countComplexity(*model, spec.input);
}

}  // namespace ghostlens
