#include "ghostlens/ui/model_pair_bar.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
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
      dw_(new QSpinBox(this)),
      weights_(new QComboBox(this)),
      files_(new QPushButton(tr("Checkpoints..."), this)) {
  weights_->addItem(tr("Trained default pair"), static_cast<int>(PairSource::Kind::Shipped));
  weights_->addItem(tr("Checkpoint files"), static_cast<int>(PairSource::Kind::Checkpoints));
  weights_->addItem(tr("Untrained (random weights)"),
                    static_cast<int>(PairSource::Kind::Untrained));
  files_->setToolTip(tr("Choose the vanilla and the ghost checkpoint"));
  loaded_ = ModelSpec::defaults(Architecture::Vgg16);
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
  layout->addWidget(new QLabel(tr("Weights"), this));
  layout->addWidget(weights_);
  layout->addWidget(files_);
  layout->addWidget(new QLabel(tr("Model"), this));
  layout->addWidget(architecture_);
  layout->addWidget(new QLabel(tr("Width"), this));
  layout->addWidget(width_);
  layout->addWidget(new QLabel(tr("Ratio s"), this));
  layout->addWidget(ratio_);
  layout->addWidget(new QLabel(tr("Kernel d"), this));
  layout->addWidget(dw_);
  layout->addStretch(1);

  connect(weights_, &QComboBox::currentIndexChanged, this, [this] {
    updateEditable();
    if (pairSource().kind == PairSource::Kind::Checkpoints && vanillaPath_.isEmpty()) {
      chooseCheckpoints();
      return;
    }
    Q_EMIT pairChanged();
  });
  connect(files_, &QPushButton::clicked, this, &ModelPairBar::chooseCheckpoints);
  // For untrained models the spec is the pair; for files it is only shown.
  connect(this, &ModelPairBar::specChanged, this, [this] {
    if (pairSource().kind == PairSource::Kind::Untrained) Q_EMIT pairChanged();
  });
  updateEditable();
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
  if (pairSource().kind != PairSource::Kind::Untrained) return loaded_;
  return specFromFields();
}

ModelSpec ModelPairBar::specFromFields() const {
  ModelSpec spec =
      ModelSpec::defaults(static_cast<Architecture>(architecture_->currentData().toInt()));
  spec.width = width_->value();
  spec.ratio = ratio_->value();
  spec.dw = dw_->value();
  return spec;
}

void ModelPairBar::showInFields(const ModelSpec& spec) {
  const QSignalBlocker b1(architecture_), b2(width_), b3(ratio_), b4(dw_);
  architecture_->setCurrentIndex(architecture_->findData(static_cast<int>(spec.arch)));
  width_->setValue(spec.width);
  ratio_->setValue(static_cast<int>(spec.ratio));
  dw_->setValue(static_cast<int>(spec.dw));
}

void ModelPairBar::setSpec(const ModelSpec& spec) {
  showInFields(spec);
  Q_EMIT specChanged();
}

PairSource ModelPairBar::pairSource() const {
  PairSource source;
  source.kind = static_cast<PairSource::Kind>(weights_->currentData().toInt());
  if (source.kind == PairSource::Kind::Untrained) source.ghost = specFromFields();
  source.vanillaPath = vanillaPath_;
  source.ghostPath = ghostPath_;
  return source;
}

void ModelPairBar::setPairSource(const PairSource& source) {
  vanillaPath_ = source.vanillaPath;
  ghostPath_ = source.ghostPath;
  {
    const QSignalBlocker block(weights_);
    weights_->setCurrentIndex(weights_->findData(static_cast<int>(source.kind)));
  }
  updateEditable();
  if (source.kind == PairSource::Kind::Untrained) {
    setSpec(source.ghost);  // emits specChanged, then pairChanged
  } else {
    Q_EMIT pairChanged();
  }
}

void ModelPairBar::showLoadedSpec(const ModelSpec& spec) {
  loaded_ = spec;
  if (pairSource().kind == PairSource::Kind::Untrained) return;
  showInFields(spec);
  Q_EMIT specChanged();
}

void ModelPairBar::updateEditable() {
  const auto kind = static_cast<PairSource::Kind>(weights_->currentData().toInt());
  const bool editable = kind == PairSource::Kind::Untrained;
  for (QWidget* w : std::initializer_list<QWidget*>{architecture_, width_, ratio_, dw_}) {
    w->setEnabled(editable);
  }
  files_->setVisible(kind == PairSource::Kind::Checkpoints);
  files_->setToolTip(vanillaPath_.isEmpty() ? tr("Choose the vanilla and the ghost checkpoint")
                                            : vanillaPath_ + "\n" + ghostPath_);
}

void ModelPairBar::chooseCheckpoints() {
  const QString filter = tr("Checkpoints (*.pt *.ckpt);;All files (*)");
  const QString vanilla =
      QFileDialog::getOpenFileName(this, tr("Vanilla checkpoint (s = 1)"), {}, filter);
  if (vanilla.isEmpty()) return;
  const QString ghost = QFileDialog::getOpenFileName(this, tr("Ghost checkpoint"), {}, filter);
  if (ghost.isEmpty()) return;
  vanillaPath_ = vanilla;
  ghostPath_ = ghost;
  updateEditable();
  Q_EMIT pairChanged();
}

}  // namespace ghostlens::ui
