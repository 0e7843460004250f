#include "ghostlens/ui/explorer_job.h"

#include <ATen/Parallel.h>
#include <torch/types.h>
#include <torch/utils.h>

#include <QtConcurrent/QtConcurrentRun>
#include <cstring>
#include <mutex>

#include "explorer_data.h"
#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/network.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

bool PairSource::sameWeights(const PairSource& other) const {
  if (kind != other.kind) return false;
  switch (kind) {
    case Kind::Shipped:
      return true;
    case Kind::Checkpoints:
      return vanillaPath == other.vanillaPath && ghostPath == other.ghostPath;
    case Kind::Untrained:
      return ghost.arch == other.ghost.arch && ghost.width == other.ghost.width &&
             ghost.ratio == other.ghost.ratio && ghost.dw == other.ghost.dw &&
             ghost.input == other.ghost.input && ghost.classes == other.ghost.classes;
  }
  return false;
}

/// What stays loaded between runs. Only one worker runs at a time, but the mutex keeps that
/// from being an unchecked assumption.
struct ExplorerCache {
  std::mutex mutex;
  std::optional<PairSource> loaded;
  std::shared_ptr<NetworkImpl> vanilla, ghost;
  ModelSpec vanillaSpec, ghostSpec;
  QString description;
  std::shared_ptr<FashionMnist> fashionMnist;
};

namespace {

std::shared_ptr<NetworkImpl> loadWeights(const std::string& path, ModelSpec& spec) {
  spec = readCheckpointInfo(path).spec;
  auto model = buildModel(spec);
  loadCheckpoint(path, *model, nullptr);
  model->eval();
  return model;
}

QString specText(const ModelSpec& s) {
  return QStringLiteral("%1 width %2, s=%3, d=%4")
      .arg(QString::fromStdString(architectureName(s.arch)))
      .arg(s.width)
      .arg(s.ratio)
      .arg(s.dw);
}

void loadPair(ExplorerCache& cache, const PairSource& pair) {
  if (cache.loaded && cache.loaded->sameWeights(pair)) return;
  cache.loaded.reset();
  if (pair.kind == PairSource::Kind::Untrained) {
    validateSpec(pair.ghost);
    cache.ghostSpec = pair.ghost;
    cache.vanillaSpec = pair.ghost;
    cache.vanillaSpec.ratio = 1;
    torch::manual_seed(0);  // the same random weights every time the pair is chosen
    cache.vanilla = buildModel(cache.vanillaSpec);
    cache.ghost = buildModel(cache.ghostSpec);
    cache.vanilla->eval();
    cache.ghost->eval();
    cache.description = QObject::tr("untrained %1").arg(specText(cache.ghostSpec));
  } else {
    std::string vanillaPath, ghostPath;
    if (pair.kind == PairSource::Kind::Shipped) {
      const ShippedPair shipped = shippedPair();
      vanillaPath = shipped.vanilla;
      ghostPath = shipped.ghost;
    } else {
      vanillaPath = pair.vanillaPath.toStdString();
      ghostPath = pair.ghostPath.toStdString();
    }
    cache.vanilla = loadWeights(vanillaPath, cache.vanillaSpec);
    cache.ghost = loadWeights(ghostPath, cache.ghostSpec);
    if (cache.vanillaSpec.input != cache.ghostSpec.input) {
      throw std::invalid_argument("the two checkpoints take different input shapes");
    }
    cache.description = (pair.kind == PairSource::Kind::Shipped ? QObject::tr("trained pair: %1")
                                                                : QObject::tr("checkpoints: %1"))
                            .arg(specText(cache.ghostSpec));
  }
  cache.loaded = pair;
}

/// The model input and a picture of it for the overlay.
torch::Tensor loadInput(ExplorerCache& cache, const InputSource& input, ExplorerData& data) {
  const ModelSpec& spec = data.ghostSpec;
  switch (input.kind) {
    case InputSource::Kind::FashionMnist: {
      if (!cache.fashionMnist) {
        cache.fashionMnist = std::make_shared<FashionMnist>(FashionMnist::kDefaultDirectory,
                                                            FashionMnist::Split::Test);
      }
      const FashionMnist& set = *cache.fashionMnist;
      if (input.index < 0 || input.index >= set.size()) {
        throw std::invalid_argument("Fashion-MNIST index " + std::to_string(input.index) +
                                    " out of range [0, " + std::to_string(set.size()) + ")");
      }
      const torch::Tensor pixels = set.images()[input.index].contiguous();
      data.inputImage =
          QImage(pixels.data_ptr<uint8_t>(), 28, 28, 28, QImage::Format_Grayscale8).copy();
      const int label = static_cast<int>(set.labels()[input.index].item<int64_t>());
      data.inputDescription = QObject::tr("Fashion-MNIST test #%1 (%2)")
                                  .arg(input.index)
                                  .arg(QString::fromLatin1(FashionMnist::kClassNames[label]));
      return prepareImage(pixels.unsqueeze(2).to(torch::kFloat32) / 255.0, spec);
    }
    case InputSource::Kind::ImageFile: {
      torch::Tensor x = loadImageInput(input.path.toStdString(), spec);  // throws when unreadable
      data.inputImage = QImage(input.path);
      data.inputDescription = input.path;
      return x;
    }
    case InputSource::Kind::Pasted: {
      if (input.image.isNull()) throw std::invalid_argument("the clipboard holds no image");
      const QImage rgb = input.image.convertToFormat(QImage::Format_RGB888);
      auto hwc = torch::empty({rgb.height(), rgb.width(), 3}, torch::kUInt8);
      for (int y = 0; y < rgb.height(); ++y) {
        std::memcpy(hwc[y].data_ptr<uint8_t>(), rgb.constScanLine(y),
                    static_cast<std::size_t>(rgb.width()) * 3);
      }
      data.inputImage = input.image;
      data.inputDescription = QObject::tr("pasted image %1x%2").arg(rgb.width()).arg(rgb.height());
      return prepareImage(hwc.to(torch::kFloat32) / 255.0, spec);
    }
  }
  throw std::invalid_argument("unknown input");
}

}  // namespace

