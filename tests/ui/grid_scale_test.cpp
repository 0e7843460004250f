// The grids at real scale (issue 13): layers of 960 and 2,048 maps, scrolled by scrollbar, wheel
// and keyboard; columns that fill the width. Synthetic maps: no model is needed to lay out tiles.
#include <QComboBox>
#include <QLabel>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QWheelEvent>
#include <cmath>

#include <QSignalSpy>

#include "ghostlens/session/model_source.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/similarity_heatmap.h"

using namespace ghostlens::ui;

namespace {

QVector<GridMap> maps(int count) {
  QRandomGenerator random(7);
  QVector<GridMap> out;
  for (int c = 0; c < count; ++c) {
    GridMap m;
    m.image = QImage(7, 7, QImage::Format_RGB888);
    m.image.fill(QColor::fromHsv(static_cast<int>(random.bounded(360)), 200, 200));
    out.push_back(m);
  }
  return out;
}

ghostlens::SimilarityWindow fullWindow(int size) {
  ghostlens::SimilarityWindow w;
  w.values.assign(static_cast<std::size_t>(size) * size, 0.5);
  w.cells = w.maps = size;
  return w;
}

void wheel(QWidget* target, int notches) {
  const QPointF at(target->width() / 2.0, target->height() / 2.0);
  for (int i = 0; i < notches; ++i) {
    QWheelEvent event(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(target, &event);
  }
}

}  // namespace

class GridScaleTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void scrollbarWheelAndKeysReachEveryMap_data();
  void scrollbarWheelAndKeysReachEveryMap();
  void columnsFillTheWidthAtAnyZoom();
  void aGhostNetLayerOf960MapsScrollsInTheWindow();
  void heatmapTicksAreWholeMapsAndCellsSquare();
  void layoutsHoldAt1000x700And1920x1080();
};

void GridScaleTest::scrollbarWheelAndKeysReachEveryMap_data() {
  QTest::addColumn<int>("left");
  QTest::addColumn<int>("right");  // 0: one model
  QTest::newRow("960 and 960") << 960 << 960;
  QTest::newRow("2048 and 960") << 2048 << 960;
  QTest::newRow("960 and 2048") << 960 << 2048;
  QTest::newRow("one model of 960") << 960 << 0;
  // Issue 16: the most maps a layer can have (a width-4 ResNet-50, or kMaxActivationChannels).
  QTest::newRow("8192 and 8192") << 8192 << 8192;
}

// Issue 13, defect 1: on a 960-map layer the wheel, the thumb and the track all left the view at
// the top.
void GridScaleTest::scrollbarWheelAndKeysReachEveryMap() {
  QFETCH(int, left);
  QFETCH(int, right);
  GridPairView view;
  view.resize(1000, 700);
  view.grid(Side::Left)->setMaps(maps(left));
  view.grid(Side::Right)->setMaps(maps(right));
  view.setPaired(right > 0);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QScrollBar* bar = view.scrollArea(Side::Left)->verticalScrollBar();
  QTRY_VERIFY(bar->maximum() > 0);

  bar->setValue(bar->maximum());  // dragging the thumb to the end
  QCOMPARE(bar->value(), bar->maximum());
  // The last map is then inside the viewport.
  const QRect last = view.grid(Side::Left)->tileRect(left - 1);
  const QPoint lastInViewport =
      view.grid(Side::Left)->mapTo(view.scrollArea(Side::Left)->viewport(), last.center());
  QVERIFY(view.scrollArea(Side::Left)->viewport()->rect().contains(lastInViewport));
  if (right > 0) {
    QScrollBar* other = view.scrollArea(Side::Right)->verticalScrollBar();
    QCOMPARE(other->value(), other->maximum());  // the other grid follows, to the same fraction
  }

  bar->setValue(0);
  wheel(view.scrollArea(Side::Left)->viewport(), 10);
  QVERIFY2(bar->value() > 0, "the wheel scrolls");
  const int afterWheel = bar->value();

  view.scrollArea(Side::Left)->setFocus();
  QTest::keyClick(view.scrollArea(Side::Left), Qt::Key_PageDown);
  QVERIFY2(bar->value() > afterWheel, "Page Down scrolls");
  QTest::keyClick(view.scrollArea(Side::Left), Qt::Key_End);
  QCOMPARE(bar->value(), bar->maximum());
  QTest::keyClick(view.scrollArea(Side::Left), Qt::Key_Home);
  QCOMPARE(bar->value(), 0);

  // The other side scrolls this one in turn.
  if (right > 0) {
    QScrollBar* other = view.scrollArea(Side::Right)->verticalScrollBar();
    other->setValue(other->maximum() / 2);
    QVERIFY(qAbs(bar->value() - bar->maximum() / 2) <= 2 + bar->maximum() / 100);
  }
}

