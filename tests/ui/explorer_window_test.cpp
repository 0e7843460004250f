// The explorer window driven as a user would, under QT_QPA_PLATFORM=offscreen; what it draws is
// compared against what core computes on its own.
#include <torch/torch.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "ghostlens/analysis/feature_taps.h"
#include "ghostlens/analysis/layer_analysis.h"
#include "ghostlens/analysis/similar_maps.h"
#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/model_factory.h"
#include "ghostlens/models/network.h"
#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/training/checkpoint.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/input_panel.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/map_detail_pane.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/pair_list.h"
#include "ghostlens/ui/recent_files.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/similarity_heatmap.h"

using namespace ghostlens;

namespace {
constexpr int kTimeout = 60000;
constexpr int kSample = 3;

/// Core's own analysis of one layer of a checkpoint, independent of the window's worker.
LayerAnalysis coreLayer(const std::string& checkpoint, int sample, const std::string& layer,
                        Metric metric, double threshold) {
  const ModelSpec spec = readCheckpointInfo(checkpoint).spec;
  auto model = buildModel(spec);
  loadCheckpoint(checkpoint, *model, nullptr);
  model->eval();
  const torch::Tensor x = fashionMnistInput(FashionMnist::kDefaultDirectory, sample, spec);
  AnalysisOptions options;
  options.metric = metric;
  options.threshold = threshold;
  options.dw = spec.dw;
  options.layers = {layer};
  return analyzeLayers(runWithTaps(*model, x), options).at(0);
}

void expectSamePairs(const QVector<ui::HighlightedPair>& drawn, const Redundancy& core) {
  QCOMPARE(drawn.size(), static_cast<qsizetype>(core.pairs.size()));
  for (int i = 0; i < drawn.size(); ++i) {
    QCOMPARE(drawn[i].a, static_cast<int>(core.pairs[i].a));
    QCOMPARE(drawn[i].b, static_cast<int>(core.pairs[i].b));
  }
}
}  // namespace

class ExplorerWindowTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void wholeFlowHighlightsWhatCoreFinds();
  void sliderChangesTheHighlights();
  void clickingAHeatmapCellSelectsThePair();
  void oneScorePerOrderedPair();
  void pairListSortsAndShowsEachPair();
  void deadMapsAreMarkedAndNeverPaired();
  void theInputShownIsWhatTheModelReceives();
  void theSelectionStandsOutAndFollowsTheControls();
  void selectingAMapNeverResizesTheWindow();
  void corruptImageIsRefusedAndTheWindowKeepsWorking();
  void exportsGridsAndCsv();
  void settingsAndRecentFilesPersist();
  void closingDuringAnalysisEndsCleanly();

 private:
  /// A window on the default pair and Fashion-MNIST test image kSample, analysis finished.
  std::unique_ptr<ui::MainWindow> openWindow(const QString& layer = {});

  QTemporaryDir dir_;
  ShippedPair pair_;
  QString layer_;
};

void ExplorerWindowTest::initTestCase() {
  QVERIFY(dir_.isValid());
  qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());
  QCoreApplication::setOrganizationName("GhostLensTest");
  QCoreApplication::setApplicationName("ExplorerWindowTest");
  // The shipped, trained pair, and nothing else: a missing file fails here (it used to be
  // replaced by a random pair, and the test then checked that instead).
  try {
    pair_ = shippedPair();
  } catch (const std::runtime_error& e) {
    QFAIL(qPrintable(QString("no shipped pair: %1").arg(e.what())));
  }
}

std::unique_ptr<ui::MainWindow> ExplorerWindowTest::openWindow(const QString& layer) {
  auto window = std::make_unique<ui::MainWindow>(nullptr, false);
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->setFashionMnistInput(kSample);
  if (!layer.isEmpty()) window->explorer()->selectLayer(layer);
  window->show();
  [&] {
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 && !window->explorer()->isBusy(), kTimeout);
  }();
  return window;
}

