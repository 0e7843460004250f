// ghostlens: the desktop application.
#include <ATen/Parallel.h>

#include <QApplication>
#include <QIcon>
#include <cstdio>

#include "ghostlens/session/model_source.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/views/advisor_view.h"
#include "ghostlens/ui/views/depth_view.h"
#include "ghostlens/util/heap_reuse.h"
#include "gui_options.h"
#include "measurement_harness.h"

int main(int argc, char** argv) {
  ghostlens::reuseFreedHeapMemory();
  QApplication app(argc, argv);
  QApplication::setApplicationName("GhostLens");
  QApplication::setOrganizationName("GhostLens");
  // Ties the window to its desktop entry (Wayland shows that entry's name and icon).
  QGuiApplication::setDesktopFileName(GHOSTLENS_APP_ID);
  QApplication::setWindowIcon(QIcon(":/icons/ghostlens-256.png"));

  ghostlens::gui::GuiOptions o;
  try {
    o = ghostlens::gui::parseGuiOptions(app);
  } catch (const ghostlens::gui::BadOption& e) {
    std::fprintf(stderr, "ghostlens: %s\n", e.what());
    return 2;
  }
  at::set_num_threads(o.threads);

  const bool scripted = !o.screenshot.isEmpty() || o.measureTimings;
  // Scripted runs start from a known state, not from the last session's settings.
  ghostlens::ui::MainWindow window(nullptr, !scripted, o.store);
  ghostlens::ui::ExplorerPage& explorer = *window.explorer();
  const bool tabKnown =
      window.pageKeys().contains(o.tab) || (o.tab == "training" && !o.screenshot.isEmpty());
  if (!o.tab.isEmpty() && !tabKnown) {
    std::fprintf(stderr, "ghostlens: unknown tab '%s' (%s%s)\n", qPrintable(o.tab),
                 qPrintable(window.pageKeys().join(", ")),
                 o.screenshot.isEmpty() ? "" : ", training");
    return 2;
  }
  if (o.untrained) {
    ghostlens::ModelSpec spec = ghostlens::ModelSpec::defaults(*o.untrained);
    spec.width = o.width;
    window.modelPairBar()->setPairSource(ghostlens::PairSource::untrained(spec));
  }
  if (!o.left.isEmpty()) window.setWeightsFile(ghostlens::ui::Side::Left, o.left);
  if (!o.right.isEmpty()) window.setWeightsFile(ghostlens::ui::Side::Right, o.right);
  if (!o.image.isEmpty()) explorer.setImageInput(o.image);
  if (o.fmnist) explorer.setFashionMnistInput(*o.fmnist);
  if (!o.layer.isEmpty()) explorer.selectLayer(o.layer);
  if (o.metric) explorer.controls()->setMetric(*o.metric);
  if (o.threshold) explorer.controls()->setThreshold(*o.threshold);
  if (o.size) window.resize(*o.size);
  if (o.depthImages) window.depth()->setBatch(*o.depthImages);
  if (o.adviseRatio) window.advisor()->setBudgetRatio(*o.adviseRatio);
  window.show();
  const bool explorerShot = !o.screenshot.isEmpty() && (o.tab.isEmpty() || o.tab == "explorer");
  if (o.measureTimings) {
    ghostlens::gui::measureTimings(explorer);
  } else if (!o.screenshot.isEmpty() && !explorerShot) {
    ghostlens::gui::screenshotTab(window, o.tab, o.screenshot, o.trainEpochs, o.trainImages);
  } else if (!o.tab.isEmpty()) {
    window.showPage(o.tab);
  }
  if (explorerShot) ghostlens::gui::screenshotExplorer(window, o.screenshot);
  return QApplication::exec();
}
