#pragma once

#include "ghostlens/analysis/ghost_advice.h"
#include "ghostlens/ui/views/plot_panel.h"

class QCPAbstractPlottable;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QMouseEvent;

namespace ghostlens::ui {

/// The advisor's three panels: the plan's s per layer (bars; no bar where the maps are too small
/// to compare), the mean R^2 against k intrinsic maps of the selected layer (one curve per d,
/// the plan's k and the target marked), and the plan's MACs and params against the model at one
/// s for every layer.
class AdvisorPlot : public PlotPanel {
  Q_OBJECT
 public:
  explicit AdvisorPlot(QWidget* parent = nullptr);

  void setAdvice(const Advice& advice, double target);
  /// Shows the R^2 curves of layer `index` of the advice.
  void selectLayer(int index);
  int selectedLayer() const { return selected_; }
  /// Curves drawn in the R^2 panel (one per d of a comparable layer).
  int curveCount() const;
  /// Bars drawn in the s panel.
  int barCount() const;

  CsvTable table() const override;
  QString exportName() const override { return QStringLiteral("advisor"); }

 Q_SIGNALS:
  void layerClicked(int index);

 private:
  void onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent* event);

  Advice advice_;
  double target_ = 0;
  int selected_ = -1;
  QCPAxisRect* rects_[3] = {nullptr, nullptr, nullptr};
  QCPBars* bars_ = nullptr;
  QCPBars* selectedBar_ = nullptr;
  QCPGraph* uniform_ = nullptr;
  QCPGraph* planPoint_ = nullptr;
  QCPItemStraightLine* targetLine_ = nullptr;
  QCPItemStraightLine* kLine_ = nullptr;
};

}  // namespace ghostlens::ui
