#pragma once

#include <QString>
#include <vector>

#include "ghostlens/store/ablation_series.h"
#include "ghostlens/ui/page.h"
#include "ghostlens/ui/views/ablation_plot.h"

class QLabel;
class QMenu;

namespace ghostlens::ui {

class TrainingDialog;

/// The ablation view: test accuracy against MACs and against params, for the s sweep and the d
/// sweep (four plots), from the paper's data file, the shipped sweep and the experiment store.
/// It owns the training dialog (its Train menu), whose finished runs it draws.
class AblationView : public Page {
  Q_OBJECT
 public:
  /// @param storePath the experiment store to read and train into (empty: none)
  explicit AblationView(QWidget* parent = nullptr, const QString& storePath = {});

  QString key() const override { return QStringLiteral("ablation"); }
  QString title() const override;
  QMenu* menu() override;

  /// Sources; an empty path leaves that source out. The defaults are the paper's data file and,
  /// when present, the shipped sweep.
  void setPaperTablePath(const QString& path);
  /// The advisor experiment's runs (JSON of `runs --json`); "" for none. Only its advised
  /// plans are drawn.
  void setAdvisedPath(const QString& path);
  void setShippedSweepPath(const QString& path);
  void setStorePath(const QString& path);

  /// Re-reads every source and redraws. A source that cannot be read is reported through
  /// statusMessage() and left out; the others are drawn.
  void reload();

  /// The training dialog, made on first use; it trains into this view's store.
  TrainingDialog* trainingDialog();
  void openTrainingDialog();
  /// Opens the training dialog set to one run of `spec` (a per-layer plan, say).
  void trainModel(const ghostlens::ModelSpec& spec);

  /// Every series as last read, of both sweep kinds.
  const std::vector<AblationSeries>& series() const { return series_; }
  AblationPlot* plot(SweepKind kind, AblationPlot::Cost cost) const;
  /// The four plots, for export.
  std::vector<PlotPanel*> plots() const;

 private:
  QString paperPath_, shippedPath_, advisedPath_, storePath_;
  std::vector<AblationSeries> series_;
  AblationPlot* plots_[2][2];  // [kind][cost]
  QLabel* summary_;
  QMenu* menu_ = nullptr;
  TrainingDialog* training_ = nullptr;
};

}  // namespace ghostlens::ui