void ExplorerWindowTest::wholeFlowHighlightsWhatCoreFinds() {
  auto window = openWindow();
  QVERIFY(window->explorer()->lastError().isEmpty());
  const QStringList layers = window->explorer()->layerList()->layerNames();
  QVERIFY(layers.size() >= 10);  // VGG-16 has 13 Ghost modules
  layer_ = layers[2];
  QVERIFY(window->explorer()->selectLayer(layer_));
  QCOMPARE(window->explorer()->currentLayer(), layer_);
  window->explorer()->controls()->setThreshold(0.8);
  const double t = window->explorer()->controls()->threshold();
  for (const ui::Side side : {ui::Side::Left, ui::Side::Right}) {
    // The shipped pair: vanilla on the left, ghost on the right.
    const LayerAnalysis core = coreLayer(side == ui::Side::Right ? pair_.ghost : pair_.vanilla,
                                         kSample, layer_.toStdString(), Metric::Cosine, t);
    const ui::FeatureGridView* grid = window->explorer()->grids()->grid(side);
    QCOMPARE(grid->mapCount(), static_cast<int>(core.channels));
    expectSamePairs(grid->pairs(), findRedundancy(core.similarity, t));
    const QString heading = window->explorer()->grids()->heading(side);
    QVERIFY2(heading.contains(QString::number(core.redundancy.pairs.size()) + " highlighted pair"),
             qPrintable(heading));
  }
  // Ghost structure: the ghost grid marks its ghosts and their parents as core's taps say.
  const LayerAnalysis ghostCore =
      coreLayer(pair_.ghost, kSample, layer_.toStdString(), Metric::Cosine, t);
  QVERIFY(ghostCore.intrinsic < ghostCore.channels);
  const int child = static_cast<int>(ghostCore.intrinsic);
  QVERIFY(window->explorer()
              ->grids()
              ->grid(ui::Side::Right)
              ->describe(child)
              .contains(QString("ghost of %1").arg(ghostCore.parents[child])));
  qInfo("input -> grids %.1f ms", window->explorer()->timings().lastInputToGridsMs());
}

void ExplorerWindowTest::sliderChangesTheHighlights() {
  auto window = openWindow(layer_);
  QCOMPARE(window->explorer()->currentLayer(), layer_);
  const LayerAnalysis core =
      coreLayer(pair_.ghost, kSample, layer_.toStdString(), Metric::Cosine, 0.9);
  QSlider* slider = window->explorer()->controls()->thresholdSlider();
  std::vector<int> counts;
  for (int value : {300, 990}) {
    slider->setValue(value);  // as a drag would
    const double t = window->explorer()->controls()->threshold();
    const Redundancy expected = findRedundancy(core.similarity, t);
    expectSamePairs(window->explorer()->grids()->grid(ui::Side::Right)->pairs(), expected);
    counts.push_back(static_cast<int>(expected.pairs.size()));
  }
  QVERIFY2(counts[0] != counts[1], "the two thresholds should highlight different pairs");
  qInfo("threshold -> highlights %.2f ms", window->explorer()->timings().lastThresholdRedrawMs());
}

void ExplorerWindowTest::clickingAHeatmapCellSelectsThePair() {
  auto window = openWindow(layer_);
  ui::SimilarityHeatmap* heatmap = window->explorer()->heatmap();
  QVERIFY(heatmap->side() == ui::Side::Right);
  QTRY_VERIFY(heatmap->plotWidget()->rect().contains(heatmap->cellPosition(2, 5)));
  QTest::mouseClick(heatmap->plotWidget(), Qt::LeftButton, {}, heatmap->cellPosition(2, 5));
  // Row 2 -> column 5 is source -> target: map 5 is selected, with map 2 as its partner.
  const ui::MapSelection s = window->explorer()->selection();
  QVERIFY(s.side == ui::Side::Right);
  QCOMPARE(s.a, 5);
  QCOMPARE(s.b, 2);
  QCOMPARE(window->explorer()->grids()->grid(ui::Side::Right)->selectedChannel(), 5);
  QCOMPARE(window->explorer()->grids()->grid(ui::Side::Right)->relatedChannels(), QVector<int>{2});
  QVERIFY(window->explorer()->detailPane()->title().contains("map 5"));
  QCOMPARE(window->explorer()->detailPane()->similarCount(), 8);
  const LayerAnalysis core =
      coreLayer(pair_.ghost, kSample, layer_.toStdString(), Metric::Cosine, 0.9);
  QVERIFY(qAbs(heatmap->valueAt(2, 5) - core.similarity[2][5].item<double>()) < 1e-5);
  // Clicking a tile selects that map in its own grid.
  const QRect tile = window->explorer()->grids()->grid(ui::Side::Left)->tileRect(4);
  QTest::mouseClick(window->explorer()->grids()->grid(ui::Side::Left), Qt::LeftButton, {},
                    tile.center());
  QCOMPARE(window->explorer()->selection().a, 4);
  QVERIFY(window->explorer()->selection().side == ui::Side::Left);
}