// Issue 13, defect 2: at minimum zoom the grid kept its column count and left most of the
// panel empty.
void GridScaleTest::columnsFillTheWidthAtAnyZoom() {
  GridPairView view;
  view.resize(1000, 700);
  view.grid(Side::Left)->setMaps(maps(960));
  view.grid(Side::Right)->setMaps(maps(960));
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QWidget* viewport = view.scrollArea(Side::Left)->viewport();
  FeatureGridView* grid = view.grid(Side::Left);
  for (int cell : {16, 48, 100}) {
    view.zoomSlider()->setValue(cell);
    QCOMPARE(grid->cellSize(), cell);
    QTRY_VERIFY2(viewport->width() - grid->width() < cell + 10,
                 qPrintable(QString("cell %1: grid %2 wide in a viewport of %3")
                                .arg(cell)
                                .arg(grid->width())
                                .arg(viewport->width())));
    QVERIFY(grid->width() <= viewport->width());  // no sideways scrolling needed
  }
  // Tiles are found where they are drawn.
  for (int c : {0, 1, 37, 959}) QCOMPARE(grid->channelAt(grid->tileRect(c).center()), c);
}

// The reported case itself: untrained GhostNet 1.0x, blocks.8.2.ghost1, in the main window.
void GridScaleTest::aGhostNetLayerOf960MapsScrollsInTheWindow() {
  ghostlens::ui::MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ExplorerPage::analysisFinished);
  window.modelPairBar()->setPairSource(ghostlens::PairSource::untrained(
      ghostlens::ModelSpec::defaults(ghostlens::Architecture::GhostNet)));
  window.explorer()->setFashionMnistInput(0);
  window.explorer()->selectLayer("blocks.8.2.ghost1");
  window.resize(1400, 860);
  window.show();
  // Issue 13, defect 2: switching to such a layer took over a second with no busy sign. The
  // sign comes after 100 ms of work (not at once: quick changes must not flicker) and goes
  // when the layer is drawn.
  GridPairView* shown = window.explorer()->grids();
  QVERIFY(!shown->isBusyShown());
  QVERIFY(QTest::qWaitFor([shown] { return shown->isBusyShown(); }, 20000));
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window.explorer()->isBusy(), 120000);
  QVERIFY(!shown->isBusyShown());
  QCOMPARE(window.explorer()->currentLayer(), QString("blocks.8.2.ghost1"));
  GridPairView* grids = window.explorer()->grids();
  QCOMPARE(grids->grid(Side::Left)->mapCount(), 960);
  QCOMPARE(grids->grid(Side::Right)->mapCount(), 960);
  QScrollBar* bar = grids->scrollArea(Side::Right)->verticalScrollBar();
  QTRY_VERIFY(bar->maximum() > 0);
  wheel(grids->scrollArea(Side::Right)->viewport(), 40);
  QVERIFY2(bar->value() > 0, "40 wheel notches scroll the grid");
  bar->setValue(bar->maximum());
  QCOMPARE(bar->value(), bar->maximum());
  QCOMPARE(grids->scrollArea(Side::Left)->verticalScrollBar()->value(),
           grids->scrollArea(Side::Left)->verticalScrollBar()->maximum());

  // Issue 13: above 64 maps the heatmap is an overview of blocks (each its best score); a click
  // on a block shows its 64 maps in full, and a click on a cell selects the target map and
  // scrolls the grid to it (defect 6: at high zoom the partner stayed out of view).
  SimilarityHeatmap* heatmap = window.explorer()->heatmap();
  QVERIFY(heatmap->isOverview());
  QCOMPARE(heatmap->maps(), 960);
  QVERIFY(heatmap->window().cells <= SimilarityHeatmap::kCells);
  const double blockBest = heatmap->valueAt(10, 900);
  QTest::mouseClick(heatmap->plotWidget(), Qt::LeftButton, {}, heatmap->cellPosition(10, 900));
  QTRY_VERIFY(!heatmap->isOverview());
  const ghostlens::SimilarityWindow& zoomed = heatmap->window();
  QCOMPARE(zoomed.cells, static_cast<int64_t>(SimilarityHeatmap::kCells));
  QVERIFY(zoomed.firstRow <= 10 && 10 < zoomed.firstRow + zoomed.cells);
  QVERIFY(zoomed.firstColumn <= 900 && 900 < zoomed.firstColumn + zoomed.cells);
  QVERIFY(heatmap->valueAt(10, 900) <= blockBest);  // a block's value is its best pair's
  grids->zoomSlider()->setValue(grids->zoomSlider()->maximum());
  bar->setValue(0);
  QTest::mouseClick(heatmap->plotWidget(), Qt::LeftButton, {}, heatmap->cellPosition(10, 900));
  QCOMPARE(window.explorer()->selection().a, 900);
  QCOMPARE(window.explorer()->selection().b, 10);
  QScrollArea* area = grids->scrollArea(Side::Right);
  const QRect tile = grids->grid(Side::Right)->tileRect(900);
  const QRect seen(-grids->grid(Side::Right)->pos(), area->viewport()->size());
  QVERIFY2(seen.contains(tile), "the selected map is scrolled into view");
}

