#include "ghostlens/ui/explorer_timings.h"

namespace ghostlens::ui {

void ExplorerTimings::requestStarted() {
  request_.start();
  gridsTimed_ = false;
}

void ExplorerTimings::gridsDrawn() {
  if (gridsTimed_ || !request_.isValid()) return;
  inputToGridsMs_ = static_cast<double>(request_.nsecsElapsed()) / 1e6;
  gridsTimed_ = true;
}

void ExplorerTimings::timeThresholdRedraw(const std::function<void()>& redraw) {
  QElapsedTimer timer;
  timer.start();
  redraw();
  thresholdRedrawMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

}  // namespace ghostlens::ui
