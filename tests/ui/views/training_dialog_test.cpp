// The training dialog trains in the background, draws what the store records of its own run
// (not of another writer's), and a cancel leaves the store consistent.
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ghostlens/store/experiment_store.h"
#include "ghostlens/ui/views/training_dialog.h"
#include "views_tests.h"

using namespace ghostlens;
using ui::TrainingDialog;

namespace {

TrainConfig tinyRun(int64_t epochs) {
  TrainConfig c;
  c.spec = ModelSpec::defaults(Architecture::Vgg16);
  c.spec.width = 0.125;
  c.spec.input = {1, 28, 28};
  c.spec.ratio = 2;
  c.epochs = epochs;
  c.batchSize = 64;
  c.trainSubset = 512;
  c.testSubset = 256;
  return c;
}

class TrainingDialogTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void aFinishedRunIsDrawnAsTheStoreHoldsIt() {
    QTemporaryDir dir;
    TrainingDialog dialog;
    dialog.setStorePath(dir.filePath("runs.sqlite"));
    dialog.setConfig(tinyRun(2));
    QSignalSpy finished(&dialog, &TrainingDialog::finished);
    QSignalSpy recorded(&dialog, &TrainingDialog::runRecorded);
    dialog.start();
    QVERIFY(dialog.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 240000);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(recorded.count() >= 1);

    ExperimentStore store(dir.filePath("runs.sqlite").toStdString());
    const auto runs = store.runs();
    QCOMPARE(int(runs.size()), 1);
    QCOMPARE(runs[0].status, std::string("finished"));
    const auto epochs = store.epochs(runs[0].id);
    QCOMPARE(int(epochs.size()), 2);
    const QVector<QPointF> accuracy = dialog.plot()->drawnAccuracy();
    QCOMPARE(accuracy.size(), 2);
    for (int i = 0; i < 2; ++i) {
      QCOMPARE(accuracy[i].x(), double(i + 1));
      QVERIFY(qAbs(accuracy[i].y() - epochs[i].testAccuracy * 100) < 1e-9);
    }
    QCOMPARE(dialog.plot()->drawnLoss().size(), 2 * 512 / 64);  // one point per batch
    const auto rows = exportAndCheck(*dialog.plot(), dir.path());
    QVERIFY(rows.size() > 3);
  }

  void anotherWriterInTheStoreDoesNotTakeOverTheCurve() {
    QTemporaryDir dir;
    const QString db = dir.filePath("runs.sqlite");
    TrainingDialog dialog;
    dialog.setStorePath(db);
    dialog.setConfig(tinyRun(3));
    QSignalSpy finished(&dialog, &TrainingDialog::finished);
    dialog.start();
    // Once the dialog's run has its row, a second writer (a ghostlens-cli sweep, say) adds a
    // newer run with epochs of its own.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.plot()->drawnLoss().isEmpty(), 120000);
    ExperimentStore other(db.toStdString());
    RunRecord intruder;
    intruder.spec = tinyRun(3).spec;
    intruder.spec.ratio = 4;
    intruder.epochs = 3;
    intruder.status = "running";
    const int64_t intruderId = other.beginRun(intruder);
    for (int64_t e = 0; e < 3; ++e) {
      EpochMetrics m;
      m.epoch = e;
      m.testAccuracy = 0.0123 * double(e + 1);
      other.addEpoch(intruderId, m);
    }
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 240000);
    QCOMPARE(finished.first().first().toBool(), true);

    const auto runs = ExperimentStore(db.toStdString()).runs();
    QCOMPARE(int(runs.size()), 2);
    const int64_t ownId = runs[0].id == intruderId ? runs[1].id : runs[0].id;
    QVERIFY(ownId < intruderId);  // the intruder is the store's newest row
    const auto own = ExperimentStore(db.toStdString()).epochs(ownId);
    const QVector<QPointF> accuracy = dialog.plot()->drawnAccuracy();
    QCOMPARE(accuracy.size(), int(own.size()));
    for (int i = 0; i < accuracy.size(); ++i) {
      QVERIFY(qAbs(accuracy[i].y() - own[i].testAccuracy * 100) < 1e-9);
    }
  }

  // Issue 13, defect 11: no Close button (only Escape closed the dialog), 10 epochs on all
  // images by default, and one epoch's accuracy clipped into the plot's corner with its value
  // shown nowhere.
  void closesShortDefaultsAndASinglePointIsReadable() {
    QTemporaryDir dir;
    TrainingDialog dialog;
    dialog.setStorePath(dir.filePath("runs.sqlite"));
    dialog.show();
    QVERIFY(dialog.closeButton()->isEnabled());
    QTest::mouseClick(dialog.closeButton(), Qt::LeftButton);
    QVERIFY(!dialog.isVisible());

    const TrainConfig defaults = dialog.config();
    QVERIFY(defaults.epochs <= 3);
    QVERIFY(defaults.trainSubset > 0 && defaults.trainSubset <= 10000);
    QVERIFY(defaults.testSubset > 0 && defaults.testSubset <= 10000);

    TrainConfig config = tinyRun(1);
    dialog.setConfig(config);
    QSignalSpy finished(&dialog, &TrainingDialog::finished);
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    const QVector<QPointF> accuracy = dialog.plot()->drawnAccuracy();
    QCOMPARE(accuracy.size(), 1);
    const QPointF point = accuracy[0];
    const QString value = QString::number(point.y(), 'f', 2);
    QCOMPARE(dialog.plot()->accuracyLabel(), value + "%");
    QVERIFY2(dialog.statusText().contains(value + "%"), qPrintable(dialog.statusText()));
    // Inside the plot with room on every side, not on its edges.
    const QPointF epochs = dialog.plot()->epochRange(), percent = dialog.plot()->accuracyRange();
    QVERIFY(epochs.x() <= point.x() - 0.5 && epochs.y() >= point.x() + 0.5);
    QVERIFY2(
        percent.x() <= point.y() - 2 && percent.y() >= point.y() + 2,
        qPrintable(QString("%1 in [%2, %3]").arg(point.y()).arg(percent.x()).arg(percent.y())));
  }

  void cancelLeavesTheStoreConsistent() {
    QTemporaryDir dir;
    TrainingDialog dialog;
    dialog.setStorePath(dir.filePath("runs.sqlite"));
    TrainConfig config = tinyRun(50);
    config.trainSubset = 4096;
    dialog.setConfig(config);
    QSignalSpy finished(&dialog, &TrainingDialog::finished);
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.plot()->drawnLoss().isEmpty(), 120000);
    dialog.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);

    ExperimentStore store(dir.filePath("runs.sqlite").toStdString());
    const auto runs = store.runs();
    QCOMPARE(int(runs.size()), 1);
    QCOMPARE(runs[0].status, std::string("cancelled"));  // not left "running"
    QVERIFY(!runs[0].endedAt.empty());
    const auto epochs = store.epochs(runs[0].id);
    QVERIFY(int(epochs.size()) < 50);
    for (std::size_t i = 0; i < epochs.size(); ++i) QCOMPARE(epochs[i].epoch, int64_t(i));
  }
};

}  // namespace

std::unique_ptr<QObject> makeTrainingDialogTest() { return std::make_unique<TrainingDialogTest>(); }

#include "training_dialog_test.moc"
