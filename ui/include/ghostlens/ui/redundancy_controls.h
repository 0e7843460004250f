#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;

namespace ghostlens::ui {

/// Metric, threshold and how maps are coloured.
class RedundancyControls : public QWidget {
  Q_OBJECT
 public:
  explicit RedundancyControls(QWidget* parent = nullptr);

  /// Core's metric name: "cosine", "pearson", "ssim" or "cheapfit".
  QString metric() const;
  void setMetric(const QString& name);
  double threshold() const;
  void setThreshold(double value);
  /// "per-map", "per-layer" or "shared".
  QString colorScale() const;
  void setColorScale(const QString& name);
  /// Core's colormap name ("gray", "viridis", ...).
  QString colormap() const;
  void setColormap(const QString& name);
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
