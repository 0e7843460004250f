// The depth view draws core's depth profile of a checkpoint pair, and a click names a layer.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/ui/views/depth_view.h"
#include "small_pair.h"
#include "views_tests.h"

using namespace ghostlens;
using ui::DepthPlot;
using ui::DepthView;
using ui::Side;

namespace {

class DepthViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    const SmallPair pair = writeSmallPair(dir_.path(), 11);
    vanillaPath_ = pair.vanilla;
    ghostPath_ = pair.ghost;
  }

  void drawsCoresProfileAndClicksNameLayers() {
    DepthView view;
    view.resize(1200, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSources({ModelSource::file(vanillaPath_.toStdString()),
                     ModelSource::file(ghostPath_.toStdString())});
    view.setImageIndex(5);
    QSignalSpy finished(&view, &DepthView::finished);
    QSignalSpy progress(&view, &DepthView::progressChanged);
    view.start();
    QVERIFY(view.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY(progress.count() > 0);

    // The same analysis, by core directly (its own test checks it against depthProfile()).
    const DepthProfile expected =
        pairDepthProfile({ModelSource::file(vanillaPath_.toStdString()),
                          ModelSource::file(ghostPath_.toStdString())},
                         InputSource::fashionMnist(5, kFashionMnistDirectory), Metric::Cosine, 0.9);
    QCOMPARE(int(expected.layers.size()), 13);
    DepthPlot* plot = view.plot();
    for (const Side side : {Side::Left, Side::Right}) {
      const bool g = side == Side::Right;
      const auto redundancy = plot->drawnPoints(DepthPlot::Redundancy, side);
      const auto rank = plot->drawnPoints(DepthPlot::EffectiveRank, side);
      const auto implied = plot->drawnPoints(DepthPlot::ImpliedRatio, side);
      const auto macs = plot->drawnPoints(DepthPlot::Macs, side);
      QCOMPARE(redundancy.size(), 13);
      for (int i = 0; i < 13; ++i) {
        const DepthLayer& l = expected.layers[i];
        QCOMPARE(redundancy[i].x(), double(i));
        QCOMPARE(redundancy[i].y(), g ? l.ghostRedundancy : l.vanillaRedundancy);
        QCOMPARE(rank[i].y(), g ? l.ghostEffectiveRank : l.vanillaEffectiveRank);
        QCOMPARE(implied[i].y(), g ? l.ghostImpliedRatio : l.vanillaImpliedRatio);
        QVERIFY(qAbs(macs[i].y() - double(g ? l.ghostMacs : l.vanillaMacs)) < 1e-3);
      }
    }

    QSignalSpy clicked(&view, &DepthView::layerClicked);
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, {},
                      plot->pointPosition(DepthPlot::EffectiveRank, 4));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toString(), QString::fromStdString(expected.layers[4].name));

    const auto rows = exportAndCheck(*plot, dir_.path());
    QCOMPARE(int(rows.size()), 14);
    const int column = rows[0].indexOf("ghost_effective_rank");
    for (int i = 0; i < 13; ++i) {
      QCOMPARE(rows[i + 1][1], QString::fromStdString(expected.layers[i].name));
      QCOMPARE(rows[i + 1][column].toDouble(), expected.layers[i].ghostEffectiveRank);
    }
  }

  void cancelKeepsThePreviousPlotAndDestructionWaits() {
    auto* view = new DepthView;
    view->setSources({ModelSource::file(vanillaPath_.toStdString()),
                      ModelSource::file(ghostPath_.toStdString())});
    QSignalSpy finished(view, &DepthView::finished);
    view->start();
    view->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
    QVERIFY(view->plot()->profile().layers.empty());
    view->start();
    delete view;  // cancels and joins the worker
  }

 private:
  QTemporaryDir dir_;
  QString vanillaPath_, ghostPath_;
};

}  // namespace

std::unique_ptr<QObject> makeDepthViewTest() { return std::make_unique<DepthViewTest>(); }

#include "depth_view_test.moc"
