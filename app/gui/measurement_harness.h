#pragma once

#include <QString>

namespace ghostlens::ui {
class ExplorerPage;
class MainWindow;
}  // namespace ghostlens::ui

namespace ghostlens::gui {

/// --measure-timings: after the pair is loaded, times input changes (input chosen -> both grids
/// drawn), threshold changes (-> highlights redrawn), layer switches and scrolling, prints them
/// with the thread count, and exits.
void measureTimings(ui::ExplorerPage& explorer);

/// --screenshot with --tab: shows the tab, waits until its view has drawn its result, saves the
/// window (or the training dialog, after a short run) to `file` and exits.
void screenshotTab(ui::MainWindow& window, const QString& tab, const QString& file, int trainEpochs,
                   int trainImages);

/// --screenshot of the explorer: once the analysis has finished, shows the first redundant pair
/// in the detail pane, as a click would, saves the window to `file` and exits.
void screenshotExplorer(ui::MainWindow& window, const QString& file);

}  // namespace ghostlens::gui
