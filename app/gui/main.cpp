// ghostlens: the desktop application.
#include <ATen/Parallel.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "ghostlens/analysis/metric.h"
#include "ghostlens/training/trainer.h"
#include "ghostlens/ui/cost_page.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/views/ablation_view.h"
#include "ghostlens/ui/views/advisor_view.h"
#include "ghostlens/ui/views/analytic_view.h"
#include "ghostlens/ui/views/cka_view.h"
#include "ghostlens/ui/views/depth_view.h"
#include "ghostlens/ui/views/training_dialog.h"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

/// --measure-timings: after the pair is loaded, times kInputs input changes (input chosen ->
/// both grids drawn) and kThresholds threshold changes (-> highlights redrawn), then exits.
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
        if (run->step > 0) run->inputs.push_back(explorer.lastInputToGridsMs());
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
          thresholds.push_back(explorer.lastThresholdRedrawMs());
        }
        // Layer switches: the layer shown and its neighbour in the list, alternately, each to
        // both grids drawn; then one screen of scrolling at a time, to the redrawn viewport.
        const QString shown = explorer.currentLayer();
        const QStringList names = explorer.layerList()->layerNames();
        const int at = static_cast<int>(names.indexOf(shown));
        const QString other = names.value(at > 0 ? at - 1 : at + 1, shown);
        ghostlens::ui::GridPairView* grids = explorer.grids();
        auto drawBoth = [grids] {
          grids->vanillaGrid()->repaint();
          grids->ghostGrid()->repaint();
        };
        std::vector<double> switches;
        for (int i = 0; i < kSwitches; ++i) {
          QElapsedTimer timer;
          timer.start();
          explorer.selectLayer(i % 2 == 0 ? other : shown);
          drawBoth();
          switches.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        QScrollBar* bar = grids->scrollArea(false)->verticalScrollBar();
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
                    explorer.lastAnalysisThreads());
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
            qPrintable(shown), qPrintable(other), grids->vanillaGrid()->mapCount(),
            grids->ghostGrid()->mapCount(), median(switches),
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

