#include "ghostlens/ui/main_window.h"

#include <QAction>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QImageReader>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "explorer_presenter.h"
#include "ghostlens/ui/complexity_job.h"
#include "ghostlens/ui/complexity_plot.h"
#include "ghostlens/ui/explorer_job.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/input_panel.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/map_detail_pane.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/recent_files.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/similarity_heatmap.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

namespace {
constexpr int kTopK = 8;

QString millions(int64_t value) {
  return QString::number(static_cast<double>(value) / 1e6, 'f', 2) + "M";
}

QString pairCount(int n) {
  return n == 1 ? QObject::tr("1 highlighted pair") : QObject::tr("%1 highlighted pairs").arg(n);
}

/// "Vanilla (s = 1)" or "Ghost (s = 2, d = 3)", with the architecture.
QString modelTitle(const ModelSpec& spec) {
  const QString arch = QString::fromStdString(architectureName(spec.arch));
  if (spec.isVanilla()) return QObject::tr("Vanilla %1 (s = 1)").arg(arch);
  return QObject::tr("Ghost %1 (s = %2, d = %3)").arg(arch).arg(spec.ratio).arg(spec.dw);
}
}  // namespace

MainWindow::MainWindow(QWidget* parent, bool useSettings)
    : QMainWindow(parent),
      useSettings_(useSettings),
      modelBar_(new ModelPairBar(this)),
      controls_(new RedundancyControls(this)),
      grids_(new GridPairView(this)),
      heatmap_(new SimilarityHeatmap(this)),
      layers_(new LayerList(this)),
      detail_(new MapDetailPane(this)),
      input_(new InputPanel(this)),
      plot_(new ComplexityPlot(this)),
      tabs_(new QTabWidget(this)),
      banner_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      job_(new ComplexityJob(this)),
      explorer_(new ExplorerJob(this)),
      presenter_(std::make_unique<ExplorerPresenter>()) {
  setWindowTitle(tr("GhostLens explorer"));
  setAcceptDrops(true);
  auto* toolbar = addToolBar(tr("Model pair"));
  toolbar->setObjectName("modelPairToolBar");
  toolbar->setMovable(false);
  toolbar->addWidget(modelBar_);

  banner_->setStyleSheet("QLabel { background: #fde2e1; color: #8a1c14; padding: 4px; }");
  banner_->setWordWrap(true);
  banner_->hide();
  auto* explorer = new QWidget(this);
  auto* layout = new QVBoxLayout(explorer);
  layout->addWidget(controls_);
  layout->addWidget(banner_);
  layout->addWidget(grids_, 1);
  tabs_->addTab(explorer, tr("Explorer"));
  tabs_->addTab(plot_, tr("Cost per layer (MACs)"));
  setCentralWidget(tabs_);
  buildDocks();
  buildMenus();

  progress_->setMaximumWidth(180);
  progress_->hide();
  cancel_->hide();
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  resize(1400, 860);

  connect(cancel_, &QPushButton::clicked, this, &MainWindow::cancelAnalysis);
  connect(modelBar_, &ModelPairBar::specChanged, this, &MainWindow::requestCount);
  connect(modelBar_, &ModelPairBar::pairChanged, this, &MainWindow::scheduleAnalysis);
  connect(job_, &ComplexityJob::finished, this, &MainWindow::showComparison);
  connect(job_, &ComplexityJob::failed, this, [this](const QString& m) { showError(m); });
  connect(explorer_, &ExplorerJob::progress, this, &MainWindow::onProgress);
  connect(explorer_, &ExplorerJob::ready, this, &MainWindow::showAnalysis);
  connect(explorer_, &ExplorerJob::finished, this, &MainWindow::onAnalysisDone);
  connect(explorer_, &ExplorerJob::failed, this, &MainWindow::onAnalysisFailed);
  connect(explorer_, &ExplorerJob::cancelled, this, [this] {
    setBusy(false);
    statusBar()->showMessage(tr("Analysis cancelled"));
    Q_EMIT viewUpdated();
  });
  connect(controls_, &RedundancyControls::metricChanged, this, &MainWindow::scheduleAnalysis);
  connect(controls_, &RedundancyControls::thresholdChanged, this, &MainWindow::onThresholdChanged);
  connect(controls_, &RedundancyControls::colorsChanged, this, &MainWindow::drawGrids);
  connect(layers_, &LayerList::layerChosen, this, &MainWindow::showLayer);
  connect(grids_, &GridPairView::mapClicked, this, &MainWindow::onMapClicked);
  connect(heatmap_, &SimilarityHeatmap::cellClicked, this, &MainWindow::onHeatmapCell);
  connect(heatmap_, &SimilarityHeatmap::modelChanged, this, &MainWindow::showHeatmap);
  connect(detail_, &MapDetailPane::similarChosen, this, [this](int channel) {
    if (selection_.a >= 0) onHeatmapCell(selection_.a, channel);
  });
  connect(input_, &InputPanel::imageFileChosen, this, &MainWindow::setImageInput);
  connect(input_, &InputPanel::fashionMnistChosen, this, &MainWindow::setFashionMnistInput);
  connect(input_, &InputPanel::imagePasted, this, &MainWindow::setPastedImage);
  connect(input_, &InputPanel::failed, this, [this](const QString& m) { showError(m); });

  if (useSettings_) restoreSettings();
  input_->loadBrowser();
  requestCount();
  scheduleAnalysis();
}

