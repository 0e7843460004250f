#include "ghostlens/ui/views/tradeoff_plot.h"

#include <algorithm>

#include "../qcustomplot_include.h"

namespace ghostlens::ui {

TradeoffPlot::TradeoffPlot(Sweep sweep, Quantity quantity, QWidget* parent)
    : PlotPanel(parent), sweep_(sweep), quantity_(quantity) {
  QCustomPlot* p = plot();
  const QString x = sweep == Sweep::Ratio ? tr("ratio s (d = 3)") : tr("cheap kernel d (s = 2)");
  p->xAxis->setLabel(x);
  p->legend->setVisible(true);
  p->legend->setFont(QFont(font().family(), 7));
  placeLegendBelow(3);
  if (quantity == Quantity::Cost) {
    p->yAxis->setLabel(tr("MACs (millions)"));
    p->yAxis2->setVisible(true);
    p->yAxis2->setLabel(tr("params (millions)"));
    addCurve(tr("MACs"), QColor(40, 90, 180), false, Qt::SolidLine);
    addCurve(tr("params"), QColor(230, 120, 40), true, Qt::SolidLine);
  } else {
    p->yAxis->setLabel(tr("ratio to the vanilla model"));
    addCurve(tr("speed-up, counted"), QColor(40, 90, 180), false, Qt::SolidLine);
    addCurve(tr("speed-up, paper eq. 4"), QColor(40, 90, 180), false, Qt::DashLine);
    addCurve(tr("compression, counted"), QColor(230, 120, 40), false, Qt::SolidLine);
    addCurve(tr("compression, paper eq. 5"), QColor(230, 120, 40), false, Qt::DashLine);
    addCurve(tr("s (the paper's limit)"), QColor(120, 120, 120), false, Qt::DotLine);
  }
  const QString title =
      (quantity == Quantity::Cost ? tr("Params and MACs") : tr("Speed-up and compression")) +
      (sweep == Sweep::Ratio ? tr(" against s") : tr(" against d"));
  p->plotLayout()->insertRow(0);
  p->plotLayout()->addElement(
      0, 0, new QCPTextElement(p, title, QFont(font().family(), 10, QFont::Bold)));
}

QCPGraph* TradeoffPlot::addCurve(const QString& name, const QColor& color, bool rightAxis,
                                 Qt::PenStyle style) {
  QCustomPlot* p = plot();
  QCPGraph* graph = p->addGraph(p->xAxis, rightAxis ? p->yAxis2 : p->yAxis);
  graph->setName(name);
  QPen pen(color, 2);
  pen.setStyle(style);
  graph->setPen(pen);
  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  graphs_.push_back(graph);
  scales_.push_back(quantity_ == Quantity::Cost ? 1e6 : 1.0);
  return graph;
}

const std::vector<GhostCost>& TradeoffPlot::points() const {
  return sweep_ == Sweep::Ratio ? curves_.ratioSweep : curves_.kernelSweep;
}

void TradeoffPlot::setCurves(const TradeoffCurves& curves) {
  curves_ = curves;
  for (QCPGraph* graph : graphs_) graph->data()->clear();
  double xMax = 1, y1Max = 0, y2Max = 0;
  for (const GhostCost& c : points()) {
    const double x = static_cast<double>(sweep_ == Sweep::Ratio ? c.ratio : c.dw);
    xMax = std::max(xMax, x);
    std::vector<double> values;
    if (quantity_ == Quantity::Cost) {
      values = {static_cast<double>(c.macs), static_cast<double>(c.params)};
    } else {
      values = {c.speedup, c.paperSpeedup, c.compression, c.paperCompression,
                static_cast<double>(c.ratio)};
    }
    for (std::size_t g = 0; g < graphs_.size(); ++g) {
      const double y = values[g] / scales_[g];
      graphs_[g]->addData(x, y);
      (g == 1 && quantity_ == Quantity::Cost ? y2Max : y1Max) =
          std::max(g == 1 && quantity_ == Quantity::Cost ? y2Max : y1Max, y);
    }
  }
  QCustomPlot* p = plot();
  p->xAxis->setRange(0.5, xMax + 0.5);
  p->yAxis->setRange(0, y1Max > 0 ? y1Max * 1.1 : 1);
  p->yAxis2->setRange(0, y2Max > 0 ? y2Max * 1.1 : 1);
  p->replot();
}

QStringList TradeoffPlot::graphNames() const {
  QStringList names;
  for (const QCPGraph* graph : graphs_) names << graph->name();
  return names;
}

QVector<QPointF> TradeoffPlot::drawnPoints(int graph) const {
  QVector<QPointF> drawn;
  const QCPGraph* g = graphs_.at(graph);
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
    drawn.push_back(QPointF(it->key, it->value * scales_[graph]));
  }
  return drawn;
}

CsvTable TradeoffPlot::table() const {
  CsvTable t;
  t.header = {
      "s", "d", "params", "macs", "speedup", "paper_speedup", "compression", "paper_compression"};
  for (const GhostCost& c : points()) {
    t.rows.push_back({std::to_string(c.ratio), std::to_string(c.dw), std::to_string(c.params),
                      std::to_string(c.macs), csvNumber(c.speedup), csvNumber(c.paperSpeedup),
                      csvNumber(c.compression), csvNumber(c.paperCompression)});
  }
  return t;
}

QString TradeoffPlot::exportName() const {
  return QStringLiteral("analytic-%1-%2")
      .arg(quantity_ == Quantity::Cost ? "cost" : "ratios", sweep_ == Sweep::Ratio ? "s" : "d");
}

}  // namespace ghostlens::ui