// Issue 13, defect 5: the status bar said "map 4 -> map 3: 0.7419" while the residual panel said
// "R^2 0.7656" (the fit the other way round). Each ordered pair has one score everywhere.
void ExplorerWindowTest::oneScorePerOrderedPair() {
  auto window = openWindow(layer_);
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->controls()->setMetric(Metric::CheapFit);
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window->explorer()->isBusy(), kTimeout);
  ui::SimilarityHeatmap* heatmap = window->explorer()->heatmap();
  const LayerAnalysis core =
      coreLayer(pair_.ghost, kSample, layer_.toStdString(), Metric::CheapFit, 0.9);
  // Cells whose two directions differ, so that showing the wrong one is caught.
  std::vector<std::pair<int, int>> cells;
  for (int a = 0; a < 12 && cells.size() < 3; ++a) {
    for (int b = 0; b < 12 && cells.size() < 3; ++b) {
      if (a == b) continue;
      const double ab = core.similarity[a][b].item<double>(),
                   ba = core.similarity[b][a].item<double>();
      if (std::abs(ab - ba) > 0.01 && ab > 0.05) cells.emplace_back(a, b);
    }
  }
  QVERIFY(!cells.empty());
  for (const auto& [row, column] : cells) {
    QTRY_VERIFY(heatmap->plotWidget()->rect().contains(heatmap->cellPosition(row, column)));
    QTest::mouseClick(heatmap->plotWidget(), Qt::LeftButton, {},
                      heatmap->cellPosition(row, column));
    const QString value = QString::number(core.similarity[row][column].item<double>(), 'f', 4);
    const QString status = window->statusBar()->currentMessage();
    QVERIFY2(status.endsWith(": " + value), qPrintable(status + " vs " + value));
    const QString residual = window->explorer()->detailPane()->residualText();
    QVERIFY2(residual.contains(QString("map %1 - filter * map %2").arg(column).arg(row)),
             qPrintable(residual));
    QVERIFY2(residual.contains(QString("R\u00b2 %1").arg(value)),
             qPrintable(residual + " vs " + value));
  }
}

// Issue 13, defect 2: hundreds of pairs were a wall of frames in a few colours that no one could
// follow. Every pair is in a sortable list; a row shows its pair (selected, scrolled to, scored
// as listed); the grids frame only the best 20 by default, or the selected map's pair.
void ExplorerWindowTest::pairListSortsAndShowsEachPair() {
  auto window = openWindow(QStringLiteral("features.6"));  // 64 maps
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->controls()->setMetric(Metric::CheapFit);
  window->explorer()->controls()->setThreshold(0.05);  // many pairs
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window->explorer()->isBusy(), kTimeout);
  ui::ExplorerPage* explorer = window->explorer();
  ui::GridPairView* grids = explorer->grids();
  const QVector<ui::HighlightedPair> left = grids->grid(ui::Side::Left)->pairs();
  const QVector<ui::HighlightedPair> right = grids->grid(ui::Side::Right)->pairs();
  QVERIFY2(right.size() > 20, qPrintable(QString::number(right.size())));
  ui::PairList* list = explorer->pairList();
  QCOMPARE(list->rowCount(), left.size() + right.size());

  // Best first; then by map a, numerically (10 after 9), when that header is clicked.
  double previous = 2;
  for (int row = 0; row < list->rowCount(); ++row) {
    const std::optional<ui::PairRow> r = list->rowAt(row);
    QVERIFY(r);
    QVERIFY(r->score <= previous);
    previous = r->score;
  }
  list->table()->sortByColumn(1, Qt::AscendingOrder);
  int previousA = -1;
  for (int row = 0; row < list->rowCount(); ++row) {
    const std::optional<ui::PairRow> r = list->rowAt(row);
    QVERIFY(r);
    QVERIFY(r->a >= previousA);
    previousA = r->a;
  }
  QVERIFY(!list->rowAt(list->rowCount()));

  // Frames: the best 20 of each grid by default.
  QCOMPARE(grids->grid(ui::Side::Right)->framedPairs().size(), 20);
  QCOMPARE(grids->grid(ui::Side::Right)->framedPairs().front().a, right.front().a);

  // A row of the right model, far down the grid at the largest zoom: shown and scrolled to.
  grids->zoomSlider()->setValue(grids->zoomSlider()->maximum());
  int chosen = -1;
  for (int row = list->rowCount() - 1; row >= 0 && chosen < 0; --row) {
    const std::optional<ui::PairRow> r = list->rowAt(row);
    if (r && r->side == ui::Side::Right && std::max(r->a, r->b) > 40) chosen = row;
  }
  QVERIFY(chosen >= 0);
  const auto [side, a, b, score] = *list->rowAt(chosen);
  QVERIFY(side == ui::Side::Right);
  grids->scrollArea(ui::Side::Right)->verticalScrollBar()->setValue(0);
  list->table()->selectRow(chosen);
  const ui::MapSelection selected = explorer->selection();
  QVERIFY(selected.side == ui::Side::Right);
  QVERIFY((selected.a == b && selected.b == a) || (selected.a == a && selected.b == b));
  const QString value = QString::number(score, 'f', 4);
  QVERIFY2(window->statusBar()->currentMessage().endsWith(": " + value),
           qPrintable(window->statusBar()->currentMessage() + " vs " + value));
  QVERIFY2(explorer->detailPane()->residualText().contains(QString("R\u00b2 %1").arg(value)),
           qPrintable(explorer->detailPane()->residualText() + " vs " + value));
  QScrollArea* area = grids->scrollArea(ui::Side::Right);
  const QRect seen(-grids->grid(ui::Side::Right)->pos(), area->viewport()->size());
  QVERIFY(seen.contains(grids->grid(ui::Side::Right)->tileRect(selected.a)));

  // Only the selected map's pair, when asked.
  grids->frameChoice()->setCurrentIndex(
      grids->frameChoice()->findData(static_cast<int>(ui::FrameMode::Focus)));
  const QVector<ui::HighlightedPair> framed = grids->grid(ui::Side::Right)->framedPairs();
  QCOMPARE(framed.size(), 1);
  QVERIFY(framed.front().a == selected.a || framed.front().b == selected.a);
}

