#include "ghostlens/session/explorer_session.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <optional>

#include "ghostlens/data/class_names.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/session/model_pair.h"

namespace ghostlens {

struct ExplorerSession::Cache {
  std::optional<PairSource> loaded;
  std::unique_ptr<ModelPair> pair;
  std::vector<std::string> firstClasses, secondClasses;
  std::unique_ptr<FashionMnist> fashionMnist;
  std::string fashionMnistDirectory;
};

ExplorerSession::ExplorerSession() : cache_(std::make_unique<Cache>()) {}
ExplorerSession::~ExplorerSession() = default;

namespace {

constexpr int64_t kTopClasses = 5;

void load(ExplorerSession::Cache& cache, const PairSource& source) {
  if (cache.loaded && *cache.loaded == source) return;
  cache.loaded.reset();
  cache.pair.reset();
  std::optional<LoadedModel> second;
  if (source.second) second = loadModelForWindow(*source.second);
  cache.pair = std::make_unique<ModelPair>(loadModelForWindow(source.first), std::move(second));
  cache.firstClasses = classNames(cache.pair->first().spec);
  if (cache.pair->isPair()) cache.secondClasses = classNames(cache.pair->second()->spec);
  cache.loaded = source;
}

/// The test split of a Fashion-MNIST input, read once per directory; nullptr for other inputs.
const FashionMnist* testSetOf(ExplorerSession::Cache& cache, const InputSource& input) {
  if (input.kind != InputSource::Kind::FashionMnist) return nullptr;
  const std::string directory =
      input.directory.empty() ? FashionMnist::kDefaultDirectory : input.directory;
  if (!cache.fashionMnist || cache.fashionMnistDirectory != directory) {
    cache.fashionMnist = std::make_unique<FashionMnist>(directory, FashionMnist::Split::Test);
    cache.fashionMnistDirectory = directory;
  }
  return cache.fashionMnist.get();
}

std::string describeInput(ExplorerSession::Cache& cache, const InputSource& input) {
  std::string text = input.label();
  const FashionMnist* testSet = testSetOf(cache, input);
  if (testSet != nullptr && input.index >= 0 && input.index < testSet->size()) {
    const auto label = testSet->labels()[input.index].item<int64_t>();
    text += std::string(" (") + FashionMnist::kClassNames[static_cast<std::size_t>(label)] + ")";
  }
  return text;
}

std::vector<LayerView> views(std::vector<LayerAnalysis> layers) {
  std::vector<LayerView> out;
  out.reserve(layers.size());
  for (LayerAnalysis& layer : layers) out.push_back(LayerView::fromAnalysis(std::move(layer)));
  return out;
}

/// Finds the pairs of layer `shown` (and of its partner, which may be named otherwise) now, on
/// this thread; the views keep them for the GUI.
void findShownPairs(const ExplorerView& view, const std::string& shown, double threshold) {
  for (std::size_t i = 0; i < view.first.size(); ++i) {
    if (view.first[i].name() != shown) continue;
    view.first[i].redundancy(threshold);
    if (i < view.second.size()) view.second[i].redundancy(threshold);
  }
}

}  // namespace

ExplorerView ExplorerSession::analyze(
    const PairSource& pairSource, const InputSource& input, Metric metric, double threshold,
    const std::string& firstLayer, const std::function<void(const ExplorerView&)>& onFirstLayer,
    const std::function<bool(std::size_t, std::size_t)>& progress) {
  load(*cache_, pairSource);
  const ModelPair& pair = *cache_->pair;
  ExplorerView view;
  view.pair = pairSource;
  view.input = input;
  view.metric = metric;
  view.paired = pair.isPair();
  view.cheapKernel = pair.cheapKernel();
  view.firstSpec = pair.first().spec;
  view.secondSpec = pair.isPair() ? pair.second()->spec : pair.first().spec;
  view.firstDescription = pair.first().description();
  if (pair.isPair()) view.secondDescription = pair.second()->description();
  view.threads = at::get_num_threads();
  InputOrigin origin;
  const torch::Tensor x = prepareInput(input, pair.inputSpec(), &origin, testSetOf(*cache_, input));
  view.inputPreparation = describePreparation(origin, pair.inputSpec());
  view.inputPicture = inputPicture(x, pair.inputSpec());
  view.inputDescription = describeInput(*cache_, input);

  AnalysisOptions options;
  options.metric = metric;
  options.summaries = false;
  if (!firstLayer.empty() && onFirstLayer) {
    options.layers = {firstLayer};
    const ModelPair::Taps early = pair.run(x, options.layers);
    const bool found = std::any_of(early.first.layers.begin(), early.first.layers.end(),
                                   [&](const TappedLayer& l) { return l.name == firstLayer; });
    if (found) {
      PairAnalysis one = pair.analyze(early, options);
      if (!one.first.empty() && (!pair.isPair() || !one.second.empty())) {
        ExplorerView partial = view;
        partial.complete = false;
        partial.first = views(std::move(one.first));
        partial.second = views(std::move(one.second));
        findShownPairs(partial, firstLayer, threshold);
        onFirstLayer(partial);
      }
    }
    options.layers.clear();
  }
  if (progress && !progress(0, 1)) return {};
  const ModelPair::Taps taps = pair.run(x);
  PairAnalysis all = pair.analyze(taps, options, progress);
  if (all.cancelled) return {};
  view.firstTop = topPredictions(all.firstLogits, kTopClasses, cache_->firstClasses);
  if (pair.isPair()) {
    view.secondTop = topPredictions(all.secondLogits, kTopClasses, cache_->secondClasses);
  }
  view.first = views(std::move(all.first));
  view.second = views(std::move(all.second));
  findShownPairs(view, firstLayer, threshold);
  return view;
}

}  // namespace ghostlens
