// The explorer with the weights people have: files written by python3-torch and
// python3-torchvision (made by the import fixture test), opened on either side, dropped on the
// window, refused when hostile; what it shows is compared with what core computes on its own.
#include <torch/torch.h>

#include <QCoreApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "ghostlens/data/class_names.h"
#include "ghostlens/data/model_input.h"
#include "ghostlens/models/eval_scope.h"
#include "ghostlens/session/model_pair.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/model_pair_bar.h"

using namespace ghostlens;

namespace {
constexpr int kTimeout = 120000;
const QString kFixtures = QStringLiteral(GHOSTLENS_IMPORT_FIXTURES);
const QString kPhoto = QStringLiteral("/usr/lib/python3/dist-packages/skimage/data/chelsea.png");

QString fixture(const char* name) { return kFixtures + "/" + name; }

/// Core's top classes for a weights file on the photo, independent of the window's worker.
std::vector<Prediction> coreTop(const QString& weights) {
  const LoadedModel model = loadModel(ModelSource::file(weights.toStdString()));
  const torch::Tensor x = prepareInput(InputSource::imageFile(kPhoto.toStdString()), model.spec);
  EvalScope eval(*model.network);
  return topPredictions(model.network->forward(x), 5, classNames(model.spec));
}

/// The labels in the order a prediction panel lists them.
void expectListed(const QString& panel, const std::vector<Prediction>& top) {
  int at = 0;
  for (const Prediction& p : top) {
    const QString line = QStringLiteral("%1&nbsp;&nbsp;%2")
                             .arg(QString::fromStdString(p.label).toHtmlEscaped())
                             .arg(p.probability, 0, 'f', 3);
    const int found = panel.indexOf(line, at);
    QVERIFY2(found >= 0, qPrintable(line + " not in " + panel));
    at = found + 1;
  }
}
}  // namespace

class ExplorerWeightsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void openedWeightsShowTheInferredModelAndItsTopClasses();
  void twoFilesOfOneArchitectureSideBySide();
  void twoArchitecturesAreMatchedByResolution();
  void droppedWeightsGoToTheSideTheyAreDroppedOn();
  void aHostileFileIsRefusedAndTheWindowKeepsWorking();

 private:
  /// Waits until the window's analysis has finished (or failed).
  static void settle(ui::MainWindow& window, QSignalSpy& finished, int count = 1);
  QTemporaryDir dir_;
};

void ExplorerWeightsTest::initTestCase() {
  QVERIFY(dir_.isValid());
  qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());
  QCoreApplication::setOrganizationName("GhostLensTest");
  QCoreApplication::setApplicationName("ExplorerWeightsTest");
  QVERIFY2(QFile::exists(fixture("resnet50_zip.pth")), "run the make_import_fixtures test first");
}

void ExplorerWeightsTest::settle(ui::MainWindow& window, QSignalSpy& finished, int count) {
  QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= count && !window.explorer()->isBusy(), kTimeout);
}

void ExplorerWeightsTest::openedWeightsShowTheInferredModelAndItsTopClasses() {
  ui::MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ui::ExplorerPage::analysisFinished);
  window.setWeightsFile(ui::Side::Left, fixture("resnet50_zip.pth"));
  window.explorer()->setImageInput(kPhoto);
  window.explorer()->selectLayer("layer1");
  window.show();
  settle(window, finished);
  QVERIFY2(window.explorer()->lastError().isEmpty(), qPrintable(window.explorer()->lastError()));
  QCOMPARE(window.modelPairBar()->leftDescription(),
           QString("resnet50 width 1 vanilla (pytorch-zip)"));
  QVERIFY(window.modelPairBar()->rightDescription().isEmpty());
  QVERIFY(!window.explorer()->grids()->isPaired());  // one model: one grid
  QCOMPARE(window.explorer()->currentLayer(), QString("layer1"));
  QCOMPARE(window.explorer()->grids()->grid(ui::Side::Left)->mapCount(), 256);
  // Layer names are torchvision's module names.
  const QStringList layers = window.explorer()->layerList()->layerNames();
  for (const char* name :
       {"conv1", "layer1.0.conv1", "layer1.0.downsample", "layer1.0", "layer4"}) {
    QVERIFY2(layers.contains(name), name);
  }
  expectListed(window.explorer()->grids()->predictions(ui::Side::Left),
               coreTop(fixture("resnet50_zip.pth")));
  // The weights file is remembered for the next time.
  QVERIFY(QSettings().value("recentWeights").toStringList().contains(fixture("resnet50_zip.pth")));
}

void ExplorerWeightsTest::twoFilesOfOneArchitectureSideBySide() {
  ui::MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ui::ExplorerPage::analysisFinished);
  window.setWeightsFile(ui::Side::Left, fixture("ghostnet_legacy.pth"));
  window.setWeightsFile(ui::Side::Right, fixture("ghostnet.safetensors"));
  window.explorer()->setImageInput(kPhoto);
  window.explorer()->selectLayer("blocks.1.0");
  window.show();
  settle(window, finished);
  QVERIFY2(window.explorer()->lastError().isEmpty(), qPrintable(window.explorer()->lastError()));
  QCOMPARE(window.modelPairBar()->leftDescription(),
           QString("ghostnet width 1 s=2 d=3 (pytorch-legacy)"));
  QCOMPARE(window.modelPairBar()->rightDescription(),
           QString("ghostnet width 1 s=2 d=3 (safetensors)"));
  QVERIFY(window.explorer()->grids()->isPaired());
  QCOMPARE(window.explorer()->currentLayer(), QString("blocks.1.0"));
  // The same weights in two formats: the same maps, the same highlights, the same classes.
  QCOMPARE(window.explorer()->grids()->grid(ui::Side::Left)->pairs().size(),
           window.explorer()->grids()->grid(ui::Side::Right)->pairs().size());
  const std::vector<Prediction> top = coreTop(fixture("ghostnet_zip.pth"));
  expectListed(window.explorer()->grids()->predictions(ui::Side::Left), top);
  expectListed(window.explorer()->grids()->predictions(ui::Side::Right), top);
}