// Issue 13, defect 3: a map with no variance scored 1.0 against every map under the cheap-op fit
// and pushed the layer to 100%. Dead maps are marked in the grid, never framed, and their
// heatmap column is 0.
void ExplorerWindowTest::deadMapsAreMarkedAndNeverPaired() {
  auto window = openWindow();
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->controls()->setMetric(Metric::CheapFit);
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window->explorer()->isBusy(), kTimeout);
  const std::string layer = "features.14";  // dead ReLU maps on this input (analyze --json)
  QVERIFY(window->explorer()->selectLayer(QString::fromStdString(layer)));
  const LayerAnalysis core = coreLayer(pair_.ghost, kSample, layer, Metric::CheapFit, 0.9);
  QVERIFY2(!core.dead.empty(), "the layer should have dead maps on this input");
  const ui::FeatureGridView* grid = window->explorer()->grids()->grid(ui::Side::Right);
  QVector<int> framed;
  for (const ui::HighlightedPair& p : grid->pairs()) framed << p.a << p.b;
  ui::SimilarityHeatmap* heatmap = window->explorer()->heatmap();
  for (int64_t d : core.dead) {
    const int c = static_cast<int>(d);
    QVERIFY2(grid->describe(c).contains("dead"), qPrintable(grid->describe(c)));
    QVERIFY(!framed.contains(c));
    // Above 64 maps the heatmap starts as an overview of blocks: a click on the block shows
    // its maps one by one.
    if (heatmap->isOverview()) {
      QTest::mouseClick(heatmap->plotWidget(), Qt::LeftButton, {}, heatmap->cellPosition(0, c));
      QTRY_VERIFY(!heatmap->isOverview());
    }
    const ghostlens::SimilarityWindow& shown = heatmap->window();
    QVERIFY(c >= shown.firstColumn && c < shown.firstColumn + shown.cells);
    for (int64_t source = shown.firstRow; source < shown.firstRow + shown.cells; ++source)
      QCOMPARE(heatmap->valueAt(static_cast<int>(source), c), 0.0);
    Q_EMIT heatmap->zoomRequested(-1, -1);  // back to the overview, as its button does
  }
  // A live map is not called dead.
  int live = 0;
  while (std::find(core.dead.begin(), core.dead.end(), live) != core.dead.end()) ++live;
  QVERIFY(!grid->describe(live).contains("dead"));
}

