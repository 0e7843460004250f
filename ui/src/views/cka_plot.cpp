#include "ghostlens/ui/views/cka_plot.h"

#include <algorithm>

#include "../qcustomplot_include.h"

namespace ghostlens::ui {

namespace {

QSharedPointer<QCPAxisTickerText> nameTicker(const std::vector<std::string>& names) {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  const int n = static_cast<int>(names.size());
  const int step = std::max(1, n / 30 + 1);  // readable when a model has many layers
  for (int i = 0; i < n; i += step) ticker->addTick(i, QString::fromStdString(names[i]));
  return ticker;
}

}  // namespace

CkaPlot::CkaPlot(QWidget* parent) : PlotPanel(parent) {
  QCustomPlot* p = plot();
  map_ = new QCPColorMap(p->xAxis, p->yAxis);
  auto* scale = new QCPColorScale(p);
  p->plotLayout()->addElement(0, 1, scale);
  scale->setLabel(tr("linear CKA"));
  map_->setColorScale(scale);
  map_->setGradient(QCPColorGradient(QCPColorGradient::gpThermal));
  map_->setDataRange(QCPRange(0, 1));
  map_->setInterpolate(false);
  p->xAxis->setLabel(tr("vanilla layer"));
  p->yAxis->setLabel(tr("ghost layer"));
  p->xAxis->setTickLabelRotation(60);
  auto* group = new QCPMarginGroup(p);
  p->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
}

void CkaPlot::setGrid(const CkaGrid& grid) {
  grid_ = grid;
  const int nx = static_cast<int>(grid.rows.size());
  const int ny = static_cast<int>(grid.cols.size());
  map_->data()->setSize(nx, ny);
  map_->data()->setRange(QCPRange(0, std::max(0, nx - 1)), QCPRange(0, std::max(0, ny - 1)));
  for (int x = 0; x < nx; ++x) {
    for (int y = 0; y < ny; ++y) map_->data()->setCell(x, y, grid.at(x, y));
  }
  QCustomPlot* p = plot();
  p->xAxis->setTicker(nameTicker(grid.rows));
  p->yAxis->setTicker(nameTicker(grid.cols));
  p->xAxis->setRange(-0.5, nx - 0.5);
  p->yAxis->setRange(-0.5, ny - 0.5);
  p->replot();
}

double CkaPlot::drawnValue(int vanillaLayer, int ghostLayer) const {
  return map_->data()->cell(vanillaLayer, ghostLayer);
}

CsvTable CkaPlot::table() const {
  CsvTable t;
  t.header = {"vanilla_layer", "ghost_layer", "cka", "samples"};
  for (std::size_t x = 0; x < grid_.rows.size(); ++x) {
    for (std::size_t y = 0; y < grid_.cols.size(); ++y) {
      t.rows.push_back(
          {grid_.rows[x], grid_.cols[y], csvNumber(grid_.at(x, y)), std::to_string(grid_.samples)});
    }
  }
  return t;
}

}  // namespace ghostlens::ui
