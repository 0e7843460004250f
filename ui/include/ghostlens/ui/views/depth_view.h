#pragma once

#include <QString>
#include <optional>

#include "ghostlens/analysis/depth_layer.h"
#include "ghostlens/ui/views/depth_plot.h"
#include "ghostlens/ui/views/model_analysis_page.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ghostlens::ui {

/// The depth view: the window's models (by default the shipped trained pair) run on one input,
/// analysed layer by layer off the GUI thread, drawn by DepthPlot. The input is the explorer's
/// (by default, so that both pages speak of the same picture) or a Fashion-MNIST test image.
class DepthView : public ModelAnalysisPage {
  Q_OBJECT
 public:
  explicit DepthView(QWidget* parent = nullptr);

  QString key() const override { return QStringLiteral("depth"); }
  QString title() const override;
  /// The models to compare (setModels() with a name a test reads better).
  void setSources(const PairSource& sources) { setModels(sources); }
  /// Uses Fashion-MNIST test image `index` instead of the explorer's input.
  void setImageIndex(int index);
  void setInput(const InputSource& input, const QString& description) override;
  /// Whether the explorer's input is analysed (else the chosen Fashion-MNIST image or batch).
  bool followsExplorer() const;
  /// Measures over the first `count` Fashion-MNIST test images: means, with their spread.
  void setBatch(int count);
  /// Images of the batch when one is chosen, else 0.
  int batchImages() const;
  double threshold() const;
  DepthPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void layerClicked(const QString& name);

 private:
  void launch(const PairSource& models) override;
  QString inputText() const override;

  /// The input of launch(): the explorer's, or the chosen test image.
  InputSource input() const;

  QComboBox* source_;
  QSpinBox* image_;
  QSpinBox* batch_;
  std::optional<InputSource> explorerInput_;
  QString explorerText_;
  QComboBox* metric_;
  QDoubleSpinBox* threshold_;
  DepthPlot* plot_;
  BackgroundTask<DepthProfile>* task_;
};

}  // namespace ghostlens::ui