// Issue 13, defect 8: integer map axes carried fractional, overlapping ticks ("0 2.557.510 12.5
// 15", "0 200400600800") and the plot was not square.
void GridScaleTest::heatmapTicksAreWholeMapsAndCellsSquare() {
  SimilarityHeatmap heatmap;
  heatmap.resize(260, 340);
  heatmap.show();
  QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
  for (int size : {3, 16, 24, 128, 960, 2048}) {
    heatmap.setWindow(fullWindow(size));
    for (bool x : {true, false}) {
      const QVector<double> ticks = heatmap.ticks(x);
      QVERIFY2(!ticks.isEmpty() && ticks.size() <= 6, qPrintable(QString::number(size)));
      for (double t : ticks) {
        QCOMPARE(t, std::round(t));
        QVERIFY2(
            t >= 0 && t <= size - 1,
            qPrintable(QString("%1 maps, %2 axis: tick %3").arg(size).arg(x ? "x" : "y").arg(t)));
      }
    }
    const QSizeF cell = heatmap.cellPixels();
    QVERIFY2(
        std::abs(cell.width() - cell.height()) < 0.01 * cell.width() + 1e-9,
        qPrintable(QString("%1 maps: %2 x %3").arg(size).arg(cell.width()).arg(cell.height())));
  }
}

// Issue 13, defect 9: at 1000x700 the metric and scale boxes were cut ("Cheap-", "Scale p"), the
// pair count was cut, the threshold value overlapped the slider and two tabs hid behind a scroll
// arrow; the window could not be narrower than 1,397 pixels.
void GridScaleTest::layoutsHoldAt1000x700And1920x1080() {
  MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ExplorerPage::analysisFinished);
  window.show();
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window.explorer()->isBusy(), 120000);
  window.explorer()->controls()->setMetric(ghostlens::Metric::CheapFit);  // the longest name
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 2 && !window.explorer()->isBusy(), 120000);
  for (const QSize size : {QSize(1000, 700), QSize(1920, 1080)}) {
    window.resize(size);
    QTRY_COMPARE(window.size(), size);
    QTest::qWait(50);  // layouts settle
    // Every box of the controls and under the grids shows its whole text.
    QList<QComboBox*> boxes = window.explorer()->controls()->findChildren<QComboBox*>();
    boxes << window.explorer()->grids()->frameChoice();
    for (QComboBox* box : boxes) {
      QVERIFY2(box->width() >= box->sizeHint().width(),
               qPrintable(QString("%1 at %2x%3: %4 of %5 pixels")
                              .arg(box->currentText())
                              .arg(size.width())
                              .arg(size.height())
                              .arg(box->width())
                              .arg(box->sizeHint().width())));
    }
    // The threshold's value beside its slider, not over it.
    const QSlider* slider = window.explorer()->controls()->thresholdSlider();
    int valueLabels = 0;
    for (QLabel* label : window.explorer()->controls()->findChildren<QLabel*>()) {
      if (label->text() != QString::number(window.explorer()->controls()->threshold(), 'f', 3))
        continue;
      ++valueLabels;
      QVERIFY(!label->geometry().intersects(slider->geometry()));
      QVERIFY(label->width() >= label->sizeHint().width());
    }
    QCOMPARE(valueLabels, 1);
    // Every tab in view, no scroll arrows.
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs != nullptr);
    for (int i = 0; i < tabs->count(); ++i) {
      QVERIFY2(tabs->tabBar()->rect().contains(tabs->tabBar()->tabRect(i)),
               qPrintable(tabs->tabText(i)));
    }
    // The headings (with the pair counts) wrap inside their grid instead of being cut.
    GridPairView* grids = window.explorer()->grids();
    int headings = 0;
    for (QLabel* heading : grids->findChildren<QLabel*>()) {
      if (!heading->text().contains("highlighted pair")) continue;
      ++headings;
      QVERIFY(heading->wordWrap());
      QVERIFY(heading->height() >= heading->heightForWidth(heading->width()));
    }
    QCOMPARE(headings, grids->isPaired() ? 2 : 1);
  }
}

QTEST_MAIN(GridScaleTest)
#include "grid_scale_test.moc"
