#pragma once

#include <QWidget>

#include "ghostlens/analysis/color_types.h"
#include "ghostlens/analysis/metric.h"

class QComboBox;
class QLabel;
class QSlider;

namespace ghostlens::ui {

/// Metric, threshold and how maps are coloured.
class RedundancyControls : public QWidget {
  Q_OBJECT
 public:
  explicit RedundancyControls(QWidget* parent = nullptr);

  Metric metric() const;
  void setMetric(Metric metric);
  double threshold() const;
  void setThreshold(double value);
  ColorScale colorScale() const;
  void setColorScale(ColorScale scale);
  Colormap colormap() const;
  void setColormap(Colormap colormap);
  QSlider* thresholdSlider() const { return threshold_; }

 Q_SIGNALS:
  void metricChanged();
  void thresholdChanged(double value);
  void colorsChanged();

 private:
  QComboBox* metric_;
  QSlider* threshold_;
  QLabel* thresholdText_;
  QComboBox* scale_;
  QComboBox* colormap_;
};

}  // namespace ghostlens::ui
