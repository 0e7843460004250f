// The advisor view draws core's advice for the window's vanilla model, shows a layer's R^2
// curves when its bar is clicked, saves the plan and hands it to the training dialog.
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/models/ghost_plan.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/ui/views/advisor_view.h"
#include "small_pair.h"
#include "views_tests.h"

using namespace ghostlens;
using ui::AdvisorPlot;
using ui::AdvisorView;

namespace {

class AdvisorViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    pair_ = writeSmallPair(dir_.path(), 5);
  }

  void drawsCoresAdviceAndHandsThePlanOn() {
    AdvisorView view;
    view.resize(1400, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const PairSource models{ModelSource::file(pair_.vanilla.toStdString()),
                            ModelSource::file(pair_.ghost.toStdString())};
    view.setModels(models);
    view.setImages(8);
    view.setBudgetRatio(3);
    QSignalSpy finished(&view, &AdvisorView::finished);
    view.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);

    AdviceOptions options;
    options.budgetRatio = 3;
    const Advice expected = pairAdvice(models, kFashionMnistDirectory, 8, options, "advised@s=3");
    const Advice& shown = view.advice();
    QCOMPARE(shown.plan.macs, expected.plan.macs);
    QCOMPARE(int(shown.layers.size()), 13);
    for (std::size_t i = 0; i < shown.layers.size(); ++i) {
      QCOMPARE(shown.layers[i].ratio, expected.layers[i].ratio);
    }
    AdvisorPlot* plot = view.plot();
    QCOMPARE(plot->barCount(), 10);   // no bar for the three 2x2 layers
    QCOMPARE(plot->curveCount(), 3);  // d = 1, 3, 5 of the first layer
    plot->selectLayer(12);            // features.16: too small, no curves
    QCOMPARE(plot->curveCount(), 0);
    plot->selectLayer(4);
    QCOMPARE(plot->curveCount(), 3);

    const auto rows = exportAndCheck(*plot, dir_.path());
    QCOMPARE(int(rows.size()), 14);

    const QString file = QDir(dir_.path()).filePath("plan.json");
    QVERIFY(view.savePlan(file));
    const GhostPlan saved = readPlanFile(file.toStdString());
    QCOMPARE(saved.macs, expected.plan.macs);
    QVERIFY(saved.layers.size() == 13);

    QSignalSpy train(&view, &AdvisorView::trainRequested);
    QPushButton* button = nullptr;
    for (QPushButton* b : view.findChildren<QPushButton*>()) {
      if (b->text().startsWith("Train this plan")) button = b;
    }
    QVERIFY(button != nullptr);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(train.count(), 1);
    const auto spec = train.first().first().value<ModelSpec>();
    QVERIFY(spec.hasPlan());
    QVERIFY(spec == specOfPlan(expected.plan));
  }

 private:
  QTemporaryDir dir_;
  SmallPair pair_;
};

}  // namespace

std::unique_ptr<QObject> makeAdvisorViewTest() { return std::make_unique<AdvisorViewTest>(); }

#include "advisor_view_test.moc"
