#pragma once

#include <QString>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/ui/views/depth_plot.h"
#include "ghostlens/ui/views/model_analysis_page.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ghostlens::ui {

/// The depth view: the window's models (by default the shipped trained pair) run on one
/// Fashion-MNIST test image, analysed layer by layer off the GUI thread, drawn by DepthPlot.
class DepthView : public ModelAnalysisPage {
  Q_OBJECT
 public:
  explicit DepthView(QWidget* parent = nullptr);

  QString key() const override { return QStringLiteral("depth"); }
  QString title() const override;
  /// The models to compare (setModels() with a name a test reads better).
  void setSources(const PairSource& sources) { setModels(sources); }
  void setImageIndex(int index);
  void setDataDirectory(const QString& directory);
  DepthPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void layerClicked(const QString& name);

 private:
  void launch(const PairSource& models) override;
  QString inputText() const override;

  QString dataDirectory_;
  QSpinBox* image_;
  QComboBox* metric_;
  QDoubleSpinBox* threshold_;
  DepthPlot* plot_;
  BackgroundTask<DepthProfile>* task_;
};

}  // namespace ghostlens::ui
