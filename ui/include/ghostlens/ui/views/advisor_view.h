#pragma once

#include <QString>

#include "ghostlens/analysis/ghost_advice.h"
#include "ghostlens/models/model_spec.h"
#include "ghostlens/ui/views/advisor_plot.h"
#include "ghostlens/ui/views/model_analysis_page.h"

class QComboBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;

namespace ghostlens::ui {

/// The ghost advisor: which layers of the window's vanilla model (the first of the pair) to ghost
/// and with which s and d, from its own maps over a batch of Fashion-MNIST test images, for an R^2
/// target or at the MACs of one uniform s. Shows AdvisorPlot; "Train this plan" hands the plan's
/// spec to the training dialog, "Save plan..." writes the plan file `advise --json` writes.
class AdvisorView : public ModelAnalysisPage {
  Q_OBJECT
 public:
  explicit AdvisorView(QWidget* parent = nullptr);

  QString key() const override { return QStringLiteral("advisor"); }
  QString title() const override;
  /// Plans for the MACs of the model at one s for every layer (d = 3); 0: for the R^2 target.
  void setBudgetRatio(int ratio);
  void setImages(int count);
  AdvisorPlot* plot() const { return plot_; }
  /// The last advice drawn (empty before the first).
  const Advice& advice() const { return advice_; }
  /// The spec of the last plan, for the training dialog.
  ModelSpec planSpec() const;
  /// Writes the last plan as JSON; false (and a status message) when it cannot.
  bool savePlan(const QString& path);

 Q_SIGNALS:
  /// "Train this plan": the plan's model, for the training dialog.
  void trainRequested(const ghostlens::ModelSpec& spec);

 private:
  void launch(const PairSource& models) override;
  QString inputText() const override;

  QSpinBox* images_;
  QComboBox* mode_;
  QDoubleSpinBox* target_;
  QPushButton* train_;
  QPushButton* save_;
  AdvisorPlot* plot_;
  BackgroundTask<Advice>* task_;
  Advice advice_;
};

}  // namespace ghostlens::ui
