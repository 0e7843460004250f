// The CKA view draws core's CKA of a checkpoint pair, computed in the background, and cancels.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ghostlens/analysis/cka_grid.h"
#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/session/pair_views.h"
#include "ghostlens/ui/views/cka_view.h"
#include "small_pair.h"
#include "views_tests.h"

using namespace ghostlens;
using ui::CkaView;

namespace {

class CkaViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    const SmallPair pair = writeSmallPair(dir_.path(), 5);
    vanillaPath_ = pair.vanilla;
    ghostPath_ = pair.ghost;
  }

  void drawsCoresCkaOverTheChosenImages() {
    CkaView view;
    view.setSources({ModelSource::file(vanillaPath_.toStdString()),
                     ModelSource::file(ghostPath_.toStdString())});
    view.setImageCount(40);
    QSignalSpy finished(&view, &CkaView::finished);
    view.start();
    QVERIFY(view.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    const CkaGrid expected = pairCka({ModelSource::file(vanillaPath_.toStdString()),
                                      ModelSource::file(ghostPath_.toStdString())},
                                     kFashionMnistDirectory, 40);
    const CkaGrid& drawn = view.plot()->grid();
    QCOMPARE(drawn.samples, int64_t(40));
    QCOMPARE(drawn.rows, expected.rows);
    QCOMPARE(drawn.cols, expected.cols);
    QCOMPARE(int(drawn.rows.size()), 13);
    for (std::size_t x = 0; x < expected.rows.size(); ++x) {
      for (std::size_t y = 0; y < expected.cols.size(); ++y) {
        QVERIFY(qAbs(view.plot()->drawnValue(int(x), int(y)) - expected.at(x, y)) < 1e-9);
      }
    }
    const auto rows = exportAndCheck(*view.plot(), dir_.path());
    QCOMPARE(rows.size(), std::size_t(13 * 13 + 1));
    QCOMPARE(rows[1][2].toDouble(), expected.at(0, 0));
  }

  void cancelLeavesThePlotAsItWas() {
    auto* view = new CkaView;
    view->setSources({ModelSource::file(vanillaPath_.toStdString()),
                      ModelSource::file(ghostPath_.toStdString())});
    view->setImageCount(2000);
    QSignalSpy finished(view, &CkaView::finished);
    view->start();
    view->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    QVERIFY(view->plot()->grid().rows.empty());
    view->start();
    delete view;  // joins the worker
  }

 private:
  QTemporaryDir dir_;
  QString vanillaPath_, ghostPath_;
};

}  // namespace

std::unique_ptr<QObject> makeCkaViewTest() { return std::make_unique<CkaViewTest>(); }

#include "cka_view_test.moc"
