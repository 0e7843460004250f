// The analytic view draws what core's counter gives, and a step of model or width is drawn from
// its cache before the step returns (the time it takes is printed, and measured for the README by
// bench/analytic_view_timing.sh; a limit here would fail by chance on these machines).
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>

#include "ghostlens/counting/complexity.h"
#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/ui/views/analytic_view.h"
#include "views_tests.h"

using namespace ghostlens;
using ui::AnalyticView;
using ui::TradeoffPlot;

namespace {

class AnalyticViewTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void drawsTheCountersCostsAndThePapersRatios() {
    AnalyticView view;
    QSignalSpy updated(&view, &AnalyticView::updated);
    view.setModel(Architecture::Vgg16, 0.5);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy() && updated.count() > 0, 60000);
    const ModelSpec vanilla = view.vanillaSpec();
    QCOMPARE(vanilla.width, 0.5);
    const TradeoffPlot* costS = view.plots()[0];
    const TradeoffPlot* costD = view.plots()[1];
    const TradeoffPlot* ratioS = view.plots()[2];
    QCOMPARE(costS->graphNames(), QStringList({"MACs", "params"}));
    // Every drawn cost equals countComplexity() of that ghost model, built and run.
    const QVector<QPointF> macsS = costS->drawnPoints(0), paramsS = costS->drawnPoints(1);
    QCOMPARE(macsS.size(), 8);
    for (int i = 0; i < macsS.size(); ++i) {
      ModelSpec ghost = vanilla;
      ghost.ratio = i + 1;
      ghost.dw = 3;
      const ComplexityReport counted = countComplexity(ghost);
      QCOMPARE(macsS[i].x(), double(i + 1));
      QCOMPARE(macsS[i].y(), double(counted.macs));
      QCOMPARE(paramsS[i].y(), double(counted.params));
    }
    const QVector<QPointF> macsD = costD->drawnPoints(0);
    QCOMPARE(macsD.size(), 5);
    for (int i = 0; i < macsD.size(); ++i) {
      ModelSpec ghost = vanilla;
      ghost.ratio = 2;
      ghost.dw = 2 * i + 1;
      QCOMPARE(macsD[i].x(), double(ghost.dw));
      QCOMPARE(macsD[i].y(), double(countComplexity(ghost).macs));
    }
    // Ratios: counted speed-up against the paper's eq. 4, and the limit s.
    const ComplexityReport base = countComplexity(vanilla);
    const QVector<QPointF> speedup = ratioS->drawnPoints(0), paper = ratioS->drawnPoints(1),
                           limit = ratioS->drawnPoints(4);
    for (int i = 0; i < speedup.size(); ++i) {
      const GhostCost c = ghostCostFromVanilla(base, i + 1, 3);
      QCOMPARE(speedup[i].y(), c.speedup);
      QCOMPARE(paper[i].y(), c.paperSpeedup);
      QCOMPARE(limit[i].y(), double(i + 1));
    }
    QTemporaryDir dir;
    for (ui::PlotPanel* panel : view.plots()) {
      const auto rows = exportAndCheck(*panel, dir.path());
      QVERIFY(!rows.empty());
      auto* plot = static_cast<TradeoffPlot*>(panel);
      const QVector<QPointF> drawnMacs =
          plot->graphNames().first() == "MACs" ? plot->drawnPoints(0) : QVector<QPointF>();
      const int macs = rows[0].indexOf("macs");
      for (int i = 0; i < drawnMacs.size(); ++i) {
        QCOMPARE(rows[i + 1][macs].toDouble(), drawnMacs[i].y());
      }
    }
  }

  /// A user steps through the model list and the width arrows at a human pace (the background
  /// counts of the neighbouring choices finish between two changes); every such change is drawn
  /// from the cache, before setModel returns. A typed width nobody counted yet needs one count.
  /// The times are printed: bench/analytic_view_timing.sh reads them.
  void stepsAreDrawnFromTheCache() {
    AnalyticView view;
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy updated(&view, &AnalyticView::updated);
    auto settle = [&] {
      QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy() && !view.isPrefetching(), 120000);
    };
    view.setModel(Architecture::GhostNet, 1.0);
    settle();
    struct Choice {
      Architecture arch;
      double width;
    };
    // Each step changes the model or moves the width by one arrow step (0.25).
    const Choice steps[] = {{Architecture::Vgg16, 1.0},     {Architecture::ResNet50, 1.0},
                            {Architecture::ResNet50, 1.25}, {Architecture::ResNet50, 1.5},
                            {Architecture::ResNet56, 1.5},  {Architecture::ResNet56, 1.25},
                            {Architecture::GhostNet, 1.25}, {Architecture::GhostNet, 1.0},
                            {Architecture::GhostNet, 0.75}, {Architecture::Vgg16, 0.75}};
    double worst = 0;
    for (const Choice& c : steps) {
      updated.clear();
      view.setModel(c.arch, c.width);
      QCOMPARE(updated.count(), 1);  // drawn from the cache before setModel returns
      const double ms = updated.last().at(0).toDouble();
      worst = std::max(worst, ms);
      std::printf("analytic view, step to %s width %g: %.2f ms\n", architectureName(c.arch).c_str(),
                  c.width, ms);
      settle();
    }
    std::printf("analytic view, worst step of model or width: %.2f ms\n", worst);
    // Typed widths: one count each off the GUI thread, unless a neighbour's prefetch made it.
    for (const Choice& c : {Choice{Architecture::GhostNet, 1.3}, Choice{Architecture::Vgg16, 1.3},
                            Choice{Architecture::ResNet50, 1.1}}) {
      updated.clear();
      view.setModel(c.arch, c.width);
      QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy() && updated.count() > 0, 60000);
      std::printf("analytic view, typed width %s %g: %.1f ms\n", architectureName(c.arch).c_str(),
                  c.width, updated.last().at(0).toDouble());
      settle();
    }
  }
};

}  // namespace

std::unique_ptr<QObject> makeAnalyticViewTest() { return std::make_unique<AnalyticViewTest>(); }

#include "analytic_view_test.moc"
