#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <memory>

#include "ghostlens/session/input_source.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace ghostlens::ui {

class ComplexityJob;
class ComplexityPlot;
class ExplorerJob;
class ExplorerPresenter;
class GridPairView;
class InputPanel;
class LayerList;
class MapDetailPane;
class ModelPairBar;
class RecentFiles;
class RedundancyControls;
class SimilarityHeatmap;
struct ComplexityComparison;
struct ExplorerData;

/// The map or pair the user selected: in which grid, and its channels (b = -1 for one map).
struct MapSelection {
  bool ghost = false;
  int a = -1;
  int b = -1;
};

/// GhostLens's main window, the explorer: two models side by side (a vanilla and a ghost one,
/// or any two weights files, or one), layer by layer, with redundant feature maps highlighted and
/// each model's top classes. Models run and layers are analysed by core on a worker thread; the
/// window only shows what core computes.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  /// @param useSettings restore and save QSettings (off for --screenshot and tests that need a
  ///        known start)
  explicit MainWindow(QWidget* parent = nullptr, bool useSettings = true);
  ~MainWindow() override;

  /// Shows a layer by name; before the analysis has finished, the layer is shown when it does.
  /// Returns false when an analysis is shown and has no such layer.
  bool selectLayer(const QString& name);
  QString currentLayer() const;
  void setImageInput(const QString& path);
  void setFashionMnistInput(int index);
  void setPastedImage(const QImage& image);
  /// Weights from a file for the left (first) or right (second) model.
  void setWeightsFile(bool right, const QString& path);
  void cancelAnalysis();
  bool isBusy() const;

  /// Adds a page next to the explorer (the analysis views use this).
  void addViewTab(QWidget* view, const QString& title);
  QTabWidget* tabs() const { return tabs_; }

  ModelPairBar* modelPairBar() const { return modelBar_; }
  ComplexityPlot* complexityPlot() const { return plot_; }
  RedundancyControls* controls() const { return controls_; }
  GridPairView* grids() const { return grids_; }
  SimilarityHeatmap* heatmap() const { return heatmap_; }
  LayerList* layerList() const { return layers_; }
  MapDetailPane* detailPane() const { return detail_; }
  InputPanel* inputPanel() const { return input_; }
  MapSelection selection() const { return selection_; }
  /// Selects map `channel` of a grid, or the pair (channel, partner) as a heatmap click does.
  void selectMap(bool ghost, int channel, int partner = -1);
  /// LibTorch intra-op threads the last analysis ran with.
  int lastAnalysisThreads() const { return threads_; }
  /// The last error shown to the user (empty after a success).
  QString lastError() const { return lastError_; }

  /// Milliseconds from choosing an input to both grids drawn, for the last analysis.
  double lastInputToGridsMs() const { return inputToGridsMs_; }
  /// Milliseconds from a threshold change to the highlights redrawn, for the last change.
  double lastThresholdRedrawMs() const { return thresholdRedrawMs_; }

  /// Both grids with their frames as one PNG.
  bool exportGrids(const QString& path);
  /// The similarity matrix shown in the heatmap as CSV.
  bool exportSimilarityCsv(const QString& path);

 Q_SIGNALS:
  /// An analysis finished and every grid is drawn.
  void analysisFinished();
  void analysisFailed(const QString& message);
  /// A result or an error has been shown; --screenshot waits for this.
  void viewUpdated();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void buildDocks();
  void restoreSettings();
  void saveSettings() const;
  void scheduleAnalysis();
  void runAnalysis();
  void onAnalysisDone(std::shared_ptr<const ExplorerData> data);
  /// Shows an analysis (the first layer alone, or all of them).
  void showAnalysis(std::shared_ptr<const ExplorerData> data);
  void showPredictions();
  void onAnalysisFailed(const QString& message);
  void onProgress(int done, int total);
  void showLayer(const QString& name);
  void drawGrids();
  void applyHighlights();
  void onThresholdChanged();
  void onMapClicked(bool ghost, int channel);
  void onHeatmapCell(int row, int column);
  void showHeatmap();
  void showError(const QString& message);
  void requestCount();
  void showComparison(const ComplexityComparison& result);
  void setBusy(bool busy);

  bool useSettings_;
  ModelPairBar* modelBar_;
  RedundancyControls* controls_;
  GridPairView* grids_;
  SimilarityHeatmap* heatmap_;
  LayerList* layers_;
  MapDetailPane* detail_;
  InputPanel* input_;
  ComplexityPlot* plot_;
  QTabWidget* tabs_;
  QLabel* banner_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  RecentFiles* recent_ = nullptr;
  ComplexityJob* job_;
  ExplorerJob* explorer_;
  std::unique_ptr<ExplorerPresenter> presenter_;

  InputSource request_;   ///< the input asked for
  InputSource lastGood_;  ///< the input of the analysis on screen
  QString pendingLayer_;
  int layer_ = -1;
  MapSelection selection_;
  QString lastError_;
  bool scheduled_ = false;
  QElapsedTimer inputTimer_;
  double inputToGridsMs_ = 0;
  bool gridsTimed_ = false;  ///< the grids of the running request have been drawn
  double thresholdRedrawMs_ = 0;
  int threads_ = 0;
};

}  // namespace ghostlens::ui