MainWindow::~MainWindow() {
  if (useSettings_) saveSettings();
  // The worker may still run a model: cancel it and wait here, while the window is whole.
  delete explorer_;
  explorer_ = nullptr;
}

void MainWindow::buildDocks() {
  auto dock = [this](QWidget* content, const QString& title, const char* name,
                     Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(content);
    addDockWidget(area, d);
    return d;
  };
  dock(input_, tr("Input"), "inputDock", Qt::LeftDockWidgetArea);
  dock(layers_, tr("Layers (redundancy)"), "layersDock", Qt::LeftDockWidgetArea);
  dock(heatmap_, tr("Similarity matrix"), "heatmapDock", Qt::RightDockWidgetArea);
  dock(detail_, tr("Selected map"), "detailDock", Qt::RightDockWidgetArea);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  auto add = [file](const QString& text, const QKeySequence& keys = {}) {
    QAction* action = file->addAction(text);
    action->setShortcut(keys);
    return action;
  };
  connect(add(tr("Open image..."), QKeySequence::Open), &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an image"));
    if (!path.isEmpty()) setImageInput(path);
  });
  connect(add(tr("Paste image"), QKeySequence::Paste), &QAction::triggered, input_,
          &InputPanel::paste);
  recent_ =
      new RecentFiles(file->addMenu(tr("Recent images")), QStringLiteral("recentFiles"), this);
  file->addSeparator();
  for (const bool right : {false, true}) {
    connect(add(right ? tr("Open weights for the right model...")
                      : tr("Open weights for the left model...")),
            &QAction::triggered, this, [this, right] {
              const QString path = QFileDialog::getOpenFileName(
                  this, tr("Open weights"), {},
                  tr("Weights (*.pth *.pt *.tar *.ckpt *.bin *.safetensors);;All files (*)"));
              if (!path.isEmpty()) setWeightsFile(right, path);
            });
  }
  connect(recent_, &RecentFiles::chosen, this, &MainWindow::setImageInput);
  file->addSeparator();
  connect(add(tr("Export grids as PNG...")), &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export grids"), "grids.png", "PNG (*.png)");
    if (!path.isEmpty() && !exportGrids(path)) showError(tr("Cannot write %1").arg(path));
  });
  connect(add(tr("Export similarity matrix as CSV...")), &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export similarity"),
                                                      "similarity.csv", "CSV (*.csv)");
    if (!path.isEmpty() && !exportSimilarityCsv(path)) showError(tr("Cannot write %1").arg(path));
  });
  file->addSeparator();
  connect(add(tr("Quit"), QKeySequence::Quit), &QAction::triggered, this, &QWidget::close);
}

