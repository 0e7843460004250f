#pragma once

#include <QWidget>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/session/model_source.h"
#include "ghostlens/ui/side.h"

class QComboBox;
class QSettings;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace ghostlens::ui {

class RecentFiles;

/// The models the explorer shows: the shipped trained pair, untrained models of any zoo
/// architecture, width, ghost ratio s and cheap kernel d (the vanilla twin, s = 1, on the left),
/// or weights files on each side (any file GhostLens reads: PyTorch, safetensors, GhostLens
/// checkpoints), the right side optional. With weights files the spec fields show what was
/// inferred from them and cannot be edited.
class ModelPairBar : public QWidget {
  Q_OBJECT
 public:
  enum class Mode { Shipped, Files, Untrained };

  explicit ModelPairBar(QWidget* parent = nullptr);

  Mode mode() const;
  /// The ghost model's spec of the fields (the architecture's default input and classes).
  ModelSpec ghostSpec() const;
  void setSpec(const ModelSpec& spec);
  PairSource pairSource() const;
  /// Shows `source` in the bar (a shipped pair, an untrained pair, or files) and emits
  /// pairChanged.
  void setPairSource(const PairSource& source);
  /// Weights from a file on one side (switches to weights files); emits pairChanged.
  void setWeightsFile(Side side, const QString& path);
  /// Shows what the loaded models are ("resnet50 width 1 vanilla, pytorch-zip, ...") and the
  /// right one's spec (or the left's without a right one) in the read-only fields.
  void showLoaded(const ModelSpec& spec, const QString& left, const QString& right);
  /// The last session's models, when the settings hold valid ones (every value is checked:
  /// a file edited by hand or written by another version is ignored); emits pairChanged then.
  void restoreSettings(const QSettings& settings);
  void saveSettings(QSettings& settings) const;
  QString leftDescription() const;
  QString rightDescription() const;
  /// The seed untrained models are built with (the same weights at every launch).
  QSpinBox* seedBox() const { return seed_; }

 Q_SIGNALS:
  void specChanged();
  /// The weights or (for untrained models) the spec changed.
  void pairChanged();

 private:
  void updateEditable();
  ModelSpec specFromFields() const;
  /// Shows `spec` in the fields without emitting their change signals.
  void showInFields(const ModelSpec& spec);
  QToolButton* makeSideButton(Side side);
  void chooseFile(Side side);
  void setMode(Mode mode);

  QComboBox* weights_;
  QToolButton* left_;
  QToolButton* right_;
  QComboBox* architecture_;
  QDoubleSpinBox* width_;
  QSpinBox* ratio_;
  QSpinBox* dw_;
  QSpinBox* seed_;
  QLabel* loadedLabel_;
  RecentFiles* recentLeft_ = nullptr;
  RecentFiles* recentRight_ = nullptr;
  QString leftPath_;
  QString rightPath_;  ///< empty: one model
  QString leftDescription_, rightDescription_;
  ModelSpec loaded_;
};

}  // namespace ghostlens::ui
