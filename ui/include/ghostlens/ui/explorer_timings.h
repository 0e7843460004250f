#pragma once

#include <QElapsedTimer>
#include <functional>

namespace ghostlens::ui {

/// What the explorer measures of itself, for `ghostlens --measure-timings` and the GUI timing
/// tests: the time from an input chosen to both grids drawn, from a threshold change to the
/// highlights redrawn, and the threads the last analysis ran with.
class ExplorerTimings {
 public:
  /// A new request (input, metric, models): the clock of input -> grids starts.
  void requestStarted();
  /// The grids of a request have been drawn; only the first drawing of a request counts.
  void gridsDrawn();
  /// Runs `redraw` (a threshold change) and keeps its time.
  void timeThresholdRedraw(const std::function<void()>& redraw);
  void setAnalysisThreads(int threads) { threads_ = threads; }

  /// Milliseconds from choosing an input to both grids drawn, for the last analysis.
  double lastInputToGridsMs() const { return inputToGridsMs_; }
  /// Milliseconds from a threshold change to the highlights redrawn, for the last change.
  double lastThresholdRedrawMs() const { return thresholdRedrawMs_; }
  /// LibTorch intra-op threads the last analysis ran with.
  int lastAnalysisThreads() const { return threads_; }

 private:
  QElapsedTimer request_;
  bool gridsTimed_ = false;  ///< the grids of the running request have been drawn
  double inputToGridsMs_ = 0;
  double thresholdRedrawMs_ = 0;
  int threads_ = 0;
};

}  // namespace ghostlens::ui
