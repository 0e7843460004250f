#pragma once

#include <QFutureWatcher>
#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "ghostlens/analysis/cka_grid.h"
#include "ghostlens/ui/views/cka_plot.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

#include "ghostlens/session/model_source.h"

namespace ghostlens::ui {

/// The CKA view: linear CKA between every layer of a vanilla and a ghost checkpoint (by default
/// the shipped pair) over the first N Fashion-MNIST test images, N chosen here, computed off the
/// GUI thread with progress and cancel.
class CkaView : public QWidget {
  Q_OBJECT
 public:
  explicit CkaView(QWidget* parent = nullptr);
  /// Cancels a running computation and waits for it.
  ~CkaView() override;

  /// The models to compare (the explorer's; by default the shipped trained pair).
  void setSources(const PairSource& sources);
  void setImageCount(int count);
  void setDataDirectory(const QString& directory);
  void start();
  void cancel();
  bool isBusy() const;
  CkaPlot* plot() const { return plot_; }

 Q_SIGNALS:
  /// A result is drawn, or the computation failed or was cancelled (see message()).
  void finished();
  void message(const QString& text);

 private:
  struct Outcome {
    std::optional<CkaGrid> grid;
    std::string error;
  };
  void onDone();

  std::optional<PairSource> sources_;
  QString dataDirectory_;
  QSpinBox* count_;
  QPushButton* run_;
  QPushButton* stop_;
  QProgressBar* progress_;
  QLabel* status_;
  CkaPlot* plot_;
  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool restartWhenDone_ = false;  // start() came while a job ran
};

}  // namespace ghostlens::ui