void MainWindow::restoreSettings() {
  QSettings s;
  restoreGeometry(s.value("window/geometry").toByteArray());
  restoreState(s.value("window/state").toByteArray());
  const auto mode = static_cast<ModelPairBar::Mode>(
      s.value("pair/mode", static_cast<int>(ModelPairBar::Mode::Shipped)).toInt());
  ModelSpec spec = ModelSpec::defaults(static_cast<Architecture>(
      s.value("pair/arch", static_cast<int>(Architecture::Vgg16)).toInt()));
  spec.width = s.value("pair/width", 1.0).toDouble();
  spec.ratio = s.value("pair/ratio", 2).toInt();
  spec.dw = s.value("pair/dw", 3).toInt();
  {
    const QSignalBlocker block(modelBar_);
    modelBar_->setSpec(spec);
    if (mode == ModelPairBar::Mode::Untrained) {
      modelBar_->setPairSource(PairSource::untrained(spec));
    } else if (mode == ModelPairBar::Mode::Files && !s.value("pair/left").toString().isEmpty()) {
      PairSource files{ModelSource::file(s.value("pair/left").toString().toStdString()), {}};
      const QString right = s.value("pair/right").toString();
      if (!right.isEmpty()) files.second = ModelSource::file(right.toStdString());
      modelBar_->setPairSource(files);
    }
  }
  switch (s.value("input/kind", 0).toInt()) {
    case static_cast<int>(InputSource::Kind::ImageFile):
      request_ = InputSource::imageFile(s.value("input/path").toString().toStdString());
      break;
    default:
      request_ = InputSource::fashionMnist(s.value("input/index", 0).toInt());
  }
  const QSignalBlocker block(controls_);
  controls_->setMetric(s.value("explorer/metric", "cosine").toString());
  controls_->setThreshold(s.value("explorer/threshold", 0.9).toDouble());
  controls_->setColorScale(s.value("explorer/scale", "per-map").toString());
  controls_->setColormap(s.value("explorer/colormap", "gray").toString());
  pendingLayer_ = s.value("explorer/layer").toString();
}

void MainWindow::saveSettings() const {
  QSettings s;
  s.setValue("window/geometry", saveGeometry());
  s.setValue("window/state", saveState());
  const PairSource pair = modelBar_->pairSource();
  s.setValue("pair/mode", static_cast<int>(modelBar_->mode()));
  s.setValue("pair/left", QString::fromStdString(pair.first.path));
  s.setValue("pair/right", pair.second ? QString::fromStdString(pair.second->path) : QString());
  const ModelSpec spec = modelBar_->ghostSpec();
  s.setValue("pair/arch", static_cast<int>(spec.arch));
  s.setValue("pair/width", spec.width);
  s.setValue("pair/ratio", static_cast<int>(spec.ratio));
  s.setValue("pair/dw", static_cast<int>(spec.dw));
  s.setValue("input/kind", static_cast<int>(lastGood_.kind));
  s.setValue("input/index", static_cast<int>(lastGood_.index));
  s.setValue("input/path", QString::fromStdString(lastGood_.path));
  s.setValue("explorer/metric", controls_->metric());
  s.setValue("explorer/threshold", controls_->threshold());
  s.setValue("explorer/scale", controls_->colorScale());
  s.setValue("explorer/colormap", controls_->colormap());
  s.setValue("explorer/layer", currentLayer());
}

bool MainWindow::selectLayer(const QString& name) {
  if (presenter_->layerCount() == 0 || isBusy()) {
    pendingLayer_ = name;
    return true;
  }
  if (presenter_->layerIndex(name) < 0) return false;
  const QSignalBlocker block(layers_);
  layers_->selectLayer(name);
  showLayer(name);
  return true;
}

QString MainWindow::currentLayer() const {
  return layer_ >= 0 && layer_ < presenter_->layerCount() ? presenter_->layerName(layer_)
                                                          : QString();
}

void MainWindow::setImageInput(const QString& path) {
  request_ = InputSource::imageFile(path.toStdString());
  scheduleAnalysis();
}

void MainWindow::setFashionMnistInput(int index) {
  request_ = InputSource::fashionMnist(index);
  scheduleAnalysis();
}

void MainWindow::setPastedImage(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  std::vector<uint8_t> pixels(static_cast<std::size_t>(rgb.width()) * rgb.height() * 3);
  for (int y = 0; y < rgb.height(); ++y) {
    std::copy_n(rgb.constScanLine(y), static_cast<std::size_t>(rgb.width()) * 3,
                pixels.begin() + static_cast<std::ptrdiff_t>(y) * rgb.width() * 3);
  }
  request_ = InputSource::pixels(rgb.width(), rgb.height(), std::move(pixels));
  scheduleAnalysis();
}

