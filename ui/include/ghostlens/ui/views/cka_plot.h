#pragma once

#include "ghostlens/analysis/cka_grid.h"
#include "ghostlens/ui/views/plot_panel.h"

class QCPColorMap;

namespace ghostlens::ui {

/// Linear CKA between every vanilla layer (x) and every ghost layer (y) as a heatmap in [0, 1].
class CkaPlot : public PlotPanel {
  Q_OBJECT
 public:
  explicit CkaPlot(QWidget* parent = nullptr);

  void setGrid(const CkaGrid& grid);
  const CkaGrid& grid() const { return grid_; }
  /// The value the heatmap holds at (vanilla layer, ghost layer).
  double drawnValue(int vanillaLayer, int ghostLayer) const;

  CsvTable table() const override;
  QString exportName() const override { return QStringLiteral("cka"); }

 private:
  CkaGrid grid_;
  QCPColorMap* map_;
};

}  // namespace ghostlens::ui
