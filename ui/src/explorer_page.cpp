#include "ghostlens/ui/explorer_page.h"

#include <QAction>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QImageReader>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

#include "explorer_export.h"
#include "explorer_presenter.h"
#include "ghostlens/ui/display_names.h"
#include "ghostlens/ui/explorer_job.h"
#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/grid_pair_view.h"
#include "ghostlens/ui/input_panel.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/map_detail_pane.h"
#include "ghostlens/ui/pair_list.h"
#include "ghostlens/ui/recent_files.h"
#include "ghostlens/ui/redundancy_controls.h"
#include "ghostlens/ui/similarity_heatmap.h"
#include "ghostlens/ui/ui_error.h"

namespace ghostlens::ui {

namespace {
constexpr int kTopK = 8;
constexpr int kBusySignMs = 100;

QString pairCount(int n) {
  return n == 1 ? QObject::tr("1 highlighted pair") : QObject::tr("%1 highlighted pairs").arg(n);
}

/// "Vanilla resnet50 (s = 1)" or "Ghost ghostnet (s = 2, d = 3)".
QString modelTitle(const ModelSpec& spec) {
  const QString arch = QString::fromStdString(architectureName(spec.arch));
  if (spec.isVanilla()) return QObject::tr("Vanilla %1 (s = 1)").arg(arch);
  return QObject::tr("Ghost %1 (s = %2, d = %3)").arg(arch).arg(spec.ratio).arg(spec.dw);
}
}  // namespace

ExplorerPage::ExplorerPage(QWidget* parent)
    : Page(parent),
      controls_(new RedundancyControls(this)),
      grids_(new GridPairView(this)),
      heatmap_(new SimilarityHeatmap(this)),
      layers_(new LayerList(this)),
      detail_(new MapDetailPane(this)),
      pairs_(new PairList(this)),
      input_(new InputPanel(this)),
      banner_(new QLabel(this)),
      job_(new ExplorerJob(this)),
      presenter_(std::make_unique<ExplorerPresenter>()),
      models_(PairSource::untrained(ModelSpec::defaults(Architecture::Vgg16))) {
  setAcceptDrops(true);
  banner_->setStyleSheet("QLabel { background: #fde2e1; color: #8a1c14; padding: 4px; }");
  banner_->setWordWrap(true);
  banner_->hide();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(controls_);
  layout->addWidget(banner_);
  layout->addWidget(grids_, 1);
  buildDocks();

  // A sign over the grids when new ones take longer than 100 ms; the first layer drawn, or an
  // end of any kind, takes it away (the status bar's progress covers the other layers).
  busySign_.setSingleShot(true);
  busySign_.setInterval(kBusySignMs);
  connect(&busySign_, &QTimer::timeout, this, [this] { grids_->setBusy(isBusy()); });
  connect(this, &Page::busyChanged, this, [this](bool busy) {
    if (busy && !busySign_.isActive() && !grids_->isBusyShown()) busySign_.start();
    if (!busy) {
      busySign_.stop();
      grids_->setBusy(false);
    }
  });
  connect(job_, &ExplorerJob::progress, this, &Page::progressChanged);
  connect(job_, &ExplorerJob::ready, this, &ExplorerPage::showAnalysis);
  connect(job_, &ExplorerJob::finished, this, &ExplorerPage::onAnalysisDone);
  connect(job_, &ExplorerJob::failed, this, &ExplorerPage::onAnalysisFailed);
  connect(job_, &ExplorerJob::cancelled, this, [this] {
    Q_EMIT busyChanged(isBusy());
    Q_EMIT statusMessage(tr("Analysis cancelled"));
    Q_EMIT viewUpdated();
  });
  connect(controls_, &RedundancyControls::metricChanged, this, &ExplorerPage::scheduleAnalysis);
  connect(controls_, &RedundancyControls::thresholdChanged, this,
          &ExplorerPage::onThresholdChanged);
  connect(controls_, &RedundancyControls::colorsChanged, this, &ExplorerPage::drawGrids);
  connect(layers_, &LayerList::layerChosen, this, &ExplorerPage::showLayer);
  connect(grids_, &GridPairView::mapClicked, this,
          [this](Side side, int channel) { selectMap(side, channel); });
  connect(heatmap_, &SimilarityHeatmap::cellClicked, this, &ExplorerPage::onHeatmapCell);
  connect(heatmap_, &SimilarityHeatmap::modelChanged, this, &ExplorerPage::showHeatmap);
  connect(heatmap_, &SimilarityHeatmap::zoomRequested, this, [this](int row, int column) {
    heatmapAt_ = QPoint(column, row);
    showHeatmap();
  });
  connect(detail_, &MapDetailPane::similarChosen, this, [this](int channel) {
    if (selection_.a >= 0) showOrderedPair(selection_.side, selection_.a, channel);
  });
  connect(pairs_, &PairList::pairChosen, this, &ExplorerPage::showPair);
  connect(input_, &InputPanel::imageFileChosen, this, &ExplorerPage::setImageInput);
  connect(input_, &InputPanel::fashionMnistChosen, this, &ExplorerPage::setFashionMnistInput);
  connect(input_, &InputPanel::imagePasted, this, &ExplorerPage::setPastedImage);
  connect(input_, &InputPanel::failed, this, &ExplorerPage::showError);
  input_->loadBrowser();
}

ExplorerPage::~ExplorerPage() = default;

QString ExplorerPage::title() const { return tr("Explorer"); }

void ExplorerPage::buildDocks() {
  auto dock = [this](QWidget* content, const QString& title, const char* name,
                     Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(content);
    docks_ << PageDock{d, area};
  };
  dock(input_, tr("Input"), "inputDock", Qt::LeftDockWidgetArea);
  dock(layers_, tr("Layers (redundancy)"), "layersDock", Qt::LeftDockWidgetArea);
  dock(heatmap_, tr("Similarity matrix"), "heatmapDock", Qt::RightDockWidgetArea);
  dock(detail_, tr("Selected map"), "detailDock", Qt::RightDockWidgetArea);
  dock(pairs_, tr("Redundant pairs"), "pairsDock", Qt::RightDockWidgetArea);
  docks_.back().tabWith = docks_[2].dock;  // behind the heatmap: the right side stays tall
}

QList<QAction*> ExplorerPage::fileActions() {
  if (!fileActions_.isEmpty()) return fileActions_;
  auto add = [this](const QString& text, const QKeySequence& keys = {}) {
    auto* action = new QAction(text, this);
    action->setShortcut(keys);
    fileActions_ << action;
    return action;
  };
  connect(add(tr("Open image..."), QKeySequence::Open), &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an image"));
    if (!path.isEmpty()) setImageInput(path);
  });
  connect(add(tr("Paste image"), QKeySequence::Paste), &QAction::triggered, input_,
          &InputPanel::paste);
  auto* recentMenu = new QMenu(tr("Recent images"), this);
  recent_ = new RecentFiles(recentMenu, QStringLiteral("recentFiles"), this);
  connect(recent_, &RecentFiles::chosen, this, &ExplorerPage::setImageInput);
  fileActions_ << recentMenu->menuAction();
  for (const Side side : {Side::Left, Side::Right}) {
    connect(add(side == Side::Right ? tr("Open weights for the right model...")
                                    : tr("Open weights for the left model...")),
            &QAction::triggered, this, [this, side] {
              const QString path =
                  QFileDialog::getOpenFileName(this, tr("Open weights"), {}, weightsFileFilter());
              if (!path.isEmpty()) Q_EMIT weightsChosen(side, path);
            });
  }
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
  return fileActions_;
}