void MainWindow::setWeightsFile(bool right, const QString& path) {
  modelBar_->setWeightsFile(right ? ModelPairBar::Side::Right : ModelPairBar::Side::Left, path);
}

void MainWindow::cancelAnalysis() {
  scheduled_ = false;
  explorer_->cancel();
}

bool MainWindow::isBusy() const { return scheduled_ || explorer_->isRunning(); }

void MainWindow::addViewTab(QWidget* view, const QString& title) { tabs_->addTab(view, title); }

void MainWindow::scheduleAnalysis() {
  // Changes made in one turn of the event loop (e.g. restoring settings) make one run; the
  // clock starts when the first of them is made.
  if (scheduled_) return;
  inputTimer_.start();
  gridsTimed_ = false;
  scheduled_ = true;
  setBusy(true);
  QTimer::singleShot(0, this, &MainWindow::runAnalysis);
}

void MainWindow::runAnalysis() {
  if (!scheduled_) return;
  scheduled_ = false;
  statusBar()->showMessage(tr("Analysing..."));
  const Metric metric = parseMetric(controls_->metric().toStdString()).value_or(Metric::Cosine);
  explorer_->start(modelBar_->pairSource(), request_, metric,
                   pendingLayer_.isEmpty() ? currentLayer() : pendingLayer_);
}

void MainWindow::setBusy(bool busy) {
  progress_->setVisible(busy);
  cancel_->setVisible(busy);
  if (busy) progress_->setRange(0, 0);
}

void MainWindow::onProgress(int done, int total) {
  progress_->setRange(0, total);
  progress_->setValue(done);
}

void MainWindow::onAnalysisDone(std::shared_ptr<const ExplorerData> data) {
  const bool newPair = presenter_->data() == nullptr || presenter_->data()->pair != data->pair;
  showAnalysis(std::move(data));
  const ExplorerData& d = *presenter_->data();
  lastGood_ = d.input;
  threads_ = d.threads;
  if (d.input.kind == InputSource::Kind::ImageFile && recent_ != nullptr) {
    recent_->add(QString::fromStdString(d.input.path));
  }
  setBusy(isBusy());
  statusBar()->showMessage(
      tr("%1 | %2 layers analysed").arg(d.inputDescription).arg(presenter_->layerCount()));
  if (newPair) requestCount();
  Q_EMIT analysisFinished();
  Q_EMIT viewUpdated();
}

void MainWindow::showAnalysis(std::shared_ptr<const ExplorerData> data) {
  // The layer asked for arrives alone first; the whole analysis replaces it without undoing a
  // selection made in between.
  const bool sameView =
      presenter_->data() != nullptr && !presenter_->data()->complete && data->complete;
  const QString shown = currentLayer();  // by name: indices change with the data
  presenter_->setData(std::move(data));
  const ExplorerData& d = *presenter_->data();
  lastError_.clear();
  banner_->hide();
  {
    const QSignalBlocker block(modelBar_);
    modelBar_->showLoaded(d.ghostSpec, d.vanillaDescription, d.ghostDescription);
  }
  input_->showCurrent(d.inputDescription, d.inputImage);
  grids_->setPaired(d.paired);
  layers_->setModelNames(d.paired ? tr("Left") : tr("Score"), d.paired ? tr("Right") : QString());
  heatmap_->setPaired(d.paired);
  QString layer = !pendingLayer_.isEmpty() && presenter_->layerIndex(pendingLayer_) >= 0
                      ? pendingLayer_
                      : shown;
  if (d.complete) pendingLayer_.clear();
  if (presenter_->layerIndex(layer) < 0 && presenter_->layerCount() > 0)
    layer = presenter_->layerName(0);
  {
    const QSignalBlocker block(layers_);
    layers_->setRows(presenter_->layerRows(controls_->threshold()));
    layers_->selectLayer(layer);
  }
  const MapSelection keep = selection_;
  layer_ = -1;  // the data changed: draw even when the name is the same
  showLayer(layer);
  if (sameView && keep.a >= 0) selectMap(keep.ghost, keep.a, keep.b);
  showPredictions();
  grids_->vanillaGrid()->repaint();
  grids_->ghostGrid()->repaint();
  if (!gridsTimed_) {
    inputToGridsMs_ = static_cast<double>(inputTimer_.nsecsElapsed()) / 1e6;
    gridsTimed_ = true;
  }
}

