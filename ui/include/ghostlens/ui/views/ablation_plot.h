#pragma once

#include <QPointF>
#include <QRect>
#include <QStringList>
#include <QVector>
#include <vector>

#include "ghostlens/store/ablation_series.h"
#include "ghostlens/ui/views/plot_panel.h"

class QCPCurve;
class QCPGraph;
class QCPItemText;
class QMouseEvent;
class QCPLegend;
class QCPAbstractLegendItem;

namespace ghostlens::ui {

/// Test accuracy against MACs or params for the series of one sweep kind: each series' points
/// labelled with their s or d, its Pareto frontier dashed, a tooltip with a point's details, and
/// a click on a legend entry hides or shows the series.
class AblationPlot : public PlotPanel {
  Q_OBJECT
 public:
  enum class Cost { Macs, Params };
  AblationPlot(SweepKind kind, Cost cost, QWidget* parent = nullptr);

  /// Draws the series of this plot's sweep kind (others are ignored); the frontier of each comes
  /// from core's paretoFrontier().
  void setSeries(const std::vector<AblationSeries>& series);

  int seriesCount() const { return static_cast<int>(series_.size()); }
  QString seriesName(int series) const;
  /// What is drawn, in data units: x = MACs or params, y = accuracy in percent.
  QVector<QPointF> drawnPoints(int series) const;
  QStringList drawnLabels(int series) const;
  /// Where each label of a series is drawn (widget coordinates); an empty rectangle for a label
  /// left out because no free place was found next to its point.
  QVector<QRectF> labelRects(int series) const;
  QVector<QPointF> drawnFrontier(int series) const;
  bool isSeriesVisible(int series) const;
  void setSeriesVisible(int series, bool visible);
  /// Where a series' legend entry is, in this widget's coordinates (for a click).
  QRect legendItemRect(int series) const;
  /// Where point `index` of a series is drawn, in this widget's coordinates.
  QPoint pointPosition(int series, int index) const;
  /// The tooltip text for a point under `pos` (widget coordinates), empty when none is near.
  QString toolTipAt(const QPoint& pos) const;

  CsvTable table() const override;
  QString exportName() const override;

 private:
  struct Drawn {
    AblationSeries series;
    QCPCurve* points = nullptr;
    QCPGraph* frontier = nullptr;
    std::vector<QCPItemText*> labels;
  };
  double costOf(const AblationPoint& p) const;
  void onMouseMove(QMouseEvent* event);
  /// Puts each label beside its point where it overlaps no other label and no point: upper
  /// right, upper left, lower right or lower left; hidden when none is free (the point's
  /// tooltip still says it). Runs after every layout, so zooming places them again.
  void placeLabels();
  void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);

  SweepKind kind_;
  Cost cost_;
  std::vector<Drawn> series_;
};

}  // namespace ghostlens::ui
