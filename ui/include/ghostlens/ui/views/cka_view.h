#pragma once

#include <QString>

#include "ghostlens/analysis/cka_grid.h"
#include "ghostlens/ui/views/cka_plot.h"
#include "ghostlens/ui/views/model_analysis_page.h"

class QSpinBox;

namespace ghostlens::ui {

/// The CKA view: linear CKA between every layer of the window's two models (of one model with
/// itself) over the first N Fashion-MNIST test images, N chosen here, computed off the GUI
/// thread with progress and cancel.
class CkaView : public ModelAnalysisPage {
  Q_OBJECT
 public:
  explicit CkaView(QWidget* parent = nullptr);

  QString key() const override { return QStringLiteral("cka"); }
  QString title() const override;
  void setSources(const PairSource& sources) { setModels(sources); }
  void setImageCount(int count);
  CkaPlot* plot() const { return plot_; }

 private:
  void launch(const PairSource& models) override;
  QString inputText() const override;

  QSpinBox* count_;
  CkaPlot* plot_;
  BackgroundTask<CkaGrid>* task_;
};

}  // namespace ghostlens::ui
