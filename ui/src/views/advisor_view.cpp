#include "ghostlens/ui/views/advisor_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>

#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/session/pair_views.h"

namespace ghostlens::ui {

AdvisorView::AdvisorView(QWidget* parent)
    : ModelAnalysisPage(tr("Advise"), parent),
      images_(new QSpinBox(this)),
      mode_(new QComboBox(this)),
      target_(new QDoubleSpinBox(this)),
      train_(new QPushButton(tr("Train this plan..."), this)),
      save_(new QPushButton(tr("Save plan..."), this)),
      plot_(new AdvisorPlot(this)),
      task_(new BackgroundTask<Advice>(this)) {
  images_->setRange(1, 10000);
  images_->setValue(64);
  images_->setSuffix(tr(" images"));
  images_->setToolTip(tr("The first N Fashion-MNIST test images the maps are fitted over"));
  mode_->addItem(tr("for the R\u00b2 target"), 0);
  for (int s = 2; s <= 4; ++s) mode_->addItem(tr("at the MACs of s = %1").arg(s), s);
  mode_->setToolTip(
      tr("Each layer at the s its maps allow, or a plan as cheap as one s for every layer "
         "(ghosting first where R\u00b2 stays highest)"));
  target_->setRange(0.05, 1.0);
  target_->setSingleStep(0.05);
  target_->setValue(0.9);
  target_->setToolTip(tr("Mean R\u00b2 of the cheap-op fit each ghosted layer keeps"));
  train_->setEnabled(false);
  save_->setEnabled(false);
  controls()->addWidget(images_);
  controls()->addWidget(mode_);
  controls()->addWidget(new QLabel(tr("target R\u00b2"), this));
  controls()->addWidget(target_);
  controls()->addWidget(train_);
  controls()->addWidget(save_);
  setContent(plot_);
  watch(task_);
  task_->onFinished([this](const Advice& advice) {
    advice_ = advice;
    plot_->setAdvice(advice, target_->value());
    train_->setEnabled(true);
    save_->setEnabled(true);
    int ghosted = 0;
    for (const LayerAdvice& l : advice.layers) ghosted += l.ratio > 1 ? 1 : 0;
    done(tr("%1 of %2 layers ghosted: %3M MACs and %4M params against %5M and %6M vanilla; "
            "click a bar for its layer's R\u00b2 curves")
             .arg(ghosted)
             .arg(advice.layers.size())
             .arg(static_cast<double>(advice.plan.macs) / 1e6, 0, 'f', 2)
             .arg(static_cast<double>(advice.plan.params) / 1e6, 0, 'f', 3)
             .arg(static_cast<double>(advice.vanillaMacs) / 1e6, 0, 'f', 2)
             .arg(static_cast<double>(advice.vanillaParams) / 1e6, 0, 'f', 3));
  });
  connect(plot_, &PlotPanel::message, this, &Page::statusMessage);
  connect(images_, &QSpinBox::valueChanged, this, &AdvisorView::updateSubject);
  connect(mode_, &QComboBox::currentIndexChanged, this,
          [this] { target_->setEnabled(mode_->currentData().toInt() == 0); });
  connect(train_, &QPushButton::clicked, this, [this] { Q_EMIT trainRequested(planSpec()); });
  connect(save_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save plan"), QString::fromStdString(advice_.plan.name) + ".json",
        tr("Plans (*.json)"));
    if (!path.isEmpty()) savePlan(path);
  });
  updateSubject();
}

QString AdvisorView::title() const { return tr("Advisor"); }

void AdvisorView::setBudgetRatio(int ratio) {
  const int index = mode_->findData(ratio);
  mode_->setCurrentIndex(index >= 0 ? index : 0);
}

void AdvisorView::setImages(int count) { images_->setValue(count); }

ModelSpec AdvisorView::planSpec() const { return specOfPlan(advice_.plan); }

bool AdvisorView::savePlan(const QString& path) {
  QSaveFile file(path);
  const std::string text = planToJson(advice_.plan);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), static_cast<qint64>(text.size())) !=
          static_cast<qint64>(text.size()) ||
      !file.commit()) {
    Q_EMIT statusMessage(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return false;
  }
  Q_EMIT statusMessage(
      tr("Plan written to %1 (train it: ghostlens-cli train --plan %1)").arg(path));
  return true;
}

QString AdvisorView::inputText() const {
  return tr("the first %1 Fashion-MNIST test images").arg(images_->value());
}

void AdvisorView::launch(const PairSource& models) {
  AdviceOptions options;
  options.target = target_->value();
  const int ratio = mode_->currentData().toInt();
  if (ratio > 0) options.budgetRatio = ratio;
  const std::string name = ratio > 0
                               ? "advised@s=" + std::to_string(ratio)
                               : "advised@r2=" + QString::number(options.target).toStdString();
  const std::string directory = std::string(kFashionMnistDirectory);
  const int64_t count = images_->value();
  train_->setEnabled(false);
  save_->setEnabled(false);
  task_->run([=](const TaskProgress& progress) {
    return pairAdvice(
        models, directory, count, options, name,
        [&](std::size_t done, std::size_t total) { return progress.report(done, total); });
  });
}

}  // namespace ghostlens::ui