// Issue 13, defect 4: a colour photo on the 1x28x28 model was turned grey and squashed
// silently; the thumbnail stayed in colour.
void ExplorerWindowTest::theInputShownIsWhatTheModelReceives() {
  auto window = openWindow();
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->setImageInput("/usr/lib/python3/dist-packages/skimage/data/chelsea.png");
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window->explorer()->isBusy(), kTimeout);
  const QString text = window->explorer()->inputPanel()->currentText();
  QVERIFY2(text.contains("451x300 colour -> grey; resized to 28x28, aspect 1.50 squashed"),
           qPrintable(text));
  const QImage picture = window->explorer()->inputPanel()->currentPicture();
  QCOMPARE(picture.size(), QSize(28, 28));
  for (int y = 0; y < picture.height(); ++y) {
    for (int x = 0; x < picture.width(); ++x) {
      const QColor c = picture.pixelColor(x, y);
      QVERIFY(c.red() == c.green() && c.green() == c.blue());
    }
  }
}

// Issue 13, defect 6: the selection's thin blue outline was the blue of pair frames, the parent's
// a faint dashed grey; changing the metric cleared the selection; a new colormap did not recolour
// the enlarged map.
void ExplorerWindowTest::theSelectionStandsOutAndFollowsTheControls() {
  auto window = openWindow(layer_);
  ui::FeatureGridView* grid = window->explorer()->grids()->grid(ui::Side::Right);
  window->explorer()->controls()->setThreshold(0.3);  // many frames around
  const LayerAnalysis core =
      coreLayer(pair_.ghost, kSample, layer_.toStdString(), Metric::Cosine, 0.3);
  const int child = static_cast<int>(core.intrinsic);  // a ghost map, with its parent outlined
  const int parent = static_cast<int>(core.parents[child]);
  QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(child).center());
  QCOMPARE(grid->selectedChannel(), child);
  for (int cell : {16, 48, 120}) {
    window->explorer()->grids()->zoomSlider()->setValue(cell);
    const QImage shot = grid->grab().toImage();
    const QRect r = grid->tileRect(child);
    const int y = r.center().y();
    QCOMPARE(shot.pixelColor(r.left(), y), ui::FeatureGridView::kSelectionDark);
    QCOMPARE(shot.pixelColor(r.left() + 2, y), ui::FeatureGridView::kSelectionLight);
    QCOMPARE(shot.pixelColor(r.right(), y), ui::FeatureGridView::kSelectionDark);
    // The parent: a black ring with white dashes, inside its tile.
    const QRect pr = grid->tileRect(parent);
    QCOMPARE(shot.pixelColor(pr.left() + 1, pr.top() + 1), ui::FeatureGridView::kSelectionLight);
    bool dark = false;
    for (int x = pr.left() + 1; x < pr.right(); ++x)
      dark = dark || shot.pixelColor(x, pr.top() + 1) == ui::FeatureGridView::kSelectionDark;
    QVERIFY(dark);
  }
  // No pair frame uses the selection's colours.
  for (const ui::HighlightedPair& p : grid->pairs()) {
    QVERIFY(p.color != ui::FeatureGridView::kSelectionDark);
    QVERIFY(p.color != ui::FeatureGridView::kSelectionLight);
  }
  const QImage gray = window->explorer()->detailPane()->mapImage();
  window->explorer()->controls()->setColormap(Colormap::Viridis);
  QVERIFY(window->explorer()->detailPane()->mapImage() != gray);
  QCOMPARE(grid->selectedChannel(), child);

  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->controls()->setMetric(Metric::Pearson);
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window->explorer()->isBusy(), kTimeout);
  QCOMPARE(window->explorer()->selection().a, child);
  QCOMPARE(grid->selectedChannel(), child);
  QVERIFY(window->explorer()->detailPane()->title().contains(QString("map %1").arg(child)));
}

// Issue 13, defect 7: in cheap-op mode, clicking a ghost map grew the window by itself
// (1400x860 -> 1402x975), and "Most similar maps" shrank to one row.
void ExplorerWindowTest::selectingAMapNeverResizesTheWindow() {
  auto window = openWindow(layer_);
  window->resize(1400, 860);
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->controls()->setMetric(Metric::CheapFit);
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window->explorer()->isBusy(), kTimeout);
  QTest::qWait(50);
  const QSize before = window->size();
  ui::FeatureGridView* grid = window->explorer()->grids()->grid(ui::Side::Right);
  for (int c : {grid->mapCount() - 1, 0, grid->mapCount() / 2}) {
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->tileRect(c).center());
    QTest::qWait(50);  // a resize would be posted as a layout request
    QCOMPARE(window->size(), before);
    QVERIFY(window->explorer()->detailPane()->similarCount() >= 5);
    QVERIFY(!window->explorer()->detailPane()->residualText().isEmpty());
  }
}

