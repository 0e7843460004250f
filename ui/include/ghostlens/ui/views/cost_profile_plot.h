#pragma once

#include "ghostlens/profiling/pair_profile.h"
#include "ghostlens/ui/views/plot_panel.h"

class QCPAxisRect;
class QCPGraph;

namespace ghostlens::ui {

/// Measured cost of two models' layers, side by side: left, each layer's MACs against its
/// measured time (FLOPs are not latency); right, the roofline: each layer's arithmetic intensity
/// (MACs per byte moved) against the rate it reached, under this machine's measured compute roof
/// (a large SGEMM) and memory roof (a large copy).
class CostProfilePlot : public PlotPanel {
  Q_OBJECT
 public:
  explicit CostProfilePlot(QWidget* parent = nullptr);

  void setProfile(const PairProfile& profile);
  const PairProfile& profile() const { return profile_; }

  /// Points drawn for model `side` (0 or 1) in the scatter, for tests.
  int pointCount(int side) const;
  /// The roofline's compute roof (GMAC/s) and the memory roof's slope (GB/s) as drawn.
  double computeRoof() const;
  double memorySlope() const;

  CsvTable table() const override;
  QString exportName() const override { return QStringLiteral("cost-measured"); }

 private:
  QCPAxisRect* scatterRect_;
  QCPAxisRect* rooflineRect_;
  QCPGraph* scatter_[2];
  QCPGraph* roofline_[2];
  QCPGraph* computeRoof_;
  QCPGraph* memoryRoof_;
  PairProfile profile_;
};

}  // namespace ghostlens::ui
