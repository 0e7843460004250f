#include "ghostlens/ui/views/analytic_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#include "ghostlens/training/paper_sweep.h"
#include "ghostlens/ui/display_names.h"

namespace ghostlens::ui {

const std::vector<int64_t>& AnalyticView::ratios() {
  static const std::vector<int64_t> values{1, 2, 3, 4, 5, 6, 7, 8};
  return values;
}

const std::vector<int64_t>& AnalyticView::kernels() {
  static const std::vector<int64_t> values{1, 3, 5, 7, 9};
  return values;
}

AnalyticView::AnalyticView(QWidget* parent)
    : Page(parent),
      architecture_(new QComboBox(this)),
      width_(new QDoubleSpinBox(this)),
      summary_(new QLabel(this)),
      counter_(new BackgroundTask<Counted>(this)),
      prefetcher_(new BackgroundTask<Counted>(this)) {
  for (const Architecture arch : allArchitectures()) {
    architecture_->addItem(displayName(arch), static_cast<int>(arch));
  }
  width_->setRange(0.1, 4.0);
  width_->setSingleStep(0.25);
  width_->setDecimals(2);
  width_->setValue(1.0);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Model"), this));
  controls->addWidget(architecture_);
  controls->addWidget(new QLabel(tr("width"), this));
  controls->addWidget(width_);
  controls->addWidget(summary_, 1);
  auto* grid = new QGridLayout;
  using S = TradeoffPlot::Sweep;
  using Q = TradeoffPlot::Quantity;
  const std::pair<S, Q> kinds[] = {
      {S::Ratio, Q::Cost}, {S::Kernel, Q::Cost}, {S::Ratio, Q::Ratios}, {S::Kernel, Q::Ratios}};
  for (int i = 0; i < 4; ++i) {
    auto* plot = new TradeoffPlot(kinds[i].first, kinds[i].second, this);
    plot->setMinimumSize(320, 220);
    grid->addWidget(plot, i / 2, i % 2);
    connect(plot, &PlotPanel::message, this, &Page::statusMessage);
    plots_.push_back(plot);
  }
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addLayout(grid, 1);
  counter_->onFinished([this](const Counted& c) { onCounted(c); });
  connect(counter_, &BackgroundTaskBase::failed, this, [this](const QString& message) {
    summary_->setText(message);
    Q_EMIT statusMessage(message);
  });
  prefetcher_->onFinished([this](const Counted& c) { onPrefetched(c); });
  // A neighbour that cannot be counted is only skipped; asked for, it is counted again.
  connect(prefetcher_, &BackgroundTaskBase::failed, this, [this] {
    prefetching_.reset();
    awaitingPrefetch_ = false;
    prefetchNext();
  });
  connect(architecture_, &QComboBox::currentIndexChanged, this, &AnalyticView::request);
  connect(width_, &QDoubleSpinBox::valueChanged, this, &AnalyticView::request);
  request();
}

QString AnalyticView::title() const { return tr("Trade-offs"); }

void AnalyticView::setModel(Architecture arch, double width) {
  const QSignalBlocker blockArch(architecture_), blockWidth(width_);
  architecture_->setCurrentIndex(architecture_->findData(static_cast<int>(arch)));
  width_->setValue(width);
  request();
}

ModelSpec AnalyticView::vanillaSpec() const {
  ModelSpec spec =
      ModelSpec::defaults(static_cast<Architecture>(architecture_->currentData().toInt()));
  spec.width = width_->value();
  spec.ratio = 1;
  return spec;
}

AnalyticView::Key AnalyticView::keyOf(const ModelSpec& spec) {
  return {spec.arch, std::round(spec.width * 100) / 100};  // the width box has two decimals
}

BackgroundTask<AnalyticView::Counted>::Work AnalyticView::count(const ModelSpec& spec) {
  return [spec](const TaskProgress&) {
    const ComplexityReport vanilla = countComplexity(spec);
    return Counted{spec, tradeoffCurves(vanilla, ratios(), PaperSweep::kKernelOfRatioSweep,
                                        kernels(), PaperSweep::kRatioOfKernelSweep)};
  };
}

bool AnalyticView::isBusy() const { return counter_->isBusy() || awaitingPrefetch_; }

bool AnalyticView::isPrefetching() const {
  return prefetching_.has_value() || !prefetchQueue_.empty();
}

void AnalyticView::request() {
  sinceChange_.start();
  const ModelSpec spec = vanillaSpec();
  const auto cached = cache_.find(keyOf(spec));
  awaitingPrefetch_ = false;
  if (cached != cache_.end()) {
    display(spec, cached->second);
    return;
  }
  if (prefetching_ == keyOf(spec)) {  // already being counted in the background
    awaitingPrefetch_ = true;
    summary_->setText(tr("counting %1 width %2...").arg(displayName(spec.arch)).arg(spec.width));
    return;
  }
  launch(spec);
}

void AnalyticView::launch(const ModelSpec& spec) {
  summary_->setText(tr("counting %1 width %2...").arg(displayName(spec.arch)).arg(spec.width));
  // A count cannot stop half-way: a newer choice waits, and every count fills the cache.
  counter_->run(count(spec), /*replace=*/false);
}

void AnalyticView::onCounted(const Counted& counted) {
  cache_[keyOf(counted.spec)] = counted.curves;
  if (keyOf(counted.spec) == keyOf(vanillaSpec())) display(counted.spec, counted.curves);
}

void AnalyticView::display(const ModelSpec& spec, const TradeoffCurves& curves) {
  for (TradeoffPlot* plot : plots_) plot->setCurves(curves);
  const double ms = static_cast<double>(sinceChange_.nsecsElapsed()) / 1e6;
  summary_->setText(tr("vanilla: %1M params, %2M MACs at %3x%4x%5; updated in %6 ms")
                        .arg(static_cast<double>(curves.vanillaParams) / 1e6, 0, 'f', 3)
                        .arg(static_cast<double>(curves.vanillaMacs) / 1e6, 0, 'f', 1)
                        .arg(spec.input[0])
                        .arg(spec.input[1])
                        .arg(spec.input[2])
                        .arg(ms, 0, 'f', 1));
  Q_EMIT updated(ms);
  queueNeighbours(spec);
}

void AnalyticView::queueNeighbours(const ModelSpec& spec) {
  std::vector<ModelSpec> next;
  auto want = [&](Architecture arch, double width) {
    if (width < width_->minimum() || width > width_->maximum()) return;
    ModelSpec s = ModelSpec::defaults(arch);
    s.width = std::round(width * 100) / 100;
    s.ratio = 1;
    if (cache_.count(keyOf(s)) == 0 && prefetching_ != keyOf(s)) next.push_back(s);
  };
  for (const Architecture arch : allArchitectures()) {
    if (arch != spec.arch) want(arch, spec.width);
  }
  want(spec.arch, spec.width + width_->singleStep());
  want(spec.arch, spec.width - width_->singleStep());
  prefetchQueue_.assign(next.rbegin(), next.rend());  // what the user did last decides
  prefetchNext();
}

void AnalyticView::prefetchNext() {
  if (prefetching_ || prefetchQueue_.empty()) return;
  const ModelSpec spec = prefetchQueue_.back();
  prefetchQueue_.pop_back();
  prefetching_ = keyOf(spec);
  prefetcher_->run(count(spec), /*replace=*/false);
}

void AnalyticView::onPrefetched(const Counted& counted) {
  prefetching_.reset();
  cache_[keyOf(counted.spec)] = counted.curves;
  if (awaitingPrefetch_ && keyOf(counted.spec) == keyOf(vanillaSpec())) {
    awaitingPrefetch_ = false;
    display(counted.spec, counted.curves);
  }
  prefetchNext();
}

}  // namespace ghostlens::ui
