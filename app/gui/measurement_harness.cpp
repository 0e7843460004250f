// The window's scripted runs: timings and screenshots (ghostlens --measure-timings, --screenshot).
#include "measurement_harness.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "ghostlens/training/trainer.h"
#include "ghostlens/ui/cost_page.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/views/ablation_view.h"
#include "ghostlens/ui/views/advisor_view.h"
#include "ghostlens/ui/views/analytic_view.h"
#include "ghostlens/ui/views/cka_view.h"
#include "ghostlens/ui/views/depth_view.h"
#include "ghostlens/ui/views/training_dialog.h"

namespace ghostlens::gui {

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

/// Saves `widget` to `file` one event-loop turn from now (the layout settles first) and exits.
void grabAndExit(QWidget* widget, const QString& file) {
  QTimer::singleShot(100, widget, [widget, file] {
    const bool saved = widget->grab().save(file, "PNG");
    if (!saved) std::fprintf(stderr, "ghostlens: cannot write %s\n", qPrintable(file));
    QApplication::exit(saved ? 0 : 1);
  });
}

void failAndExit(const QString& message) {
  std::fprintf(stderr, "ghostlens: %s\n", qPrintable(message));
  QApplication::exit(1);
}

}  // namespace

void measureTimings(ghostlens::ui::ExplorerPage& explorer) {
  constexpr int kInputs = 20, kThresholds = 50, kSwitches = 20, kScrolls = 30;
  struct Run {
    int step = 0;
    std::vector<double> inputs;
  };
  auto run = std::make_shared<Run>();
  QObject::connect(&explorer, &ghostlens::ui::ExplorerPage::analysisFailed, &explorer,
                   [](const QString& message) {
                     std::fprintf(stderr, "ghostlens: %s\n", qPrintable(message));
                     QApplication::exit(1);
                   });
  QObject::connect(
      &explorer, &ghostlens::ui::ExplorerPage::analysisFinished, &explorer, [&explorer, run] {
        if (run->step > 0) run->inputs.push_back(explorer.timings().lastInputToGridsMs());
        if (run->step < kInputs) {
          // Step 0 loaded the models; every later step is a new Fashion-MNIST test image.
          const int next = ++run->step;
          QTimer::singleShot(0, &explorer,
                             [&explorer, next] { explorer.setFashionMnistInput(next); });
          return;
        }
        std::vector<double> thresholds;
        for (int i = 0; i < kThresholds; ++i) {
          explorer.controls()->setThreshold(0.5 + 0.01 * i);
          thresholds.push_back(explorer.timings().lastThresholdRedrawMs());
        }
        // Layer switches: the layer shown and its neighbour in the list, alternately, each to
        // both grids drawn; then one screen of scrolling at a time, to the redrawn viewport.
        const QString shown = explorer.currentLayer();
        const QStringList names = explorer.layerList()->layerNames();
        const int at = static_cast<int>(names.indexOf(shown));
        const QString other = names.value(at > 0 ? at - 1 : at + 1, shown);
        ghostlens::ui::GridPairView* grids = explorer.grids();
        auto drawBoth = [grids] {
          grids->grid(ui::Side::Left)->repaint();
          grids->grid(ui::Side::Right)->repaint();
        };
        std::vector<double> switches;
        for (int i = 0; i < kSwitches; ++i) {
          QElapsedTimer timer;
          timer.start();
          explorer.selectLayer(i % 2 == 0 ? other : shown);
          drawBoth();
          switches.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        QScrollBar* bar = grids->scrollArea(ui::Side::Left)->verticalScrollBar();
        std::vector<double> scrolls;
        for (int i = 0; i < kScrolls && bar->maximum() > 0; ++i) {
          QElapsedTimer timer;
          timer.start();
          const int next = bar->value() + bar->pageStep();
          bar->setValue(next > bar->maximum() ? 0 : next);  // the other grid follows
          drawBoth();
          scrolls.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("threads: %d (LibTorch intra-op, in the analysis worker)\n",
                    explorer.timings().lastAnalysisThreads());
        std::printf("layer shown: %s\n", qPrintable(explorer.currentLayer()));
        std::printf(
            "input chosen -> both grids drawn: median %.1f ms, max %.1f ms over %zu inputs\n",
            median(run->inputs), *std::max_element(run->inputs.begin(), run->inputs.end()),
            run->inputs.size());
        std::printf(
            "threshold change -> highlights redrawn: median %.2f ms, max %.2f ms over %zu "
            "changes\n",
            median(thresholds), *std::max_element(thresholds.begin(), thresholds.end()),
            thresholds.size());
        std::printf(
            "layer switch (%s <-> %s, %d and %d maps) -> both grids drawn: median %.1f ms, max "
            "%.1f ms over %zu switches\n",
            qPrintable(shown), qPrintable(other), grids->grid(ui::Side::Left)->mapCount(),
            grids->grid(ui::Side::Right)->mapCount(), median(switches),
            *std::max_element(switches.begin(), switches.end()), switches.size());
        if (scrolls.empty()) {
          std::printf("scrolling: the grids fit in the window\n");
        } else {
          std::printf(
              "scroll one screen -> both grids redrawn: median %.2f ms, max %.2f ms over %zu "
              "screens\n",
              median(scrolls), *std::max_element(scrolls.begin(), scrolls.end()), scrolls.size());
        }
        QApplication::exit(0);
      });
}

void screenshotTab(ghostlens::ui::MainWindow& window, const QString& tab, const QString& file,
                   int trainEpochs, int trainImages) {
  using namespace ghostlens::ui;
  if (tab == "training") {
    TrainingDialog* dialog = window.ablation()->trainingDialog();
    ghostlens::TrainConfig config = dialog->config();
    config.epochs = trainEpochs;
    config.trainSubset = trainImages;
    config.testSubset = 2000;
    dialog->setConfig(config);
    dialog->resize(900, 700);
    QObject::connect(dialog, &TrainingDialog::finished, dialog, [dialog, file](bool ok) {
      if (ok) {
        grabAndExit(dialog, file);
      } else {
        failAndExit(QStringLiteral("the training failed"));
      }
    });
    window.ablation()->openTrainingDialog();
    dialog->start();
    return;
  }
  if (tab == "depth") {
    // A failure exits first; finished() comes after failed().
    QObject::connect(window.depth(), &DepthView::failed, &window, &failAndExit);
    QObject::connect(window.depth(), &DepthView::finished, &window,
                     [&window, file] { grabAndExit(&window, file); });
  } else if (tab == "advisor") {
    QObject::connect(window.advisor(), &AdvisorView::failed, &window, &failAndExit);
    QObject::connect(window.advisor(), &AdvisorView::finished, &window,
                     [&window, file] { grabAndExit(&window, file); });
  } else if (tab == "cka") {
    QObject::connect(window.cka(), &CkaView::failed, &window, &failAndExit);
    QObject::connect(window.cka(), &CkaView::finished, &window,
                     [&window, file] { grabAndExit(&window, file); });
  } else if (tab == "analytic") {
    QObject::connect(window.analytic(), &AnalyticView::updated, &window, [&window, file] {
      if (!window.analytic()->isBusy()) grabAndExit(&window, file);
    });
  } else if (tab == "cost") {
    // The page measures both models once it is in front; the picture waits for that.
    QObject::connect(window.cost(), &CostPage::measured, &window,
                     [&window, file] { grabAndExit(&window, file); });
  } else {  // the ablation view draws its files at once
    grabAndExit(&window, file);
  }
  window.showPage(tab);
  if (tab == "analytic" && !window.analytic()->isBusy()) grabAndExit(&window, file);
}

void screenshotExplorer(ghostlens::ui::MainWindow& window, const QString& file) {
  ghostlens::ui::ExplorerPage& explorer = *window.explorer();
  QObject::connect(&explorer, &ghostlens::ui::ExplorerPage::analysisFailed, &window, &failAndExit);
  QObject::connect(&explorer, &ghostlens::ui::ExplorerPage::analysisFinished, &window,
                   [&window, &explorer, file] {
                     // The first redundant pair of the right model, or of the only one.
                     const ui::Side side =
                         explorer.grids()->isPaired() ? ui::Side::Right : ui::Side::Left;
                     const auto& pairs = explorer.grids()->grid(side)->pairs();
                     if (!pairs.isEmpty()) explorer.selectMap(side, pairs[0].a, pairs[0].b);
                     grabAndExit(&window, file);
                   });
}

}  // namespace ghostlens::gui
