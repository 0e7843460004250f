#pragma once

#include <QPointF>
#include <QStringList>
#include <QVector>

#include "ghostlens/counting/ghost_tradeoff.h"
#include "ghostlens/ui/views/plot_panel.h"

class QCPGraph;

namespace ghostlens::ui {

/// One plot of the analytic view: params and MACs, or the speed-up and compression ratios
/// (measured by the counter against the paper's eqs. 4 and 5), along the s sweep or the d sweep.
class TradeoffPlot : public PlotPanel {
  Q_OBJECT
 public:
  enum class Sweep { Ratio, Kernel };
  enum class Quantity { Cost, Ratios };
  TradeoffPlot(Sweep sweep, Quantity quantity, QWidget* parent = nullptr);

  void setCurves(const TradeoffCurves& curves);

  QStringList graphNames() const;
  /// (s or d, value) of a graph as drawn; cost graphs in MACs and params (not scaled).
  QVector<QPointF> drawnPoints(int graph) const;

  CsvTable table() const override;
  QString exportName() const override;

 private:
  const std::vector<GhostCost>& points() const;
  QCPGraph* addCurve(const QString& name, const QColor& color, bool rightAxis, Qt::PenStyle style);

  Sweep sweep_;
  Quantity quantity_;
  TradeoffCurves curves_;
  std::vector<QCPGraph*> graphs_;
  std::vector<double> scales_;  // what each graph's drawn values were divided by
};

}  // namespace ghostlens::ui
