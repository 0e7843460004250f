#pragma once

#include <QWidget>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/ui/explorer_request.h"

class QComboBox;
class QPushButton;
class QDoubleSpinBox;
class QSpinBox;

namespace ghostlens::ui {

/// The model-pair bar: where the weights come from (the shipped trained pair, checkpoint files,
/// or untrained models), and the architecture, width multiplier, ghost ratio s and cheap kernel
/// d. The vanilla model of the pair is the same spec with s = 1. With weights from files the
/// spec fields show what the files hold and cannot be edited.
class ModelPairBar : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPairBar(QWidget* parent = nullptr);

  /// The ghost model's spec (the architecture's default input and classes).
  ModelSpec ghostSpec() const;
  void setSpec(const ModelSpec& spec);
  PairSource pairSource() const;
  void setPairSource(const PairSource& source);
  /// Shows the spec of loaded checkpoints in the (read-only) fields.
  void showLoadedSpec(const ModelSpec& spec);

 Q_SIGNALS:
  void specChanged();
  /// The weights or (for untrained models) the spec changed.
  void pairChanged();

 private:
  void updateEditable();
  /// The spec the architecture, width, s and d fields show.
  ModelSpec specFromFields() const;
  /// Shows `spec` in those fields without emitting their change signals.
  void showInFields(const ModelSpec& spec);
  void chooseCheckpoints();

  QComboBox* architecture_;
  QDoubleSpinBox* width_;
  QSpinBox* ratio_;
  QSpinBox* dw_;
  QComboBox* weights_;
  QPushButton* files_;
  QString vanillaPath_;
  QString ghostPath_;
  ModelSpec loaded_;
};

}  // namespace ghostlens::ui
