// The main window's per-layer cost tab, driven as a user would, under QT_QPA_PLATFORM=offscreen.
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/ui/complexity_plot.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/model_pair_bar.h"

using namespace ghostlens;

class MainWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsWhatCoreCounts();
  void closingWhileCountingEndsCleanly();
};

void MainWindowTest::drawsWhatCoreCounts() {
  ui::MainWindow window(nullptr, false);
  ModelSpec spec = ModelSpec::defaults(Architecture::Vgg16);
  spec.ratio = 3;
  spec.dw = 5;
  window.modelPairBar()->setPairSource(PairSource::untrained(spec));
  QTRY_VERIFY_WITH_TIMEOUT(window.complexityPlot()->toolTip().contains("s=3 d=5"), 30000);

  ModelSpec vanilla = spec;
  vanilla.ratio = 1;
  const auto ghostRows = layerTotals(countComplexity(spec));
  const auto vanillaRows = layerTotals(countComplexity(vanilla));
  QVector<double> expectedGhost, expectedVanilla;
  for (std::size_t i = 0; i < ghostRows.size(); ++i) {
    if (ghostRows[i].macs == 0 && vanillaRows[i].macs == 0) continue;
    expectedGhost << static_cast<double>(ghostRows[i].macs);
    expectedVanilla << static_cast<double>(vanillaRows[i].macs);
  }
  const auto drawnGhost = window.complexityPlot()->ghostValues();
  const auto drawnVanilla = window.complexityPlot()->vanillaValues();
  QCOMPARE(drawnGhost.size(), expectedGhost.size());
  QCOMPARE(drawnGhost.size(), 15);  // 13 Ghost modules and 2 linear layers
  for (int i = 0; i < drawnGhost.size(); ++i) {
    QVERIFY(qAbs(drawnGhost[i] - expectedGhost[i]) <= 1e-6 * expectedGhost[i] + 1e-9);
    QVERIFY(qAbs(drawnVanilla[i] - expectedVanilla[i]) <= 1e-6 * expectedVanilla[i] + 1e-9);
  }
  QCOMPARE(window.complexityPlot()->layerNames().first(), QString("features.0"));
  QVERIFY(window.complexityPlot()->toolTip().contains("s=3 d=5"));
}

void MainWindowTest::closingWhileCountingEndsCleanly() {
  auto* window = new ui::MainWindow(nullptr, false);
  window->modelPairBar()->setPairSource(
      PairSource::untrained(ModelSpec::defaults(Architecture::ResNet50)));
  QVERIFY(window->isBusy());
  delete window;  // must wait for the worker, not crash or leak a running thread
}

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