void ExplorerWindowTest::corruptImageIsRefusedAndTheWindowKeepsWorking() {
  auto window = openWindow(layer_);
  QSignalSpy failed(window->explorer(), &ui::ExplorerPage::analysisFailed);
  QSignalSpy finished(window->explorer(), &ui::ExplorerPage::analysisFinished);
  window->explorer()->setImageInput(GHOSTLENS_TEST_DATA "/corrupt.png");
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeout);
  QVERIFY2(window->explorer()->lastError().contains("corrupt.png"),
           qPrintable(window->explorer()->lastError()));
  QCOMPARE(window->explorer()->currentLayer(), layer_);  // the last good analysis stays on screen
  QVERIFY(window->explorer()->grids()->grid(ui::Side::Right)->mapCount() > 0);
  window->explorer()->setFashionMnistInput(kSample + 1);
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
  QVERIFY(window->explorer()->lastError().isEmpty());
}

void ExplorerWindowTest::exportsGridsAndCsv() {
  auto window = openWindow(layer_);
  const QString png = dir_.filePath("grids.png"), csv = dir_.filePath("similarity.csv");
  QVERIFY(window->explorer()->exportGrids(png));
  const QImage image(png);
  QVERIFY(image.width() >
          2 * window->explorer()->grids()->grid(ui::Side::Right)->sizeHint().width());
  QVERIFY(window->explorer()->exportSimilarityCsv(csv));
  QFile file(csv);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const LayerAnalysis core =
      coreLayer(pair_.ghost, kSample, layer_.toStdString(), Metric::Cosine, 0.9);
  const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
  QCOMPARE(lines.size(), static_cast<qsizetype>(core.channels + 1));
  const QList<QByteArray> row1 = lines[2].split(',');
  QVERIFY(qAbs(row1[3].toDouble() - core.similarity[1][2].item<double>()) < 1e-5);
}

void ExplorerWindowTest::settingsAndRecentFilesPersist() {
  const QString picture = dir_.filePath("shirt.png");
  QImage gray(28, 28, QImage::Format_Grayscale8);
  gray.fill(90);
  QVERIFY(gray.save(picture));
  {
    ui::MainWindow window(nullptr, true);
    QSignalSpy finished(window.explorer(), &ui::ExplorerPage::analysisFinished);
    window.explorer()->setImageInput(picture);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !window.explorer()->isBusy(), kTimeout);
    window.explorer()->controls()->setThreshold(0.77);
    window.explorer()->controls()->setColormap(Colormap::Viridis);
  }
  ui::MainWindow again(nullptr, true);
  QCOMPARE(again.explorer()->controls()->threshold(), 0.77);
  QCOMPARE(again.explorer()->controls()->colormap(), Colormap::Viridis);
  QSignalSpy finished(again.explorer(), &ui::ExplorerPage::analysisFinished);
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 && !again.explorer()->isBusy(), kTimeout);
  QVERIFY(again.explorer()->inputPanel() != nullptr);
  QCOMPARE(again.statusBar()->currentMessage().contains("shirt.png"), true);
  const QStringList recent = QSettings().value("recentFiles").toStringList();
  QVERIFY(!recent.isEmpty());
  QCOMPARE(recent.front(), picture);
}

void ExplorerWindowTest::closingDuringAnalysisEndsCleanly() {
  auto* window = new ui::MainWindow(nullptr, false);
  // Two ResNet-50s: building and running them takes well over a second here, so the worker is
  // still at it 300 ms later (GhostNet's whole run can be shorter than that).
  window->modelPairBar()->setPairSource(
      PairSource::untrained(ModelSpec::defaults(Architecture::ResNet50)));
  window->show();
  QTest::qWait(300);
  QVERIFY(window->explorer()->isBusy());
  QElapsedTimer timer;
  timer.start();
  delete window;  // cancels and waits for the worker; must not crash
  qInfo("closed after %lld ms", static_cast<long long>(timer.elapsed()));
}

QTEST_MAIN(ExplorerWindowTest)
#include "explorer_window_test.moc"