void MainWindow::showPredictions() {
  const ExplorerData& d = *presenter_->data();
  auto text = [&d](const std::vector<Prediction>& top) {
    if (!d.complete) return tr("<i>top classes: computing...</i>");
    QStringList lines;
    for (const Prediction& p : top) {
      lines << QStringLiteral("%1&nbsp;&nbsp;%2")
                   .arg(QString::fromStdString(p.label).toHtmlEscaped())
                   .arg(p.probability, 0, 'f', 3);
    }
    return tr("<b>Top %1</b><br>").arg(top.size()) + lines.join(QStringLiteral("<br>"));
  };
  grids_->setPredictions(text(d.vanillaTop), d.paired ? text(d.ghostTop) : QString());
}

void MainWindow::onAnalysisFailed(const QString& message) {
  request_ = lastGood_;  // later runs (a new metric, say) use the input that worked
  setBusy(isBusy());
  showError(message);
  Q_EMIT analysisFailed(message);
}

void MainWindow::showError(const QString& message) {
  lastError_ = message;
  banner_->setText(tr("Error: %1").arg(message));
  banner_->show();
  statusBar()->showMessage(tr("Error: %1").arg(message));
  Q_EMIT viewUpdated();
}

void MainWindow::showLayer(const QString& name) {
  const int index = presenter_->layerIndex(name);
  if (index < 0) return;
  layer_ = index;
  selection_ = {};
  detail_->clear();
  drawGrids();
  showHeatmap();
}

void MainWindow::drawGrids() {
  if (layer_ < 0) return;
  const ColorChoice colors = ColorChoice::fromNames(controls_->colorScale(), controls_->colormap());
  grids_->vanillaGrid()->setMaps(presenter_->gridMaps(layer_, false, colors));
  grids_->ghostGrid()->setMaps(presenter_->paired() ? presenter_->gridMaps(layer_, true, colors)
                                                    : QVector<GridMap>{});
  applyHighlights();
  if (selection_.a >= 0) {
    FeatureGridView* grid = selection_.ghost ? grids_->ghostGrid() : grids_->vanillaGrid();
    const QVector<int> related = selection_.b >= 0
                                     ? QVector<int>{selection_.b}
                                     : presenter_->related(layer_, selection_.ghost, selection_.a);
    grid->setSelection(selection_.a, related);
  }
}

void MainWindow::applyHighlights() {
  if (layer_ < 0) return;
  const double t = controls_->threshold();
  const Redundancy vanilla = presenter_->redundancy(layer_, false, t);
  const Redundancy ghost =
      presenter_->paired() ? presenter_->redundancy(layer_, true, t) : Redundancy{};
  grids_->vanillaGrid()->setPairs(presenter_->highlights(vanilla));
  grids_->ghostGrid()->setPairs(presenter_->highlights(ghost));
  const ExplorerData& d = *presenter_->data();
  const QString name = presenter_->layerName(layer_);
  const QString partner =
      d.paired ? QString::fromStdString(presenter_->layer(layer_, true).name) : QString();
  grids_->setHeadings(
      tr("<b>%1</b> %2: %3")
          .arg(modelTitle(d.vanillaSpec), name, pairCount(static_cast<int>(vanilla.pairs.size()))),
      d.paired ? tr("<b>%1</b> %2: %3")
                     .arg(modelTitle(d.ghostSpec), partner,
                          pairCount(static_cast<int>(ghost.pairs.size())))
               : QString());
}

