#include "ghostlens/ui/complexity_job.h"

#include <QtConcurrent/QtConcurrentRun>

#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

ComplexityJob::ComplexityJob(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ComplexityJob::onDone);
}

ComplexityJob::~ComplexityJob() { watcher_.waitForFinished(); }

void ComplexityJob::start(const ModelSpec& vanilla, const ModelSpec& ghost) {
  if (watcher_.isRunning()) {
    pending_ = {vanilla, ghost};
    return;
  }
  launch(vanilla, ghost);
}

bool ComplexityJob::isRunning() const { return watcher_.isRunning() || pending_.has_value(); }

void ComplexityJob::launch(const ModelSpec& vanilla, const ModelSpec& ghost) {
  watcher_.setFuture(QtConcurrent::run([vanilla, ghost]() -> Outcome {
    try {
      ComplexityComparison c;
      c.ghost = ghost;
      c.vanilla = vanilla;
      c.vanillaReport = countComplexity(c.vanilla);
      c.ghostReport = countComplexity(c.ghost);
      c.vanillaLayers = layerTotals(c.vanillaReport);
      c.ghostLayers = layerTotals(c.ghostReport);
      return {std::move(c), {}};
    } catch (const std::exception&) {
      return {std::nullopt, errorText(std::current_exception())};
    }
  }));
}

void ComplexityJob::onDone() {
  const Outcome outcome = watcher_.result();
  if (pending_) {
    const auto [vanilla, ghost] = *pending_;
    pending_.reset();
    launch(vanilla, ghost);
    return;
  }
  if (outcome.result) {
    Q_EMIT finished(*outcome.result);
  } else {
    Q_EMIT failed(QString::fromStdString(outcome.error));
  }
}

}  // namespace ghostlens::ui
