#pragma once

#include <QDialog>
#include <QPointF>
#include <QString>
#include <QVector>
#include <memory>
#include <string>

#include "ghostlens/training/epoch_metrics.h"
#include "ghostlens/training/trainer.h"
#include "ghostlens/ui/background_task.h"
#include "ghostlens/ui/views/training_curves_plot.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ghostlens::ui {

/// Trains one configuration, or the paper's sweep, on Fashion-MNIST off the GUI thread: live
/// loss and test-accuracy curves, progress, cancel. Every run goes to the experiment store
/// (runExperiment/runSweep), so a cancelled run is recorded as "cancelled" with the epochs it
/// finished, and is resumed from its checkpoint next time.
class TrainingDialog : public QDialog {
  Q_OBJECT
 public:
  explicit TrainingDialog(QWidget* parent = nullptr);
  /// Cancels a running training and waits for it to stop (after the current batch).
  ~TrainingDialog() override;

  /// The store runs are written to (default: defaultStorePath()).
  void setStorePath(const QString& path);
  QString storePath() const { return storePath_; }
  /// The settings of the next start(); the spec's ratio and dw are ignored for a sweep.
  void setConfig(const TrainConfig& config);
  TrainConfig config() const;
  void setSweep(bool sweep);

  void start();
  void cancel();
  bool isBusy() const;
  TrainingCurvesPlot* plot() const { return plot_; }
  /// Hides the dialog; a running training goes on (the status bar and Cancel stay with it).
  QPushButton* closeButton() const { return close_; }
  /// The dialog's status line (progress, or how the last run ended and its accuracy).
  QString statusText() const;

  /// What a fresh dialog proposes: a run of about a minute here, not hours.
  static constexpr int kDefaultEpochs = 2;
  static constexpr int kDefaultTrainImages = 6000;
  static constexpr int kDefaultTestImages = 2000;

 Q_SIGNALS:
  /// A run has ended (finished or cancelled) and is in the store: the ablation view reloads.
  void runRecorded();
  /// The whole job has ended; `ok` is false when it failed (message() says why).
  void finished(bool ok);
  void message(const QString& text);

 private:
  void onProgress(const TrainProgress& p);
  /// The job's run (a sweep's next run) has its row: its curves start, with its earlier epochs.
  void onRunStarted(int64_t runId, const std::vector<EpochMetrics>& earlier);
  void onEpoch(int64_t runId, const EpochMetrics& epoch);
  void onEnded(const QString& status, bool ok);

  QString storePath_, checkpointDir_;
  QComboBox* mode_;
  QComboBox* architecture_;
  QDoubleSpinBox* width_;
  QSpinBox* ratio_;
  QSpinBox* dw_;
  QSpinBox* epochs_;
  QSpinBox* trainSubset_;
  QSpinBox* testSubset_;
  QLabel* status_;
  QProgressBar* progress_;
  QPushButton* start_;
  QPushButton* cancel_;
  QPushButton* close_;
  TrainingCurvesPlot* plot_;
  TrainConfig base_;
  BackgroundTask<bool>* task_;
  int64_t runId_ = 0;          // the run the curves show; a sweep moves on to the next
  QVector<QPointF> accuracy_;  // its test accuracy by epoch
};

}  // namespace ghostlens::ui
