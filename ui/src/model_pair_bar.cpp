#include "ghostlens/ui/model_pair_bar.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace ghostlens::ui {

namespace {
QString displayName(Architecture arch) {
  switch (arch) {
    case Architecture::GhostNet:
      return QStringLiteral("GhostNet");
    case Architecture::Vgg16:
      return QStringLiteral("VGG-16 (CIFAR)");
    case Architecture::ResNet56:
      return QStringLiteral("ResNet-56 (CIFAR)");
    case Architecture::ResNet50:
      return QStringLiteral("ResNet-50");
  }
  return {};
}
}  // namespace

ModelPairBar::ModelPairBar(QWidget* parent)
    : QWidget(parent),
      architecture_(new QComboBox(this)),
      width_(new QDoubleSpinBox(this)),
      ratio_(new QSpinBox(this)),
      dw_(new QSpinBox(this)) {
  for (Architecture arch : allArchitectures()) {
    architecture_->addItem(displayName(arch), static_cast<int>(arch));
  }
  width_->setRange(0.05, 4.0);
  width_->setSingleStep(0.1);
  width_->setDecimals(2);
  width_->setValue(1.0);
  ratio_->setRange(2, 16);
  ratio_->setValue(2);
  ratio_->setToolTip(tr("Ghost ratio s: each intrinsic map makes s-1 ghost maps"));
  dw_->setRange(1, 15);
  dw_->setSingleStep(2);  // d stays odd: the range starts at 1 and steps by 2
  dw_->setValue(3);
  dw_->setToolTip(tr("Kernel d of the cheap depthwise operation"));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Model"), this));
  layout->addWidget(architecture_);
  layout->addWidget(new QLabel(tr("Width"), this));
  layout->addWidget(width_);
  layout->addWidget(new QLabel(tr("Ratio s"), this));
  layout->addWidget(ratio_);
  layout->addWidget(new QLabel(tr("Kernel d"), this));
  layout->addWidget(dw_);
  layout->addStretch(1);

  connect(architecture_, &QComboBox::currentIndexChanged, this, &ModelPairBar::specChanged);
  connect(width_, &QDoubleSpinBox::valueChanged, this, &ModelPairBar::specChanged);
  connect(ratio_, &QSpinBox::valueChanged, this, &ModelPairBar::specChanged);
  connect(dw_, &QSpinBox::valueChanged, this, [this](int d) {
    if (d % 2 == 0) {
      dw_->setValue(d + 1);  // an even d has no centre; step to the next odd kernel
      return;
    }
    Q_EMIT specChanged();
  });
}

ModelSpec ModelPairBar::ghostSpec() const {
  ModelSpec spec =
      ModelSpec::defaults(static_cast<Architecture>(architecture_->currentData().toInt()));
  spec.width = width_->value();
  spec.ratio = ratio_->value();
  spec.dw = dw_->value();
  return spec;
}

void ModelPairBar::setSpec(const ModelSpec& spec) {
  {
    const QSignalBlocker b1(architecture_), b2(width_), b3(ratio_), b4(dw_);
    architecture_->setCurrentIndex(architecture_->findData(static_cast<int>(spec.arch)));
    width_->setValue(spec.width);
    ratio_->setValue(static_cast<int>(spec.ratio));
    dw_->setValue(static_cast<int>(spec.dw));
  }
  Q_EMIT specChanged();
}

}  // namespace ghostlens::ui
