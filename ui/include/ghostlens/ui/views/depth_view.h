#pragma once

#include <QFutureWatcher>
#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/ui/views/depth_plot.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

#include "ghostlens/session/model_source.h"

namespace ghostlens::ui {

/// The depth view: a vanilla/ghost checkpoint pair (by default the shipped trained pair) run on
/// one Fashion-MNIST test image, analysed layer by layer off the GUI thread, drawn by DepthPlot.
class DepthView : public QWidget {
  Q_OBJECT
 public:
  explicit DepthView(QWidget* parent = nullptr);
  /// Cancels a running analysis and waits for it.
  ~DepthView() override;

  /// The models to compare (the explorer's; by default the shipped trained pair).
  void setSources(const PairSource& sources);
  void setImageIndex(int index);
  void setDataDirectory(const QString& directory);
  /// Starts the analysis with the current settings; a running one is cancelled first, and the
  /// new one starts when it has stopped.
  void start();
  void cancel();
  bool isBusy() const;
  DepthPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void layerClicked(const QString& name);
  /// (layers done, layers in all) of the running analysis.
  void progress(int done, int total);
  /// The plot shows a new profile, or the analysis failed or was cancelled (see message()).
  void finished();
  void message(const QString& text);

 private:
  struct Outcome {
    std::optional<DepthProfile> profile;
    std::string error;
  };
  void onDone();

  std::optional<PairSource> sources_;
  QString dataDirectory_;
  QSpinBox* image_;
  QComboBox* metric_;
  QDoubleSpinBox* threshold_;
  QPushButton* run_;
  QPushButton* stop_;
  QLabel* status_;
  DepthPlot* plot_;
  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool restartWhenDone_ = false;  // start() came while a job ran
};

}  // namespace ghostlens::ui
