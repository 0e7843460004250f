#pragma once

#include <QPoint>
#include <QTimer>
#include <memory>
#include <optional>

#include "ghostlens/models/model_spec.h"
#include "ghostlens/session/input_source.h"
#include "ghostlens/ui/explorer_timings.h"
#include "ghostlens/ui/page.h"
#include "ghostlens/ui/side.h"

class QLabel;
class QMimeData;

namespace ghostlens {
struct ExplorerView;
}

namespace ghostlens::ui {

class ExplorerJob;
class ExplorerPresenter;
class GridPairView;
class InputPanel;
class LayerList;
class MapDetailPane;
class PairList;
class RecentFiles;
class RedundancyControls;
class SimilarityHeatmap;

/// The map the user selected (a) and in which grid; b: the partner of a heatmap cell (its row,
/// the source of the fit shown), -1 for a map clicked in a grid.
struct MapSelection {
  Side side = Side::Left;
  int a = -1;
  int b = -1;
};

/// The explorer: the models' feature maps side by side, layer by layer, with redundant pairs
/// framed, each model's top classes, the layer list, the similarity heatmap, the selected map
/// and the input. Models run and layers are analysed by core on a worker (ExplorerJob); the
/// page only shows what core computes.
class ExplorerPage : public Page {
  Q_OBJECT
 public:
  explicit ExplorerPage(QWidget* parent = nullptr);
  ~ExplorerPage() override;

  QString key() const override { return QStringLiteral("explorer"); }
  QString title() const override;
  QList<QAction*> fileActions() override;
  QList<PageDock> docks() const override { return docks_; }
  bool usesModels() const override { return true; }
  void setModels(const PairSource& models) override;
  void cancelWork() override;
  void restoreSettings(const QSettings& settings) override;
  void saveSettings(QSettings& settings) const override;

  /// Shows a layer by name; before the analysis has finished, the layer is shown when it does.
  /// Returns false when an analysis is shown and has no such layer.
  bool selectLayer(const QString& name);
  QString currentLayer() const;
  void setImageInput(const QString& path);
  void setFashionMnistInput(int index);
  void setPastedImage(const QImage& image);
  bool isBusy() const;
  /// Selects map `channel` of a grid, or with `partner` the pair a heatmap click does: cell
  /// (partner, channel), whose cheap-op fit of `channel` from `partner` the detail pane shows.
  void selectMap(Side side, int channel, int partner = -1);
  /// What a drop of `mime` at `position` (page coordinates) does: an image becomes the input;
  /// any other file is weights, for the right model when dropped on the right half of the grids.
  void dropFiles(const QMimeData& mime, const QPoint& position);

  RedundancyControls* controls() const { return controls_; }
  GridPairView* grids() const { return grids_; }
  SimilarityHeatmap* heatmap() const { return heatmap_; }
  LayerList* layerList() const { return layers_; }
  MapDetailPane* detailPane() const { return detail_; }
  PairList* pairList() const { return pairs_; }
  InputPanel* inputPanel() const { return input_; }
  MapSelection selection() const { return selection_; }
  /// The last error shown (empty after a success).
  QString lastError() const { return lastError_; }
  const ExplorerTimings& timings() const { return timings_; }
  /// Both grids with their frames as one PNG (explorer_export.cpp).
  bool exportGrids(const QString& path);
  /// The similarity matrix shown in the heatmap as CSV (explorer_export.cpp).
  bool exportSimilarityCsv(const QString& path);

 Q_SIGNALS:
  /// An analysis finished and every grid is drawn.
  void analysisFinished();
  void analysisFailed(const QString& message);
  /// A result or an error has been shown; --screenshot waits for this.
  void viewUpdated();
  /// The models of a finished analysis: their specs (right = left without a second model) and
  /// what was inferred of each file ("resnet50 width 1 vanilla (pytorch-zip)").
  void modelsLoaded(const ghostlens::ModelSpec& left, const ghostlens::ModelSpec& right,
                    const QString& leftText, const QString& rightText, bool paired);
  /// The input of a finished analysis (every time; receivers skip repeats) and its one line.
  void inputShown(const ghostlens::InputSource& input, const QString& description);
  /// Weights were dropped on the page, or chosen in its File menu.
  void weightsChosen(ghostlens::ui::Side side, const QString& path);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildDocks();
  void scheduleAnalysis();
  void runAnalysis();
  void showAnalysis(std::shared_ptr<const ExplorerView> data);
  void onAnalysisDone(std::shared_ptr<const ExplorerView> data);
  void onAnalysisFailed(const QString& message);
  void showPredictions();
  void showLayer(const QString& name);
  void drawGrids();
  void applyHighlights();
  void onThresholdChanged();
  /// A row of the pair list: selects b with its fit from a, and scrolls both into view.
  void showPair(Side side, int a, int b);
  void onHeatmapCell(int row, int column);
  /// Selects `target` with its fit from `source` in one model, scrolls both into view and
  /// writes the pair's score (source -> target) in the status bar.
  void showOrderedPair(Side side, int source, int target);
  /// The model whose matrix the heatmap shows (and exports).
  Side shownSide() const;
  void showHeatmap();
  void showError(const QString& message);

  RedundancyControls* controls_;
  GridPairView* grids_;
  SimilarityHeatmap* heatmap_;
  LayerList* layers_;
  MapDetailPane* detail_;
  PairList* pairs_;
  InputPanel* input_;
  QLabel* banner_;
  QList<PageDock> docks_;
  QList<QAction*> fileActions_;
  RecentFiles* recent_ = nullptr;
  ExplorerJob* job_;
  std::unique_ptr<ExplorerPresenter> presenter_;

  PairSource models_;
  std::optional<PairSource> loadedModels_;  ///< the models of the analysis on screen
  InputSource request_;                     ///< the input asked for
  InputSource lastGood_;                    ///< the input of the analysis on screen
  QString pendingLayer_;
  int layer_ = -1;
  QPoint heatmapAt_{-1, -1};  ///< first (target, source) map of the heatmap's window; -1: overview
  QString heatmapLayer_;      ///< the layer heatmapAt_ belongs to
  MapSelection selection_;
  QString lastError_;
  bool scheduled_ = false;
  QTimer busySign_;
  ExplorerTimings timings_;
};

}  // namespace ghostlens::ui
