#pragma once

#include <QMainWindow>

namespace ghostlens::ui {

class ComplexityJob;
class ComplexityPlot;
class ModelPairBar;
struct ComplexityComparison;

/// GhostLens's main window. For now: the model-pair bar and the per-layer cost of the vanilla
/// and the ghost model, counted by core on a worker thread.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  ModelPairBar* modelPairBar() const { return modelBar_; }
  ComplexityPlot* complexityPlot() const { return plot_; }
  bool isBusy() const;

 Q_SIGNALS:
  /// A result (or an error) has been shown; --screenshot waits for this.
  void viewUpdated();

 private:
  void requestCount();
  void showComparison(const ComplexityComparison& result);
  void showError(const QString& message);

  ModelPairBar* modelBar_;
  ComplexityPlot* plot_;
  ComplexityJob* job_;
};

}  // namespace ghostlens::ui
