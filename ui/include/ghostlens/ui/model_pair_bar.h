#pragma once

#include <QWidget>

#include "ghostlens/models/model_spec.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ghostlens::ui {

/// The model-pair bar: architecture, width multiplier, ghost ratio s and cheap kernel d. The
/// vanilla model of the pair is the same spec with s = 1.
class ModelPairBar : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPairBar(QWidget* parent = nullptr);

  /// The ghost model's spec (the architecture's default input and classes).
  ModelSpec ghostSpec() const;
  void setSpec(const ModelSpec& spec);

 Q_SIGNALS:
  void specChanged();

 private:
  QComboBox* architecture_;
  QDoubleSpinBox* width_;
  QSpinBox* ratio_;
  QSpinBox* dw_;
};

}  // namespace ghostlens::ui