ExplorerJob::ExplorerJob(QObject* parent)
    : QObject(parent),
      cancel_(std::make_shared<std::atomic<bool>>(false)),
      cache_(std::make_shared<ExplorerCache>()) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ExplorerJob::onDone);
}

ExplorerJob::~ExplorerJob() {
  pending_.reset();
  cancel_->store(true);
  watcher_.waitForFinished();
}

void ExplorerJob::start(const PairSource& pair, const InputSource& input, const QString& metric) {
  if (watcher_.isRunning()) {
    pending_ = Request{pair, input, metric};
    cancel_->store(true);
    return;
  }
  launch(Request{pair, input, metric});
}

void ExplorerJob::cancel() {
  pending_.reset();
  cancel_->store(true);
}

bool ExplorerJob::isRunning() const { return watcher_.isRunning() || pending_.has_value(); }

void ExplorerJob::launch(const Request& request) {
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto cancel = cancel_;
  auto cache = cache_;
  watcher_.setFuture(QtConcurrent::run([request, cancel, cache, this]() -> Outcome {
    try {
      const std::lock_guard<std::mutex> lock(cache->mutex);
      auto data = std::make_shared<ExplorerData>();
      data->pair = request.pair;
      data->input = request.input;
      const auto metric = parseMetric(request.metric.toStdString());
      if (!metric) throw std::invalid_argument("unknown metric " + request.metric.toStdString());
      data->metric = *metric;
      loadPair(*cache, request.pair);
      data->vanillaSpec = cache->vanillaSpec;
      data->ghostSpec = cache->ghostSpec;
      data->pairDescription = cache->description;
      data->threads = at::get_num_threads();
      const torch::Tensor x = loadInput(*cache, request.input, *data);
      if (cancel->load()) return {nullptr, {}, true};
      const TapResult vanillaTaps = runWithTaps(*cache->vanilla, x);
      const TapResult ghostTaps = runWithTaps(*cache->ghost, x);
      AnalysisOptions options;
      options.metric = *metric;
      options.dw = data->ghostSpec.dw;
      for (const TappedLayer& layer : ghostTaps.layers) {
        for (const TappedLayer& other : vanillaTaps.layers) {
          if (other.name == layer.name && other.maps.sizes() == layer.maps.sizes()) {
            options.layers.push_back(layer.name);
          }
        }
      }
      const int total = static_cast<int>(options.layers.size()) * 2;
      const int64_t half = static_cast<int64_t>(options.layers.size());
      data->vanilla = analyzeLayers(vanillaTaps, options, [&](std::size_t done, std::size_t) {
        Q_EMIT progress(static_cast<int>(done), total);
        return !cancel->load();
      });
      if (cancel->load()) return {nullptr, {}, true};
      data->ghost = analyzeLayers(ghostTaps, options, [&](std::size_t done, std::size_t) {
        Q_EMIT progress(static_cast<int>(half + static_cast<int64_t>(done)), total);
        return !cancel->load();
      });
      if (cancel->load()) return {nullptr, {}, true};
      for (std::size_t i = 0; i < data->vanilla.size(); ++i) {
        data->vanillaStats.push_back(mapStatistics(data->vanilla[i].maps));
        data->ghostStats.push_back(mapStatistics(data->ghost[i].maps));
      }
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
