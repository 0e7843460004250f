#pragma once

#include <QPoint>
#include <QPointF>
#include <QString>
#include <QVector>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/ui/side.h"
#include "ghostlens/ui/views/plot_panel.h"

class QCPGraph;
class QCPBars;
class QCPAxisRect;
class QCPAbstractPlottable;
class QMouseEvent;

namespace ghostlens::ui {

/// Redundancy, effective rank and implied ratio of the vanilla and the ghost model against the
/// layer index, in three stacked panels over a fourth with each layer's MACs as bars. Clicking a
/// point or bar emits layerClicked() with the layer's name.
class DepthPlot : public PlotPanel {
  Q_OBJECT
 public:
  /// The measures drawn, top to bottom.
  enum Measure { Redundancy = 0, EffectiveRank = 1, ImpliedRatio = 2, Macs = 3 };
  explicit DepthPlot(QWidget* parent = nullptr);

  void setProfile(const DepthProfile& profile);
  const DepthProfile& profile() const { return profile_; }

  /// (layer index, value) as drawn for a measure of one model.
  QVector<QPointF> drawnPoints(Measure measure, Side side) const;
  /// Where the vanilla point of `measure` at `layer` is, in canvas() pixels.
  QPoint pointPosition(Measure measure, int layer) const;

  CsvTable table() const override;
  QString exportName() const override { return QStringLiteral("depth"); }

 Q_SIGNALS:
  void layerClicked(const QString& name);

 private:
  void onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent* event);

  DepthProfile profile_;
  QCPAxisRect* rects_[4];
  QCPGraph* graphs_[3][2];  // [measure][0 left, 1 right]
  QCPBars* bars_[2];
};

}  // namespace ghostlens::ui
