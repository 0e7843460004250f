// The ablation view draws the paper's data file and the store's runs, as given.
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ghostlens/analysis/pareto.h"
#include "ghostlens/store/ablation_series.h"
#include "ghostlens/ui/views/ablation_view.h"
#include "views_tests.h"

using namespace ghostlens;
using ui::AblationPlot;

namespace {

int64_t addRun(ExperimentStore& store, int64_t s, int64_t d, double accuracy, int64_t macs) {
  RunRecord r;
  r.spec = ModelSpec::defaults(Architecture::Vgg16);
  r.spec.width = 0.25;
  r.spec.ratio = s;
  r.spec.dw = d;
  r.spec.input = {1, 28, 28};
  r.params = macs / 20;
  r.macs = macs;
  r.epochs = 2;
  const int64_t id = store.beginRun(r);
  store.finishRun(id, "finished", accuracy, 3.0, 500);
  return id;
}

class AblationViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    QVERIFY(dir_.isValid());
    view_ = std::make_unique<ui::AblationView>();
    view_->setShippedSweepPath({});  // only what each test gives
    view_->setAdvisedPath({});
    view_->resize(1400, 900);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
  }
  void cleanup() { view_.reset(); }

  void paperSeriesEqualsTheDataFile() {
    view_->setStorePath({});
    view_->reload();
    // Read the shipped data file here independently of core's loader.
    QFile file(QString::fromStdString(paperTablePath()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray rows = QJsonDocument::fromJson(file.readAll()).object()["rows"].toArray();
    QCOMPARE(rows.size(), 9);
    for (const auto kind : {SweepKind::Ratio, SweepKind::Kernel}) {
      for (const auto cost : {AblationPlot::Cost::Macs, AblationPlot::Cost::Params}) {
        AblationPlot* plot = view_->plot(kind, cost);
        QCOMPARE(plot->seriesCount(), 1);
        QVERIFY(plot->seriesName(0).contains("paper"));
        QVector<QPointF> expected;
        QStringList labels;
        for (const auto& value : rows) {
          const QJsonObject row = value.toObject();
          if (row["sweep"].toString() != (kind == SweepKind::Ratio ? "s" : "d")) continue;
          expected << QPointF(row[cost == AblationPlot::Cost::Macs ? "macs" : "params"].toDouble(),
                              row["accuracy_percent"].toDouble());
          labels << (kind == SweepKind::Ratio ? QString("s=%1").arg(row["ratio"].toInt())
                                              : QString("d=%1").arg(row["dw"].toInt()));
        }
        const QVector<QPointF> drawn = plot->drawnPoints(0);
        QCOMPARE(drawn.size(), expected.size());
        for (int i = 0; i < drawn.size(); ++i) {
          QCOMPARE(drawn[i].x(), expected[i].x());
          QVERIFY(qAbs(drawn[i].y() - expected[i].y()) < 1e-9);
        }
        QCOMPARE(plot->drawnLabels(0), labels);
      }
    }
  }

  // Issue 13, defect 13: point labels overlapped ("s=4" over "s=5"). Runs of nearly the same
  // cost and accuracy beside the paper's points: no two labels drawn overlap, none covers a
  // point, and a label with no free place is left out (the point's tooltip names it).
  void labelsNeverOverlap() {
    const QString db = dir_.filePath("overlap.sqlite");
    ExperimentStore store(db.toStdString());
    addRun(store, 2, 3, 0.9000, 10'000'000);
    addRun(store, 3, 3, 0.9001, 9'900'000);
    addRun(store, 4, 3, 0.9002, 9'800'000);
    addRun(store, 5, 3, 0.9003, 9'700'000);
    view_->setStorePath(db);
    view_->reload();
    for (const auto kind : {SweepKind::Ratio, SweepKind::Kernel}) {
      for (const auto cost : {AblationPlot::Cost::Macs, AblationPlot::Cost::Params}) {
        AblationPlot* plot = view_->plot(kind, cost);
        QTest::qWait(20);  // a layout pass places the labels
        QVector<QRectF> drawn;
        for (int series = 0; series < plot->seriesCount(); ++series) {
          for (const QRectF& r : plot->labelRects(series)) {
            if (!r.isEmpty()) drawn << r;
          }
        }
        QVERIFY(!drawn.isEmpty());
        for (int i = 0; i < drawn.size(); ++i) {
          for (int j = i + 1; j < drawn.size(); ++j) {
            QVERIFY2(!drawn[i].intersects(drawn[j]),
                     qPrintable(QString("labels %1 and %2 overlap").arg(i).arg(j)));
          }
          for (int series = 0; series < plot->seriesCount(); ++series) {
            for (int k = 0; k < plot->drawnPoints(series).size(); ++k) {
              QVERIFY(!drawn[i].contains(plot->pointPosition(series, k)));
            }
          }
        }
      }
    }
  }

  void aRunAddedToTheStoreAppears() {
    const QString db = dir_.filePath("runs.sqlite");
    ExperimentStore store(db.toStdString());
    addRun(store, 1, 3, 0.92, 20'000'000);
    addRun(store, 2, 3, 0.925, 10'000'000);
    view_->setPaperTablePath({});
    view_->setStorePath(db);
    view_->reload();
    AblationPlot* plot = view_->plot(SweepKind::Ratio, AblationPlot::Cost::Macs);
    QCOMPARE(plot->seriesCount(), 1);
    QCOMPARE(plot->drawnPoints(0).size(), 2);

    const int64_t id = addRun(store, 4, 3, 0.90, 5'000'000);
    view_->reload();
    const QVector<QPointF> drawn = plot->drawnPoints(0);
    QCOMPARE(drawn.size(), 3);
    QCOMPARE(drawn[2], QPointF(5'000'000, 90.0));
    QCOMPARE(plot->drawnLabels(0), QStringList({"s=1", "s=2", "s=4"}));
    QVERIFY(plot->toolTipAt(plot->pointPosition(0, 2)).contains(QString("run %1").arg(id)));
    QVERIFY(plot->toolTipAt(QPoint(2, 2)).isEmpty());
    // The d sweep at s = 2 holds the s = 2, d = 3 run.
    QCOMPARE(view_->plot(SweepKind::Kernel, AblationPlot::Cost::Params)->drawnPoints(0),
             QVector<QPointF>({QPointF(10'000'000 / 20, 92.5)}));
  }

  void frontierIsCoresParetoFrontier() {
    const QString db = dir_.filePath("frontier.sqlite");
    ExperimentStore store(db.toStdString());
    addRun(store, 1, 3, 0.93, 40'000'000);
    addRun(store, 2, 3, 0.94, 20'000'000);  // beats s = 1 on both
    addRun(store, 3, 3, 0.91, 14'000'000);
    addRun(store, 4, 3, 0.92, 10'000'000);  // beats s = 3 on both
    view_->setPaperTablePath({});
    view_->setStorePath(db);
    view_->reload();
    AblationPlot* plot = view_->plot(SweepKind::Ratio, AblationPlot::Cost::Macs);
    const QVector<QPointF> points = plot->drawnPoints(0);
    std::vector<double> cost, accuracy;
    for (const QPointF& p : points) {
      cost.push_back(p.x());
      accuracy.push_back(p.y());
    }
    QVector<QPointF> expected;
    for (const std::size_t i : paretoFrontier(cost, accuracy)) expected << points[int(i)];
    QCOMPARE(plot->drawnFrontier(0), expected);
    QCOMPARE(expected, QVector<QPointF>({QPointF(10'000'000, 92), QPointF(20'000'000, 94)}));
  }

  void legendClickTogglesASeries() {
    view_->setStorePath({});
    view_->reload();
    AblationPlot* plot = view_->plot(SweepKind::Ratio, AblationPlot::Cost::Params);
    QVERIFY(plot->isSeriesVisible(0));
    const QRect entry = plot->legendItemRect(0);
    QVERIFY(entry.isValid());
    const QPoint at = plot->canvas()->mapFrom(plot, entry.center());
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, at);
    QVERIFY(!plot->isSeriesVisible(0));
    QVERIFY(plot->toolTipAt(plot->pointPosition(0, 0)).isEmpty());  // hidden points have none
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, at);
    QVERIFY(plot->isSeriesVisible(0));
    QVERIFY(plot->toolTipAt(plot->pointPosition(0, 0)).contains("paper"));
  }

  void exportsHoldTheData() {
    view_->setStorePath({});
    view_->reload();
    for (ui::PlotPanel* panel : view_->plots()) {
      const auto rows = exportAndCheck(*panel, dir_.path());
      QVERIFY(!rows.empty());
      auto* plot = static_cast<AblationPlot*>(panel);
      const int accuracy = rows[0].indexOf("accuracy_percent");
      const int cost = rows[0].indexOf(panel->exportName().endsWith("macs") ? "macs" : "params");
      const QVector<QPointF> drawn = plot->drawnPoints(0);
      QCOMPARE(int(rows.size()) - 1, drawn.size());
      for (int i = 0; i < drawn.size(); ++i) {
        QCOMPARE(rows[i + 1][cost].toDouble(), drawn[i].x());
        QCOMPARE(rows[i + 1][accuracy].toDouble(), drawn[i].y());
      }
      // The PNG holds the points: exported at the plot's own size, the pixel under each point
      // has the series' colour (the paper's series is the first, drawn in blue 40,90,180).
      const QString png = dir_.filePath(panel->exportName() + "-own-size.png");
      QVERIFY(panel->savePng(png));
      const QImage image(png);
      QCOMPARE(image.size(), panel->canvas()->size());
      for (int i = 0; i < drawn.size(); ++i) {
        const QPoint at = plot->pointPosition(0, i) - panel->canvas()->pos();
        const QColor pixel = image.pixelColor(at);
        QVERIFY2(qAbs(pixel.red() - 40) < 30 && qAbs(pixel.green() - 90) < 30 &&
                     qAbs(pixel.blue() - 180) < 30,
                 qPrintable(QString("point %1 at (%2, %3) is %4")
                                .arg(i)
                                .arg(at.x())
                                .arg(at.y())
                                .arg(pixel.name())));
      }
    }
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<ui::AblationView> view_;
};

}  // namespace

std::unique_ptr<QObject> makeAblationViewTest() { return std::make_unique<AblationViewTest>(); }

#include "ablation_view_test.moc"
