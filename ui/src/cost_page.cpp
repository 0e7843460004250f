#include "ghostlens/ui/cost_page.h"

#include <QVBoxLayout>

#include "ghostlens/ui/complexity_plot.h"

namespace ghostlens::ui {

namespace {
QString millions(int64_t value) {
  return QString::number(static_cast<double>(value) / 1e6, 'f', 2) + "M";
}

/// A single model is compared with its other form.
ModelSpec otherForm(ModelSpec spec) {
  spec.ratio = spec.isVanilla() ? 2 : 1;
  return spec;
}
}  // namespace

CostPage::CostPage(QWidget* parent)
    : Page(parent), plot_(new ComplexityPlot(this)), task_(new BackgroundTask<PairCost>(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  task_->onFinished([this](PairCost cost) { show(cost); });
  connect(task_, &BackgroundTaskBase::failed, this, &Page::statusMessage);
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

void CostPage::count(const ModelSpec& left, const ModelSpec& right) {
  // Counting cannot stop half-way; a newer request waits for the running one.
  task_->run([left, right](const TaskProgress&) { return countPair(left, right); },
             /*replace=*/false);
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

}  // namespace ghostlens::ui