void MainWindow::onThresholdChanged() {
  if (layer_ < 0) return;
  QElapsedTimer timer;
  timer.start();
  applyHighlights();
  layers_->setScores(presenter_->layerRows(controls_->threshold()));
  grids_->vanillaGrid()->repaint();
  grids_->ghostGrid()->repaint();
  thresholdRedrawMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

void MainWindow::onMapClicked(bool ghost, int channel) {
  if (layer_ < 0) return;
  try {
    selection_ = {ghost, channel, -1};
    FeatureGridView* grid = ghost ? grids_->ghostGrid() : grids_->vanillaGrid();
    (ghost ? grids_->vanillaGrid() : grids_->ghostGrid())->setSelection(-1, {});
    grid->setSelection(channel, presenter_->related(layer_, ghost, channel));
    const ColorChoice colors =
        ColorChoice::fromNames(controls_->colorScale(), controls_->colormap());
    detail_->showDetail(presenter_->detail(layer_, ghost, channel, kTopK, colors));
  } catch (const std::exception&) {
    showError(QString::fromStdString(errorText(std::current_exception())));
  }
}

void MainWindow::onHeatmapCell(int row, int column) {
  if (layer_ < 0) return;
  selectMap(heatmap_->showsGhost(), row, column);
  statusBar()->showMessage(tr("map %1 \u2192 map %2: %3")
                               .arg(row)
                               .arg(column)
                               .arg(heatmap_->valueAt(row, column), 0, 'f', 4));
}

void MainWindow::selectMap(bool ghost, int channel, int partner) {
  if (layer_ < 0 || channel < 0) return;
  onMapClicked(ghost, channel);
  if (partner >= 0) {
    selection_ = {ghost, channel, partner};
    (ghost ? grids_->ghostGrid() : grids_->vanillaGrid())->setSelection(channel, {partner});
  }
}

void MainWindow::showHeatmap() {
  if (layer_ < 0) return;
  const bool ghost = heatmap_->showsGhost() && presenter_->paired();
  heatmap_->setMatrix(presenter_->similarityValues(layer_, ghost),
                      static_cast<int>(presenter_->layer(layer_, ghost).channels));
}

bool MainWindow::exportGrids(const QString& path) {
  if (layer_ < 0) return false;
  return grids_->renderBoth().save(path, "PNG");
}

bool MainWindow::exportSimilarityCsv(const QString& path) {
  if (layer_ < 0) return false;
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  const std::string csv = presenter_->similarityCsv(layer_, heatmap_->showsGhost());
  return file.write(csv.data(), static_cast<qint64>(csv.size())) == static_cast<qint64>(csv.size());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  if (mime->hasUrls() && mime->urls().front().isLocalFile()) {
    const QString path = mime->urls().front().toLocalFile();
    if (QImageReader(path).canRead()) {
      setImageInput(path);
    } else {
      // Anything that is not an image is taken for weights: dropped on the right half of the
      // grids it is the right model's, elsewhere the left one's.
      const QPoint at = grids_->mapFrom(this, event->position().toPoint());
      setWeightsFile(grids_->rect().contains(at) && at.x() > grids_->width() / 2, path);
    }
  } else if (mime->hasImage()) {
    setPastedImage(qvariant_cast<QImage>(mime->imageData()));
  }
  event->acceptProposedAction();
}

void MainWindow::requestCount() {
  const ExplorerData* d = presenter_->data();
  if (d != nullptr && d->paired && d->pair == modelBar_->pairSource()) {
    job_->start(d->vanillaSpec, d->ghostSpec);  // the two loaded models
  } else {
    ModelSpec ghost = modelBar_->ghostSpec();
    ModelSpec vanilla = ghost;
    vanilla.ratio = 1;
    if (ghost.isVanilla()) ghost.ratio = 2;  // one vanilla model: against its ghost form
    job_->start(vanilla, ghost);
  }
}

void MainWindow::showComparison(const ComplexityComparison& result) {
  QStringList names;
  QVector<double> vanilla, ghost;
  for (const LayerMacsPair& layer : compareLayerMacs(result.vanillaReport, result.ghostReport)) {
    names << QString::fromStdString(layer.name);
    vanilla << static_cast<double>(layer.first);
    ghost << static_cast<double>(layer.second);
  }
  plot_->setLayers(names, vanilla, ghost);
  const auto& vr = result.vanillaReport;
  const auto& gr = result.ghostReport;
  plot_->setToolTip(
      tr("left (%1): %2 params, %3 MACs | right (%4): %5 params, %6 MACs | "
         "compression %7x, speed-up %8x")
          .arg(QString::fromStdString(describeSpec(result.vanilla)), millions(vr.params),
               millions(vr.macs), QString::fromStdString(describeSpec(result.ghost)),
               millions(gr.params), millions(gr.macs))
          .arg(static_cast<double>(vr.params) / static_cast<double>(gr.params), 0, 'f', 2)
          .arg(static_cast<double>(vr.macs) / static_cast<double>(gr.macs), 0, 'f', 2));
}

}  // namespace ghostlens::ui