void ExplorerWeightsTest::twoArchitecturesAreMatchedByResolution() {
  ui::MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ui::ExplorerPage::analysisFinished);
  window.setWeightsFile(ui::Side::Left, fixture("resnet50_zip.pth"));
  window.setWeightsFile(ui::Side::Right, fixture("ghostnet_zip.pth"));
  window.explorer()->setFashionMnistInput(2);
  window.show();
  settle(window, finished);
  QVERIFY2(window.explorer()->lastError().isEmpty(), qPrintable(window.explorer()->lastError()));
  // One layer per resolution the two share: 112, 56, 28, 14 and 7 pixels.
  const QStringList layers = window.explorer()->layerList()->layerNames();
  QCOMPARE(layers, QStringList({"conv1", "layer1", "layer2", "layer3", "layer4"}));
  for (const QString& layer : layers) {
    QVERIFY(window.explorer()->selectLayer(layer));
    QVERIFY(window.explorer()->grids()->heading(ui::Side::Right).contains("ghostnet"));
    QVERIFY(window.explorer()->grids()->grid(ui::Side::Right)->mapCount() > 0);
  }
}

void ExplorerWeightsTest::droppedWeightsGoToTheSideTheyAreDroppedOn() {
  ui::MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ui::ExplorerPage::analysisFinished);
  window.explorer()->setFashionMnistInput(1);
  window.resize(1400, 860);
  window.show();
  settle(window, finished);
  // The page's drop handler, called directly: QApplication delivers a drop only while a real
  // drag is under way, which an offscreen test cannot start.
  auto drop = [&window](const QString& path, double xFraction) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    ui::ExplorerPage* page = window.explorer();
    const QWidget* grids = page->grids();
    const QPoint at = grids->mapTo(
        page, QPoint(static_cast<int>(grids->width() * xFraction), grids->height() / 2));
    page->dropFiles(mime, at);
  };
  drop(fixture("ghostnet_zip.pth"), 0.25);
  settle(window, finished, 2);
  QCOMPARE(window.modelPairBar()->mode(), ui::ModelPairBar::Mode::Files);
  QVERIFY(window.modelPairBar()->leftDescription().contains("pytorch-zip"));
  QVERIFY(!window.explorer()->grids()->isPaired());
  drop(fixture("ghostnet_w05_f16.pth"), 0.75);
  settle(window, finished, 3);
  QVERIFY(window.explorer()->grids()->isPaired());
  QVERIFY(window.modelPairBar()->rightDescription().startsWith("ghostnet width 0.5"));
  // An image dropped anywhere is the input, not weights.
  drop(kPhoto, 0.75);
  settle(window, finished, 4);
  QVERIFY2(window.statusBar()->currentMessage().contains("chelsea.png"),
           qPrintable(window.statusBar()->currentMessage()));
  QVERIFY(window.modelPairBar()->rightDescription().startsWith("ghostnet width 0.5"));
}

void ExplorerWeightsTest::aHostileFileIsRefusedAndTheWindowKeepsWorking() {
  ui::MainWindow window(nullptr, false);
  QSignalSpy finished(window.explorer(), &ui::ExplorerPage::analysisFinished);
  QSignalSpy failed(window.explorer(), &ui::ExplorerPage::analysisFailed);
  window.explorer()->setFashionMnistInput(0);
  window.show();
  settle(window, finished);
  window.setWeightsFile(ui::Side::Left, fixture("payload_zip.pth"));
  QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1 && !window.explorer()->isBusy(), kTimeout);
  QVERIFY2(window.explorer()->lastError().contains("refusing the global 'posix.system'"),
           qPrintable(window.explorer()->lastError()));
  QVERIFY(!QFile::exists(GHOSTLENS_IMPORT_MARKER));
  // Issue 16: every kind of damage is a message naming the file, and the window goes on.
  QTemporaryDir dir;
  QFile good(fixture("ghostnet_zip.pth"));
  QVERIFY(good.open(QIODevice::ReadOnly));
  const QByteArray bytes = good.readAll();
  QByteArray flipped = bytes;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x08);
  QByteArray noise(4096, '\0');
  for (int i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919) % 251);
  const QList<QPair<QString, QByteArray>> damaged = {{"empty.pth", {}},
                                                     {"half.pth", bytes.left(bytes.size() / 2)},
                                                     {"flipped.pth", flipped},
                                                     {"noise.pth", noise}};
  int failures = 1;
  for (const auto& [name, content] : damaged) {
    const QString path = dir.filePath(name);
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(content);
    out.close();
    window.setWeightsFile(ui::Side::Left, path);
    ++failures;
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == failures && !window.explorer()->isBusy(), kTimeout);
    QVERIFY2(window.explorer()->lastError().contains(name),
             qPrintable(name + ": " + window.explorer()->lastError()));
  }
  window.setWeightsFile(ui::Side::Left, fixture("ghostnet_zip.pth"));
  settle(window, finished, 2);
  QVERIFY(window.explorer()->lastError().isEmpty());
}

QTEST_MAIN(ExplorerWeightsTest)
#include "explorer_weights_test.moc"