/// --screenshot with --tab: shows the tab, waits until its view has drawn its result, saves the
/// window (or the training dialog, after a short run) and exits.
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

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("GhostLens");
  QApplication::setOrganizationName("GhostLens");
  // Ties the window to its desktop entry (Wayland shows that entry's name and icon).
  QGuiApplication::setDesktopFileName(GHOSTLENS_APP_ID);
  QApplication::setWindowIcon(QIcon(":/icons/ghostlens-256.png"));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      "GhostLens: feature-map redundancy in GhostNet and its baselines");
  parser.addHelpOption();
  QCommandLineOption screenshot(
      "screenshot", "Render the window to FILE (PNG) once the analysis has finished, and exit.",
      "FILE");
  QCommandLineOption image("image", "Analyse the image file PATH.", "PATH");
  QCommandLineOption fmnist("fmnist", "Analyse Fashion-MNIST test image INDEX.", "INDEX");
  QCommandLineOption layer("layer", "Show layer NAME.", "NAME");
  QCommandLineOption timings("measure-timings",
                             "Print the times of input changes, threshold changes, layer "
                             "switches and scrolling, and exit.");
  QCommandLineOption threads("threads", "LibTorch intra-op threads.", "N");
  QStringList metricNames;
  for (const ghostlens::Metric m : ghostlens::allMetrics()) {
    metricNames << QString::fromStdString(ghostlens::metricName(m));
  }
  QCommandLineOption metric("metric", "Similarity metric: " + metricNames.join(", ") + ".", "NAME");
  QCommandLineOption threshold("threshold", "Redundancy threshold in [0, 1].", "T");
  QCommandLineOption tab("tab",
                         "Show tab NAME: explorer, cost, depth, ablation, analytic, cka or "
                         "advisor; with "
                         "--screenshot also training (a short run in the training dialog).",
                         "NAME");
  QCommandLineOption store("store", "The experiment store (default: the user's runs.sqlite).",
                           "PATH");
  QCommandLineOption trainEpochs("train-epochs", "Epochs of the --tab training screenshot run.",
                                 "N", "2");
  QCommandLineOption trainImages(
      "train-images", "Training images of the --tab training screenshot run.", "N", "3000");
  QCommandLineOption left("weights",
                          "Show the model of weights FILE (any PyTorch, safetensors or GhostLens "
                          "file) on the left; alone unless --right is given.",
                          "FILE");
  QCommandLineOption right("right", "Compare with the model of weights FILE on the right.", "FILE");
  QCommandLineOption untrained(
      "untrained", "Show an untrained pair of architecture NAME (vanilla and s = 2, d = 3).",
      "NAME");
  QCommandLineOption width("width", "Width multiplier of the --untrained pair.", "W", "1");
  QCommandLineOption size("size", "Window size, e.g. 1000x700.", "WxH");
  QCommandLineOption depthImages(
      "depth-images", "The depth view measures means over the first N Fashion-MNIST test images.",
      "N");
  QCommandLineOption adviseRatio(
      "advise-ratio", "The advisor plans for the MACs of one s for every layer (2 to 4).", "S");
  parser.addOptions({screenshot, image, fmnist, layer, timings, threads, metric, threshold, tab,
                     store, trainEpochs, trainImages, left, right, untrained, width, size,
                     depthImages, adviseRatio});
  parser.process(app);
  // Set always: left alone, the analysis worker's threads ran LibTorch on one core.
  at::set_num_threads(parser.isSet(threads)
                          ? std::max(1, parser.value(threads).toInt())
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));

  const bool scripted = parser.isSet(screenshot) || parser.isSet(timings);
  // Scripted runs start from a known state, not from the last session's settings.
  ghostlens::ui::MainWindow window(nullptr, !scripted, parser.value(store));
  ghostlens::ui::ExplorerPage& explorer = *window.explorer();
  const QString tabName = parser.value(tab);
  const bool tabKnown =
      window.pageKeys().contains(tabName) || (tabName == "training" && parser.isSet(screenshot));
  if (parser.isSet(tab) && !tabKnown) {
    std::fprintf(stderr, "ghostlens: unknown tab '%s' (%s%s)\n", qPrintable(tabName),
                 qPrintable(window.pageKeys().join(", ")),
                 parser.isSet(screenshot) ? ", training" : "");
    return 2;
  }
  std::optional<ghostlens::Metric> metricChoice;
  if (parser.isSet(metric)) {
    metricChoice = ghostlens::parseMetric(parser.value(metric).toStdString());
    if (!metricChoice) {
      std::fprintf(stderr, "ghostlens: unknown metric '%s'\n", qPrintable(parser.value(metric)));
      return 2;
    }
  }
  if (parser.isSet(untrained)) {
    const auto arch = ghostlens::parseArchitecture(parser.value(untrained).toStdString());
    if (!arch) {
      std::fprintf(stderr, "ghostlens: unknown architecture '%s'\n",
                   qPrintable(parser.value(untrained)));
      return 2;
    }
    ghostlens::ModelSpec spec = ghostlens::ModelSpec::defaults(*arch);
    spec.width = parser.value(width).toDouble();
    window.modelPairBar()->setPairSource(ghostlens::PairSource::untrained(spec));
  }
  if (parser.isSet(left)) window.setWeightsFile(false, parser.value(left));
  if (parser.isSet(right)) window.setWeightsFile(true, parser.value(right));
  if (parser.isSet(image)) explorer.setImageInput(parser.value(image));
  if (parser.isSet(fmnist)) explorer.setFashionMnistInput(parser.value(fmnist).toInt());
  if (parser.isSet(layer)) explorer.selectLayer(parser.value(layer));
  if (metricChoice) explorer.controls()->setMetric(*metricChoice);
  if (parser.isSet(threshold)) {
    explorer.controls()->setThreshold(parser.value(threshold).toDouble());
  }
  if (parser.isSet(size)) {
    const QStringList wh = parser.value(size).split('x');
    const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
    if (wh.size() != 2 || w < 200 || h < 150) {
      std::fprintf(stderr, "ghostlens: --size wants WxH, e.g. 1000x700\n");
      return 2;
    }
    window.resize(w, h);
  }
  if (parser.isSet(depthImages)) window.depth()->setBatch(parser.value(depthImages).toInt());
  if (parser.isSet(adviseRatio))
    window.advisor()->setBudgetRatio(parser.value(adviseRatio).toInt());
  window.show();
  if (parser.isSet(timings)) {
    measureTimings(explorer);
  } else if (parser.isSet(screenshot) && parser.isSet(tab) && tabName != "explorer") {
    screenshotTab(window, tabName, parser.value(screenshot), parser.value(trainEpochs).toInt(),
                  parser.value(trainImages).toInt());
  } else if (parser.isSet(tab)) {
    window.showPage(tabName);
  }
  if (parser.isSet(screenshot) && (!parser.isSet(tab) || tabName == "explorer")) {
    const QString file = parser.value(screenshot);
    QObject::connect(&explorer, &ghostlens::ui::ExplorerPage::analysisFailed, &window,
                     &failAndExit);
    QObject::connect(&explorer, &ghostlens::ui::ExplorerPage::analysisFinished, &window,
                     [&window, &explorer, file] {
                       // Show the first redundant pair of the ghost (right) model, or of the
                       // only one, in the detail pane, as a click would.
                       const bool right = explorer.grids()->isPaired();
                       const auto& pairs = right ? explorer.grids()->ghostGrid()->pairs()
                                                 : explorer.grids()->vanillaGrid()->pairs();
                       if (!pairs.isEmpty()) explorer.selectMap(right, pairs[0].a, pairs[0].b);
                       grabAndExit(&window, file);
                     });
  }
  return QApplication::exec();
}
