#include "ghostlens/ui/cost_page.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ghostlens/ui/complexity_plot.h"
#include "ghostlens/ui/views/cost_profile_plot.h"

namespace ghostlens::ui {

namespace {
QString millions(int64_t value) {
  return QString::number(static_cast<double>(value) / 1e6, 'f', 2) + "M";
}

QString megabytes(int64_t bytes) {
  return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1) + " MB";
}

/// A single model is compared with its other form.
ModelSpec otherForm(ModelSpec spec) {
  spec.ratio = spec.isVanilla() ? 2 : 1;
  return spec;
}

/// Timed runs per model, in three alternating rounds: about two seconds for GhostNet.
constexpr int kRepeat = 15;

QTableWidgetItem* numberItem(double value, int decimals) {
  auto* item = new QTableWidgetItem;
  item->setData(Qt::DisplayRole, decimals < 0 ? QVariant(static_cast<qlonglong>(value))
                                              : QVariant(QString::number(value, 'f', decimals)));
  item->setData(Qt::UserRole, value);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}
}  // namespace

CostPage::CostPage(QWidget* parent)
    : Page(parent),
      plot_(new ComplexityPlot(this)),
      profilePlot_(new CostProfilePlot(this)),
      table_(new QTableWidget(this)),
      deploy_(new QCheckBox(tr("Deploy mode"), this)),
      measureButton_(new QPushButton(tr("Measure again"), this)),
      summary_(new QLabel(this)),
      task_(new BackgroundTask<PairCost>(this)),
      profileTask_(new BackgroundTask<PairProfile>(this)) {
  deploy_->setToolTip(
      tr("Measure with BatchNorm folded into the convs and Ghost modules writing "
         "into one output (the same results, as ghostlens-cli --deploy)"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setText(tr("Measured time comes when this page is in front."));
  table_->setColumnCount(7);
  table_->setHorizontalHeaderLabels({tr("layer"), tr("ms L"), tr("ms R"), tr("MACs L"),
                                     tr("MACs R"), tr("KB moved L"), tr("KB moved R")});
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

  auto* controls = new QHBoxLayout;
  controls->addWidget(deploy_);
  controls->addWidget(measureButton_);
  controls->addWidget(summary_, 1);
  auto* lower = new QSplitter(Qt::Horizontal, this);
  lower->addWidget(table_);
  lower->addWidget(profilePlot_);
  lower->setStretchFactor(0, 1);
  lower->setStretchFactor(1, 1);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(plot_);
  split->addWidget(lower);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(split, 1);

  task_->onFinished([this](PairCost cost) { show(cost); });
  connect(task_, &BackgroundTaskBase::failed, this, &Page::statusMessage);
  profileTask_->onFinished([this](PairProfile profile) { showProfile(profile); });
  connect(profileTask_, &BackgroundTaskBase::failed, this, [this](const QString& message) {
    summary_->setText(tr("Measuring failed: %1").arg(message));
    Q_EMIT statusMessage(message);
  });
  connect(profileTask_, &BackgroundTaskBase::busyChanged, this, [this](bool busy) {
    measureButton_->setEnabled(!busy);
    Q_EMIT busyChanged(isBusy());
  });
  connect(profileTask_, &BackgroundTaskBase::progress, this, [this](qint64 done, qint64 total) {
    Q_EMIT progressChanged(static_cast<int>(done), static_cast<int>(total));
  });
  connect(measureButton_, &QPushButton::clicked, this, &CostPage::measure);
  connect(deploy_, &QCheckBox::toggled, this, [this] {
    measuredCurrent_ = false;
    if (isVisible()) measure();
  });
  connect(profilePlot_, &PlotPanel::message, this, &Page::statusMessage);
}

QString CostPage::title() const { return tr("Cost"); }

void CostPage::setModels(const PairSource& models) {
  if (models.first.kind != ModelSource::Kind::Untrained) return;  // known once loaded
  if (!models.second) {
    count(models.first.spec, otherForm(models.first.spec));
  } else if (models.second->kind == ModelSource::Kind::Untrained) {
    count(models.first.spec, models.second->spec);
  }
}

void CostPage::setLoadedModels(const ModelSpec& left, const ModelSpec& right, bool paired) {
  count(left, paired ? right : otherForm(left));
}

void CostPage::activated() {
  if (counted_ && !measuredCurrent_) measure();
}

void CostPage::setOthersBusy(bool busy) {
  othersBusy_ = busy;
  if (!busy && measureWaiting_) measure();
}

void CostPage::cancelWork() {
  measureWaiting_ = false;
  task_->cancel();
  profileTask_->cancel();
}

void CostPage::restoreSettings(const QSettings& settings) {
  deploy_->setChecked(settings.value("cost/deploy", false).toBool());
}

void CostPage::saveSettings(QSettings& settings) const {
  settings.setValue("cost/deploy", deploy_->isChecked());
}

void CostPage::count(const ModelSpec& left, const ModelSpec& right) {
  if (counted_ && specs_[0] == left && specs_[1] == right) return;
  specs_[0] = left;
  specs_[1] = right;
  counted_ = true;
  measuredCurrent_ = false;
  // Counting cannot stop half-way; a newer request waits for the running one.
  task_->run([left, right](const TaskProgress&) { return countPair(left, right); },
             /*replace=*/false);
  if (isVisible()) measure();
}

void CostPage::measure() {
  if (!counted_) return;
  if (othersBusy_) {  // their work would share the cores and skew every time
    measureWaiting_ = true;
    measuredCurrent_ = true;
    summary_->setText(tr("Measuring waits until the other pages' work has ended."));
    return;
  }
  measureWaiting_ = false;
  const ModelSpec left = specs_[0], right = specs_[1];
  const bool deploy = deploy_->isChecked();
  measuredCurrent_ = true;
  summary_->setText(tr("Measuring %1 and %2%3...")
                        .arg(QString::fromStdString(describeSpec(left)),
                             QString::fromStdString(describeSpec(right)),
                             deploy ? tr(" in deploy mode") : QString()));
  profileTask_->run([left, right, deploy](const TaskProgress& progress) {
    ProfileOptions options;
    options.repeat = kRepeat;
    return profilePair(left, right, deploy, options, [&progress](int done, int total) {
      return progress.report(static_cast<std::size_t>(done), static_cast<std::size_t>(total));
    });
  });
}

void CostPage::show(const PairCost& cost) {
  QStringList names;
  QVector<double> left, right;
  for (const LayerMacsPair& layer : cost.layers) {
    names << QString::fromStdString(layer.name);
    left << static_cast<double>(layer.first);
    right << static_cast<double>(layer.second);
  }
  plot_->setLayers(names, left, right);
  plot_->setToolTip(tr("left (%1): %2 params, %3 MACs | right (%4): %5 params, %6 MACs | "
                       "compression %7x, speed-up %8x")
                        .arg(QString::fromStdString(describeSpec(cost.firstSpec)),
                             millions(cost.first.params), millions(cost.first.macs),
                             QString::fromStdString(describeSpec(cost.secondSpec)),
                             millions(cost.second.params), millions(cost.second.macs))
                        .arg(cost.compression, 0, 'f', 2)
                        .arg(cost.speedup, 0, 'f', 2));
  Q_EMIT counted();
}

void CostPage::showProfile(const PairProfile& profile) {
  profilePlot_->setProfile(profile);
  table_->setSortingEnabled(false);
  table_->setRowCount(static_cast<int>(profile.layers.size()));
  for (int row = 0; row < static_cast<int>(profile.layers.size()); ++row) {
    const LayerProfilePair& layer = profile.layers[static_cast<std::size_t>(row)];
    table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(layer.name)));
    for (int side = 0; side < 2; ++side) {
      table_->setItem(row, 1 + side, numberItem(layer.ms[side], 3));
      table_->setItem(row, 3 + side, numberItem(static_cast<double>(layer.macs[side]), -1));
      table_->setItem(row, 5 + side,
                      numberItem(static_cast<double>(layer.bytesMoved[side]) / 1e3, 1));
    }
  }
  table_->setSortingEnabled(true);
  const ForwardProfile& l = profile.profiles[0];
  const ForwardProfile& r = profile.profiles[1];
  summary_->setText(
      tr("%1 threads%2. Forward: left %3 ms, right %4 ms (medians of %5, the two alternating). "
         "Speed-up: %6x by MACs, %7x measured. Peak activation memory: left %8, right %9. Machine: "
         "SGEMM %10 "
         "GMAC/s, copy %11 GB/s.")
          .arg(l.threads)
          .arg(profile.deploy ? tr(", deploy mode") : QString())
          .arg(l.medianMs, 0, 'f', 2)
          .arg(r.medianMs, 0, 'f', 2)
          .arg(l.repeat)
          .arg(profile.macsSpeedup, 0, 'f', 2)
          .arg(profile.measuredSpeedup, 0, 'f', 2)
          .arg(megabytes(l.peakActivationBytes), megabytes(r.peakActivationBytes))
          .arg(profile.machine.sgemmGmacs, 0, 'f', 1)
          .arg(profile.machine.copyGbytes, 0, 'f', 1));
  Q_EMIT measured();
}

}  // namespace ghostlens::ui
