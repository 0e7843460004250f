#include "ghostlens/ui/explorer_job.h"

#include <ATen/Parallel.h>
#include <torch/types.h>

#include <QtConcurrent/QtConcurrentRun>
#include <mutex>

#include "explorer_data.h"
#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

/// What stays loaded between runs. Only one worker runs at a time, but the mutex keeps that
/// from being an unchecked assumption.
struct ExplorerCache {
  std::mutex mutex;
  std::optional<PairSource> loaded;
  std::unique_ptr<ModelPair> pair;
  std::vector<std::string> firstClasses, secondClasses;
  std::shared_ptr<FashionMnist> fashionMnist;
};

namespace {

constexpr int64_t kTopClasses = 5;

void loadPair(ExplorerCache& cache, const PairSource& source) {
  if (cache.loaded && *cache.loaded == source) return;
  cache.loaded.reset();
  cache.pair.reset();
  std::optional<LoadedModel> second;
  if (source.second) second = loadModel(*source.second);
  cache.pair = std::make_unique<ModelPair>(loadModel(source.first), std::move(second));
  cache.firstClasses = classNames(cache.pair->first().spec);
  if (cache.pair->isPair()) cache.secondClasses = classNames(cache.pair->second()->spec);
  cache.loaded = source;
}

QImage toImage(const RgbImage& rgb) {
  return QImage(rgb.rgb.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888).copy();
}

QString describeInput(ExplorerCache& cache, const InputSource& input) {
  QString text = QString::fromStdString(input.label());
  if (input.kind == InputSource::Kind::FashionMnist) {
    const std::string directory =
        input.directory.empty() ? FashionMnist::kDefaultDirectory : input.directory;
    if (!cache.fashionMnist) {
      cache.fashionMnist = std::make_shared<FashionMnist>(directory, FashionMnist::Split::Test);
    }
    if (input.index >= 0 && input.index < cache.fashionMnist->size()) {
      const auto label = cache.fashionMnist->labels()[input.index].item<int64_t>();
      text += QStringLiteral(" (%1)").arg(QString::fromLatin1(FashionMnist::kClassNames[label]));
    }
  }
  return text;
}

/// Fills `data` with the analyses of one run, and each layer's map statistics.
void takeAnalysis(ExplorerData& data, PairAnalysis analysis) {
  data.vanilla = std::move(analysis.first);
  data.ghost = std::move(analysis.second);
  data.vanillaStats.clear();
  data.ghostStats.clear();
  for (const LayerAnalysis& layer : data.vanilla)
    data.vanillaStats.push_back(mapStatistics(layer.maps));
  for (const LayerAnalysis& layer : data.ghost)
    data.ghostStats.push_back(mapStatistics(layer.maps));
}

}  // namespace

ExplorerJob::ExplorerJob(QObject* parent)
    : QObject(parent),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      cache_(std::make_shared<ExplorerCache>()),
      generation_(std::make_shared<std::atomic<int>>(0)) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ExplorerJob::onDone);
}

ExplorerJob::~ExplorerJob() {
  pending_.reset();
  cancel_->store(true);
  watcher_.waitForFinished();
}

void ExplorerJob::start(const PairSource& pair, const InputSource& input, Metric metric,
                        const QString& layer) {
  const Request request{pair, input, metric, layer};
  if (watcher_.isRunning()) {
    pending_ = request;
    cancel_->store(true);
    ++*generation_;  // a result of the running request is stale now
    return;
  }
  launch(request);
}

void ExplorerJob::cancel() {
  pending_.reset();
  cancel_->store(true);
  ++*generation_;
}

bool ExplorerJob::isRunning() const { return watcher_.isRunning() || pending_.has_value(); }

void ExplorerJob::launch(const Request& request) {
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  const int generation = ++*generation_;
  auto cancel = cancel_;
  auto cache = cache_;
  auto current = generation_;
  watcher_.setFuture(QtConcurrent::run([=]() -> Outcome {
    try {
      const std::lock_guard<std::mutex> lock(cache->mutex);
      auto data = std::make_shared<ExplorerData>();
      data->pair = request.pair;
      data->input = request.input;
      data->metric = request.metric;
      loadPair(*cache, request.pair);
      const ModelPair& pair = *cache->pair;
      data->paired = pair.isPair();
      data->cheapKernel = pair.cheapKernel();
      data->vanillaSpec = pair.first().spec;
      data->ghostSpec = pair.isPair() ? pair.second()->spec : pair.first().spec;
      data->vanillaDescription = QString::fromStdString(pair.first().description());
      if (pair.isPair())
        data->ghostDescription = QString::fromStdString(pair.second()->description());
      data->threads = at::get_num_threads();
      const torch::Tensor x =
          prepareInput(request.input, pair.inputSpec());  // throws if unreadable
      data->inputImage = toImage(inputPicture(x, pair.inputSpec()));
      data->inputDescription = describeInput(*cache, request.input);
      if (cancel->load()) return {nullptr, {}, true};

      AnalysisOptions options;
      options.metric = request.metric;
      // The layer asked for first: the forward passes stop as soon as it is captured.
      if (!request.layer.isEmpty()) {
        options.layers = {request.layer.toStdString()};
        const ModelPair::Taps early = pair.run(x, options.layers);
        if (std::any_of(early.first.layers.begin(), early.first.layers.end(),
                        [&](const TappedLayer& l) { return l.name == options.layers[0]; })) {
          auto partial = std::make_shared<ExplorerData>(*data);
          takeAnalysis(*partial, pair.analyze(early, options));
          partial->complete = false;
          if (!partial->vanilla.empty() && (!pair.isPair() || !partial->ghost.empty())) {
            // Delivered on the GUI thread, unless a newer request has replaced this one.
            QMetaObject::invokeMethod(
                this,
                [this, partial, generation, current] {
                  if (*current == generation) Q_EMIT ready(partial);
                },
                Qt::QueuedConnection);
          }
        }
        options.layers.clear();
      }
      if (cancel->load()) return {nullptr, {}, true};

      const ModelPair::Taps taps = pair.run(x);
      PairAnalysis analysis = pair.analyze(taps, options, [&](std::size_t done, std::size_t total) {
        Q_EMIT progress(static_cast<int>(done), static_cast<int>(total));
        return !cancel->load();
      });
      if (analysis.cancelled) return {nullptr, {}, true};
      data->vanillaTop = topPredictions(analysis.firstLogits, kTopClasses, cache->firstClasses);
      if (pair.isPair()) {
        data->ghostTop = topPredictions(analysis.secondLogits, kTopClasses, cache->secondClasses);
      }
      takeAnalysis(*data, std::move(analysis));
      return {std::move(data), {}, false};
    } catch (const std::exception&) {
      return {nullptr, QString::fromStdString(errorText(std::current_exception())), false};
    }
  }));
}

void ExplorerJob::onDone() {
  const Outcome outcome = watcher_.result();
  if (pending_) {
    const Request next = *pending_;
    pending_.reset();
    launch(next);
    return;
  }
  if (outcome.data) {
    Q_EMIT finished(outcome.data);
  } else if (outcome.cancelled) {
    Q_EMIT cancelled();
  } else {
    Q_EMIT failed(outcome.error);
  }
}

}  // namespace ghostlens::ui
