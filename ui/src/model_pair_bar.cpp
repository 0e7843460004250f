#include "ghostlens/ui/model_pair_bar.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>

#include "ghostlens/ui/display_names.h"
#include "ghostlens/ui/recent_files.h"

namespace ghostlens::ui {

namespace {

const char* const kRecentWeights = "recentWeights";

/// The settings' names of the modes, in Mode's order.
const char* const kModeKeys[] = {"shipped", "files", "untrained"};

}  // namespace

ModelPairBar::ModelPairBar(QWidget* parent)
    : QWidget(parent),
      weights_(new QComboBox(this)),
      architecture_(new QComboBox(this)),
      width_(new QDoubleSpinBox(this)),
      ratio_(new QSpinBox(this)),
      dw_(new QSpinBox(this)),
      seed_(new QSpinBox(this)),
      loadedLabel_(new QLabel(this)) {
  weights_->addItem(tr("Trained default pair"), static_cast<int>(Mode::Shipped));
  weights_->addItem(tr("Weights files"), static_cast<int>(Mode::Files));
  weights_->addItem(tr("Untrained (random weights)"), static_cast<int>(Mode::Untrained));
  weights_->setToolTip(tr("Where the models' weights come from"));
  left_ = makeSideButton(Side::Left);
  right_ = makeSideButton(Side::Right);
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
  seed_->setRange(0, 999999);
  seed_->setValue(0);
  seed_->setToolTip(
      tr("Seed of the untrained models' random weights: the same seed, the same "
         "weights at every launch"));
  loadedLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Long descriptions must not widen the window: the label takes what is left.
  loadedLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Weights"), this));
  layout->addWidget(weights_);
  layout->addWidget(left_);
  layout->addWidget(right_);
  layout->addWidget(new QLabel(tr("Model"), this));
  layout->addWidget(architecture_);
  layout->addWidget(new QLabel(tr("Width"), this));
  layout->addWidget(width_);
  layout->addWidget(new QLabel(tr("Ratio s"), this));
  layout->addWidget(ratio_);
  layout->addWidget(new QLabel(tr("Kernel d"), this));
  layout->addWidget(dw_);
  layout->addWidget(new QLabel(tr("Seed"), this));
  layout->addWidget(seed_);
  layout->addWidget(loadedLabel_, 1);

  connect(weights_, &QComboBox::currentIndexChanged, this, [this] {
    updateEditable();
    if (mode() == Mode::Files && leftPath_.isEmpty()) {
      chooseFile(Side::Left);
      return;
    }
    Q_EMIT pairChanged();
  });
  // For untrained models the spec is the pair; for files it is only shown.
  connect(this, &ModelPairBar::specChanged, this, [this] {
    if (mode() == Mode::Untrained) Q_EMIT pairChanged();
  });
  updateEditable();
  connect(architecture_, &QComboBox::currentIndexChanged, this, &ModelPairBar::specChanged);
  connect(width_, &QDoubleSpinBox::valueChanged, this, &ModelPairBar::specChanged);
  connect(ratio_, &QSpinBox::valueChanged, this, &ModelPairBar::specChanged);
  connect(seed_, &QSpinBox::valueChanged, this, [this] {
    if (mode() == Mode::Untrained) Q_EMIT pairChanged();
  });
  connect(dw_, &QSpinBox::valueChanged, this, [this](int d) {
    if (d % 2 == 0) {
      dw_->setValue(d + 1);  // an even d has no centre; step to the next odd kernel
      return;
    }
    Q_EMIT specChanged();
  });
}

QToolButton* ModelPairBar::makeSideButton(Side side) {
  auto* button = new QToolButton(this);
  button->setPopupMode(QToolButton::MenuButtonPopup);
  button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  auto* menu = new QMenu(button);
  connect(menu->addAction(tr("Open weights...")), &QAction::triggered, this,
          [this, side] { chooseFile(side); });
  auto* recent = new RecentFiles(menu->addMenu(tr("Recent weights")), kRecentWeights, this);
  connect(recent, &RecentFiles::chosen, this,
          [this, side](const QString& path) { setWeightsFile(side, path); });
  if (side == Side::Right) {
    connect(menu->addAction(tr("None: show one model")), &QAction::triggered, this, [this] {
      rightPath_.clear();
      updateEditable();
      Q_EMIT pairChanged();
    });
    recentRight_ = recent;
  } else {
    recentLeft_ = recent;
  }
  button->setMenu(menu);
  connect(button, &QToolButton::clicked, this, [this, side] { chooseFile(side); });
  return button;
}

ModelPairBar::Mode ModelPairBar::mode() const {
  return static_cast<Mode>(weights_->currentData().toInt());
}

void ModelPairBar::setMode(Mode mode) {
  const QSignalBlocker block(weights_);
  weights_->setCurrentIndex(weights_->findData(static_cast<int>(mode)));
  updateEditable();
}

ModelSpec ModelPairBar::ghostSpec() const {
  if (mode() != Mode::Untrained) return loaded_;
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
  ratio_->setValue(static_cast<int>(std::max<int64_t>(spec.ratio, ratio_->minimum())));
  dw_->setValue(static_cast<int>(spec.dw));
}

void ModelPairBar::setSpec(const ModelSpec& spec) {
  showInFields(spec);
  Q_EMIT specChanged();
}

PairSource ModelPairBar::pairSource() const {
  switch (mode()) {
    case Mode::Shipped:
      return PairSource::shipped();
    case Mode::Untrained:
      return PairSource::untrained(specFromFields(), static_cast<uint64_t>(seed_->value()));
    case Mode::Files:
      break;
  }
  PairSource source{ModelSource::file(leftPath_.toStdString()), std::nullopt};
  if (!rightPath_.isEmpty()) source.second = ModelSource::file(rightPath_.toStdString());
  return source;
}

void ModelPairBar::setPairSource(const PairSource& source) {
  const bool untrained = source.first.kind == ModelSource::Kind::Untrained && source.second &&
                         source.second->kind == ModelSource::Kind::Untrained;
  if (untrained) {
    {
      const QSignalBlocker block(seed_);
      seed_->setValue(static_cast<int>(std::min<uint64_t>(source.second->seed, 999999)));
    }
    setMode(Mode::Untrained);
    setSpec(source.second->spec);  // emits specChanged, then pairChanged
    return;
  }
  bool shipped = false;
  try {
    shipped = source == PairSource::shipped();
  } catch (const std::exception&) {
    // no shipped pair in this installation: files it is
  }
  if (!shipped) {
    leftPath_ = QString::fromStdString(source.first.path);
    rightPath_ = source.second ? QString::fromStdString(source.second->path) : QString();
  }
  setMode(shipped ? Mode::Shipped : Mode::Files);
  Q_EMIT pairChanged();
}

void ModelPairBar::setWeightsFile(Side side, const QString& path) {
  if (side == Side::Right && leftPath_.isEmpty()) {
    side = Side::Left;  // a first file goes left whatever side it was for: one model, not a pair
  }
  (side == Side::Left ? leftPath_ : rightPath_) = path;
  (side == Side::Left ? recentLeft_ : recentRight_)->add(path);
  setMode(Mode::Files);
  Q_EMIT pairChanged();
}

void ModelPairBar::showLoaded(const ModelSpec& spec, const QString& left, const QString& right) {
  loaded_ = spec;
  leftDescription_ = left;
  rightDescription_ = right;
  loadedLabel_->setText(right.isEmpty() ? left : left + QStringLiteral("  |  ") + right);
  loadedLabel_->setToolTip(loadedLabel_->text());
  updateEditable();
  if (mode() == Mode::Untrained) return;
  showInFields(spec);
  Q_EMIT specChanged();
}

void ModelPairBar::restoreSettings(const QSettings& s) {
  const QString mode = s.value("pair/mode").toString();
  if (mode == kModeKeys[static_cast<int>(Mode::Untrained)]) {
    const auto arch = parseArchitecture(s.value("pair/arch").toString().toStdString());
    if (!arch) return;
    ModelSpec spec = ModelSpec::defaults(*arch);
    spec.width = s.value("pair/width", 1.0).toDouble();
    spec.ratio = s.value("pair/ratio", 2).toInt();
    spec.dw = s.value("pair/dw", 3).toInt();
    bool seedOk = false;
    const int seed = s.value("pair/seed", 0).toInt(&seedOk);
    if (!seedOk || seed < seed_->minimum() || seed > seed_->maximum()) return;
    try {
      validateSpec(spec);
    } catch (const std::invalid_argument&) {
      return;
    }
    setPairSource(PairSource::untrained(spec, static_cast<uint64_t>(seed)));
    return;
  }
  const QString left = s.value("pair/left").toString();
  if (mode != kModeKeys[static_cast<int>(Mode::Files)] || left.isEmpty()) return;
  PairSource files{ModelSource::file(left.toStdString()), std::nullopt};
  const QString right = s.value("pair/right").toString();
  if (!right.isEmpty()) files.second = ModelSource::file(right.toStdString());
  setPairSource(files);
}

void ModelPairBar::saveSettings(QSettings& s) const {
  s.setValue("pair/mode", kModeKeys[static_cast<int>(mode())]);
  s.setValue("pair/left", mode() == Mode::Files ? leftPath_ : QString());
  s.setValue("pair/right", mode() == Mode::Files ? rightPath_ : QString());
  const ModelSpec spec = ghostSpec();
  s.setValue("pair/arch", QString::fromStdString(architectureName(spec.arch)));
  s.setValue("pair/width", spec.width);
  s.setValue("pair/ratio", static_cast<int>(spec.ratio));
  s.setValue("pair/dw", static_cast<int>(spec.dw));
  s.setValue("pair/seed", seed_->value());
}

QString ModelPairBar::leftDescription() const { return leftDescription_; }
QString ModelPairBar::rightDescription() const { return rightDescription_; }

void ModelPairBar::updateEditable() {
  const bool editable = mode() == Mode::Untrained;
  for (QWidget* w : std::initializer_list<QWidget*>{architecture_, width_, ratio_, dw_, seed_}) {
    w->setEnabled(editable);
  }
  const bool files = mode() == Mode::Files;
  left_->setVisible(files);
  right_->setVisible(files);
  left_->setText(leftPath_.isEmpty() ? tr("Left: open weights...")
                                     : tr("Left: %1").arg(QFileInfo(leftPath_).fileName()));
  right_->setText(rightPath_.isEmpty() ? tr("Right: none")
                                       : tr("Right: %1").arg(QFileInfo(rightPath_).fileName()));
  left_->setToolTip(leftPath_);
  right_->setToolTip(rightPath_.isEmpty() ? tr("One model only; open weights to compare two")
                                          : rightPath_);
}

void ModelPairBar::chooseFile(Side side) {
  const QString filter = weightsFileFilter();
  const QString path = QFileDialog::getOpenFileName(
      this, side == Side::Left ? tr("Weights of the left model") : tr("Weights of the right model"),
      {}, filter);
  if (path.isEmpty()) {
    if (mode() == Mode::Files && leftPath_.isEmpty()) {
      setMode(Mode::Shipped);  // nothing chosen: back to a pair that exists
      Q_EMIT pairChanged();
    }
    return;
  }
  setWeightsFile(side, path);
}

}  // namespace ghostlens::ui