void ExplorerPage::restoreSettings(const QSettings& s) {
  switch (s.value("input/kind", 0).toInt()) {
    case static_cast<int>(InputSource::Kind::ImageFile):
      request_ = InputSource::imageFile(s.value("input/path").toString().toStdString());
      break;
    default:  // Fashion-MNIST, and pasted pictures, which are not kept
      request_ = InputSource::fashionMnist(std::max(0, s.value("input/index", 0).toInt()));
  }
  const QSignalBlocker block(controls_);
  controls_->setMetric(
      parseMetric(s.value("explorer/metric").toString().toStdString()).value_or(Metric::Cosine));
  const double threshold = s.value("explorer/threshold", 0.9).toDouble();
  controls_->setThreshold(threshold >= 0 && threshold <= 1 ? threshold : 0.9);
  controls_->setColorScale(parseColorScale(s.value("explorer/scale").toString().toStdString())
                               .value_or(ColorScale::PerMap));
  controls_->setColormap(parseColormap(s.value("explorer/colormap").toString().toStdString())
                             .value_or(Colormap::Gray));
  pendingLayer_ = s.value("explorer/layer").toString();
  bool zoomOk = false;
  const int zoom = s.value("explorer/zoom").toInt(&zoomOk);
  QSlider* slider = grids_->zoomSlider();
  if (zoomOk && zoom >= slider->minimum() && zoom <= slider->maximum()) slider->setValue(zoom);
  scheduleAnalysis();
}

