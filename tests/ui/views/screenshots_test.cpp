// Renders each analysis view to a PNG for the README when GHOSTLENS_SCREENSHOTS names a folder:
//   GHOSTLENS_SCREENSHOTS=docs QT_QPA_PLATFORM=offscreen ghostlens_views_tests screenshots
// Without the variable every case is skipped.
#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/ui/views/ablation_view.h"
#include "ghostlens/ui/views/analytic_view.h"
#include "ghostlens/ui/views/cka_view.h"
#include "ghostlens/ui/views/depth_view.h"
#include "views_tests.h"

using namespace ghostlens;

namespace {

class ScreenshotsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() {
    dir_ = qEnvironmentVariable("GHOSTLENS_SCREENSHOTS");
    if (dir_.isEmpty()) QSKIP("GHOSTLENS_SCREENSHOTS is not set");
    QVERIFY(QDir().mkpath(dir_));
  }

  void ablation() {
    ui::AblationView view;
    view.reload();  // the paper's data file and, once trained, the shipped sweep
    save(view, "ablation-view.png");
  }

  void analytic() {
    ui::AnalyticView view;
    QSignalSpy updated(&view, &ui::AnalyticView::updated);
    view.setModel(Architecture::GhostNet, 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy() && updated.count() > 0, 60000);
    save(view, "analytic-view.png");
  }

  void depth() {
    try {
      shippedPair();
    } catch (const std::runtime_error& e) {
      QSKIP(e.what());
    }
    ui::DepthView view;
    QSignalSpy finished(&view, &ui::DepthView::finished);
    view.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    save(view, "depth-view.png");
  }

  void cka() {
    try {
      shippedPair();
    } catch (const std::runtime_error& e) {
      QSKIP(e.what());
    }
    ui::CkaView view;
    view.setImageCount(256);
    QSignalSpy finished(&view, &ui::CkaView::finished);
    view.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 300000);
    save(view, "cka-view.png");
  }

 private:
  void save(QWidget& view, const QString& name) {
    view.resize(1400, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(100);  // let the plots replot at their final size
    const QString path = QDir(dir_).filePath(name);
    QVERIFY2(view.grab().save(path, "PNG"), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
  }

  QString dir_;
};

}  // namespace

std::unique_ptr<QObject> makeScreenshotsTest() { return std::make_unique<ScreenshotsTest>(); }

#include "screenshots_test.moc"