void ExplorerPage::saveSettings(QSettings& s) const {
  s.setValue("input/kind", static_cast<int>(lastGood_.kind));
  s.setValue("input/index", static_cast<int>(lastGood_.index));
  s.setValue("input/path", QString::fromStdString(lastGood_.path));
  s.setValue("explorer/metric", QString::fromStdString(metricName(controls_->metric())));
  s.setValue("explorer/threshold", controls_->threshold());
  s.setValue("explorer/scale", QString::fromStdString(colorScaleName(controls_->colorScale())));
  s.setValue("explorer/colormap", QString::fromStdString(colormapName(controls_->colormap())));
  s.setValue("explorer/layer", currentLayer());
  s.setValue("explorer/zoom", grids_->zoomSlider()->value());
}

bool ExplorerPage::selectLayer(const QString& name) {
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

QString ExplorerPage::currentLayer() const {
  return layer_ >= 0 && layer_ < presenter_->layerCount() ? presenter_->layerName(layer_)
                                                          : QString();
}

void ExplorerPage::setModels(const PairSource& models) {
  models_ = models;
  scheduleAnalysis();
}

void ExplorerPage::setImageInput(const QString& path) {
  request_ = InputSource::imageFile(path.toStdString());
  scheduleAnalysis();
}

void ExplorerPage::setFashionMnistInput(int index) {
  request_ = InputSource::fashionMnist(index);
  scheduleAnalysis();
}

void ExplorerPage::setPastedImage(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  std::vector<uint8_t> pixels(static_cast<std::size_t>(rgb.width()) * rgb.height() * 3);
  for (int y = 0; y < rgb.height(); ++y) {
    std::copy_n(rgb.constScanLine(y), static_cast<std::size_t>(rgb.width()) * 3,
                pixels.begin() + static_cast<std::ptrdiff_t>(y) * rgb.width() * 3);
  }
  request_ = InputSource::pixels(rgb.width(), rgb.height(), std::move(pixels));
  scheduleAnalysis();
}

void ExplorerPage::cancelWork() {
  const bool wasScheduled = scheduled_ && !job_->isRunning();
  scheduled_ = false;
  job_->cancel();
  // A run that had not started yet sends no cancelled(): say here that nothing is under way.
  if (wasScheduled) Q_EMIT busyChanged(isBusy());
}

bool ExplorerPage::isBusy() const { return scheduled_ || job_->isRunning(); }

void ExplorerPage::scheduleAnalysis() {
  // Changes made in one turn of the event loop (e.g. restoring settings) make one run; the
  // clock starts when the first of them is made.
  if (scheduled_) return;
  timings_.requestStarted();
  scheduled_ = true;
  Q_EMIT busyChanged(true);
  Q_EMIT progressChanged(0, 0);
  QTimer::singleShot(0, this, &ExplorerPage::runAnalysis);
}

void ExplorerPage::runAnalysis() {
  if (!scheduled_) return;
  scheduled_ = false;
  Q_EMIT statusMessage(tr("Analysing..."));
  job_->start(models_, request_, controls_->metric(), controls_->threshold(),
              pendingLayer_.isEmpty() ? currentLayer() : pendingLayer_);
}

void ExplorerPage::onAnalysisDone(std::shared_ptr<const ExplorerView> data) {
  showAnalysis(std::move(data));
  const ExplorerView& d = *presenter_->data();
  lastGood_ = d.input;
  timings_.setAnalysisThreads(d.threads);
  if (d.input.kind == InputSource::Kind::ImageFile && recent_ != nullptr) {
    recent_->add(QString::fromStdString(d.input.path));
  }
  Q_EMIT inputShown(d.input, QString::fromStdString(d.inputDescription));
  Q_EMIT busyChanged(isBusy());
  Q_EMIT statusMessage(tr("%1 | %2 layers analysed")
                           .arg(QString::fromStdString(d.inputDescription))
                           .arg(presenter_->layerCount()));
  Q_EMIT analysisFinished();
  Q_EMIT viewUpdated();
}

void ExplorerPage::showAnalysis(std::shared_ptr<const ExplorerView> data) {
  // The layer asked for arrives alone first; the whole analysis replaces it without undoing a
  // selection made in between.
  const bool sameView =
      presenter_->data() != nullptr && !presenter_->data()->complete && data->complete;
  // The same models show the same maps whatever the metric or input: the selection stays.
  const bool sameModels = presenter_->data() != nullptr && presenter_->data()->pair == data->pair;
  const QString shown = currentLayer();  // by name: indices change with the data
  presenter_->setData(std::move(data));
  const ExplorerView& d = *presenter_->data();
  busySign_.stop();
  grids_->setBusy(false);
  lastError_.clear();
  banner_->hide();
  if (!loadedModels_ || *loadedModels_ != d.pair) {
    loadedModels_ = d.pair;
    Q_EMIT modelsLoaded(d.firstSpec, d.secondSpec, QString::fromStdString(d.firstDescription),
                        QString::fromStdString(d.secondDescription), d.paired);
  }
  input_->showCurrent(QString::fromStdString(d.inputDescription),
                      QString::fromStdString(d.inputPreparation), presenter_->inputImage());
  grids_->setPaired(d.paired);
  layers_->setModelNames(d.paired ? tr("Left") : tr("Score"), d.paired ? tr("Right") : QString());
  heatmap_->setPaired(d.paired);
  QString layer = !pendingLayer_.isEmpty() && presenter_->layerIndex(pendingLayer_) >= 0
                      ? pendingLayer_
                      : shown;
  if (d.complete) pendingLayer_.clear();
  if (presenter_->layerIndex(layer) < 0 && presenter_->layerCount() > 0) {
    layer = presenter_->layerName(0);
  }
  {
    const QSignalBlocker block(layers_);
    layers_->setRows(presenter_->layerRows(controls_->threshold()));
    layers_->selectLayer(layer);
  }
  const MapSelection keep = selection_;
  layer_ = -1;  // the data changed: draw even when the name is the same
  showLayer(layer);
  const bool keepable =
      (sameView || sameModels) && layer == shown && keep.a >= 0 &&
      keep.a < static_cast<int>(presenter_->layer(layer_, keep.side).channels()) &&
      (keep.side == Side::Left || d.paired);
  if (keepable) selectMap(keep.side, keep.a, keep.b);
  showPredictions();
  grids_->grid(Side::Left)->repaint();
  grids_->grid(Side::Right)->repaint();
  timings_.gridsDrawn();
}

void ExplorerPage::showPredictions() {
  const ExplorerView& d = *presenter_->data();
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
  grids_->setPredictions(text(d.firstTop), d.paired ? text(d.secondTop) : QString());
}

void ExplorerPage::onAnalysisFailed(const QString& message) {
  request_ = lastGood_;  // later runs (a new metric, say) use the input that worked
  Q_EMIT busyChanged(isBusy());
  showError(message);
  Q_EMIT analysisFailed(message);
}

void ExplorerPage::showError(const QString& message) {
  lastError_ = message;
  banner_->setText(tr("Error: %1").arg(message));
  banner_->show();
  Q_EMIT statusMessage(tr("Error: %1").arg(message));
  Q_EMIT viewUpdated();
}

void ExplorerPage::showLayer(const QString& name) {
  const int index = presenter_->layerIndex(name);
  if (index < 0) return;
  if (name != heatmapLayer_) {  // another layer starts from its overview; new data keep the zoom
    heatmapAt_ = QPoint(-1, -1);
    heatmapLayer_ = name;
  }
  layer_ = index;
  selection_ = {};
  detail_->clear();
  drawGrids();
  showHeatmap();
}

void ExplorerPage::drawGrids() {
  if (layer_ < 0) return;
  const ColorChoice colors{controls_->colorScale(), controls_->colormap()};
  grids_->grid(Side::Left)->setMaps(presenter_->gridMaps(layer_, Side::Left, colors));
  grids_->grid(Side::Right)
      ->setMaps(presenter_->paired() ? presenter_->gridMaps(layer_, Side::Right, colors)
                                     : QVector<GridMap>{});
  applyHighlights();
  // The enlarged map follows a new colormap or scale as the grids do.
  if (selection_.a >= 0) selectMap(selection_.side, selection_.a, selection_.b);
}

void ExplorerPage::applyHighlights() {
  if (layer_ < 0) return;
  const double t = controls_->threshold();
  const Redundancy first = presenter_->redundancy(layer_, Side::Left, t);
  const Redundancy second =
      presenter_->paired() ? presenter_->redundancy(layer_, Side::Right, t) : Redundancy{};
  const QVector<HighlightedPair> left = presenter_->highlights(first);
  const QVector<HighlightedPair> right = presenter_->highlights(second);
  grids_->grid(Side::Left)->setPairs(left);
  grids_->grid(Side::Right)->setPairs(right);
  pairs_->setPairs(left, right, presenter_->paired());
  const ExplorerView& d = *presenter_->data();
  const QString partner =
      d.paired ? QString::fromStdString(presenter_->layer(layer_, Side::Right).name()) : QString();
  grids_->setHeadings(tr("<b>%1</b> %2: %3")
                          .arg(modelTitle(d.firstSpec), presenter_->layerName(layer_),
                               pairCount(static_cast<int>(first.pairs.size()))),
                      d.paired ? tr("<b>%1</b> %2: %3")
                                     .arg(modelTitle(d.secondSpec), partner,
                                          pairCount(static_cast<int>(second.pairs.size())))
                               : QString());
}

void ExplorerPage::onThresholdChanged() {
  if (layer_ < 0) return;
  timings_.timeThresholdRedraw([this] {
    applyHighlights();
    layers_->setScores(presenter_->layerRows(controls_->threshold()));
    grids_->grid(Side::Left)->repaint();
    grids_->grid(Side::Right)->repaint();
  });
}

void ExplorerPage::showPair(Side side, int a, int b) {
  if (layer_ < 0) return;
  // A pair scores its better direction: that one is shown, so that the detail's R^2 and the
  // status are the list's score.
  const LayerView& l = presenter_->layer(layer_, side);
  const bool forward = l.similarityAt(a, b) >= l.similarityAt(b, a);
  showOrderedPair(side, forward ? a : b, forward ? b : a);
}

void ExplorerPage::onHeatmapCell(int row, int column) {
  // Row -> column is source -> target.
  showOrderedPair(shownSide(), row, column);
}

void ExplorerPage::showOrderedPair(Side side, int source, int target) {
  if (layer_ < 0) return;
  // The target is selected and its fit from the source shown, so that the detail's R^2 is the
  // very number of this message (read from the layer: the heatmap may show a block's best).
  selectMap(side, target, source);
  // The source first, then the target: both in view when they fit, the target if not.
  grids_->scrollToMap(side, source);
  grids_->scrollToMap(side, target);
  Q_EMIT statusMessage(
      tr("%1 model: map %2 \u2192 map %3: %4")
          .arg(side == Side::Right ? tr("Right") : tr("Left"))
          .arg(source)
          .arg(target)
          .arg(presenter_->layer(layer_, side).similarityAt(source, target), 0, 'f', 4));
}

void ExplorerPage::selectMap(Side side, int channel, int partner) {
  if (layer_ < 0 || channel < 0) return;
  reportErrors(
      [&] {
        selection_ = {side, channel, partner};
        grids_->grid(otherSide(side))->setSelection(-1, {});
        grids_->grid(side)->setSelection(channel, partner >= 0
                                                      ? QVector<int>{partner}
                                                      : presenter_->related(layer_, side, channel));
        const ColorChoice colors{controls_->colorScale(), controls_->colormap()};
        detail_->showDetail(presenter_->detail(layer_, side, channel, kTopK, colors, partner));
      },
      [this](const QString& message) { showError(message); });
}

Side ExplorerPage::shownSide() const {
  return presenter_->paired() ? heatmap_->side() : Side::Left;
}

void ExplorerPage::showHeatmap() {
  if (layer_ < 0) return;
  heatmap_->setWindow(presenter_->similarityWindow(layer_, shownSide(), heatmapAt_.y(),
                                                   heatmapAt_.x(), SimilarityHeatmap::kCells));
}

bool ExplorerPage::exportGrids(const QString& path) {
  return layer_ >= 0 && writeGridsPng(*grids_, path);
}

bool ExplorerPage::exportSimilarityCsv(const QString& path) {
  return layer_ >= 0 && writeCsv(presenter_->similarityCsv(layer_, shownSide()), path);
}

void ExplorerPage::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void ExplorerPage::dropEvent(QDropEvent* event) {
  dropFiles(*event->mimeData(), event->position().toPoint());
  event->acceptProposedAction();
}

void ExplorerPage::dropFiles(const QMimeData& mime, const QPoint& position) {
  if (mime.hasUrls() && mime.urls().front().isLocalFile()) {
    const QString path = mime.urls().front().toLocalFile();
    if (QImageReader(path).canRead()) {
      setImageInput(path);
    } else {
      const QPoint at = grids_->mapFrom(this, position);
      const bool right = grids_->rect().contains(at) && at.x() > grids_->width() / 2;
      Q_EMIT weightsChosen(right ? Side::Right : Side::Left, path);
    }
  } else if (mime.hasImage()) {
    setPastedImage(qvariant_cast<QImage>(mime.imageData()));
  }
}

}  // namespace ghostlens::ui
