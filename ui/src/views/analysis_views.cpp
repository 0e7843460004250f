#include "ghostlens/ui/views/analysis_views.h"

#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QStringList>
#include <QTabWidget>
#include <QToolBar>

#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/training/experiment_runner.h"
#include "ghostlens/ui/main_window.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/views/ablation_view.h"
#include "ghostlens/ui/views/analytic_view.h"
#include "ghostlens/ui/views/cka_view.h"
#include "ghostlens/ui/views/depth_view.h"
#include "ghostlens/ui/views/training_dialog.h"

namespace ghostlens::ui {

namespace {
constexpr int kMessageMs = 8000;
}

AnalysisViews::AnalysisViews(MainWindow* window, const QString& storePath)
    : QObject(window),
      window_(window),
      storePath_(storePath.isEmpty() ? QString::fromStdString(defaultStorePath()) : storePath),
      depth_(new DepthView(window)),
      ablation_(new AblationView(window)),
      analytic_(new AnalyticView(window)),
      cka_(new CkaView(window)) {
  window->addViewTab(depth_, tr("Depth"));
  window->addViewTab(ablation_, tr("Ablation"));
  window->addViewTab(analytic_, tr("Trade-offs (analytic)"));
  window->addViewTab(cka_, tr("CKA"));
  auto* status = window->statusBar();
  auto toStatus = [status](const QString& text) { status->showMessage(text, kMessageMs); };
  connect(depth_, &DepthView::message, status, toStatus);
  connect(ablation_, &AblationView::message, status, toStatus);
  connect(analytic_, &AnalyticView::message, status, toStatus);
  connect(cka_, &CkaView::message, status, toStatus);
  connect(depth_, &DepthView::layerClicked, this, [this](const QString& name) {
    showTab("explorer");
    if (!window_->selectLayer(name)) {
      window_->statusBar()->showMessage(tr("The explorer has no layer %1").arg(name), kMessageMs);
    }
  });
  connect(window->tabs(), &QTabWidget::currentChanged, this, &AnalysisViews::onTabChanged);
  // The window saves its dock layout on quit: give the explorer its docks back first.
  connect(qApp, &QCoreApplication::aboutToQuit, this, [this] { setExplorerChromeVisible(true); });

  connect(window->modelPairBar(), &ModelPairBar::pairChanged, this,
          &AnalysisViews::followExplorerPair);
  followExplorerPair();

  ablation_->setStorePath(storePath_);
  ablation_->reload();

  QMenu* train = window->menuBar()->addMenu(tr("&Train"));
  train->addAction(tr("Train a model or a sweep..."), this, &AnalysisViews::openTrainingDialog);
  train->addAction(tr("Reload the ablation view"), ablation_, &AblationView::reload);
}

TrainingDialog* AnalysisViews::trainingDialog() {
  if (training_ == nullptr) {
    training_ = new TrainingDialog(window_);
    training_->setStorePath(storePath_);
    connect(training_, &TrainingDialog::runRecorded, ablation_, &AblationView::reload);
    connect(training_, &TrainingDialog::message, window_->statusBar(),
            [this](const QString& text) { window_->statusBar()->showMessage(text, kMessageMs); });
  }
  return training_;
}

void AnalysisViews::openTrainingDialog() {
  TrainingDialog* dialog = trainingDialog();
  dialog->show();
  dialog->raise();
  dialog->activateWindow();
}

QStringList AnalysisViews::tabKeys() {
  return {"explorer", "depth", "ablation", "analytic", "cka"};
}

bool AnalysisViews::showTab(const QString& key) {
  QWidget* page = nullptr;
  if (key == "explorer") {
    window_->tabs()->setCurrentIndex(0);
    return true;
  }
  if (key == "depth") page = depth_;
  if (key == "ablation") page = ablation_;
  if (key == "analytic") page = analytic_;
  if (key == "cka") page = cka_;
  if (page == nullptr) return false;
  if (window_->tabs()->currentWidget() == page) {
    onTabChanged(window_->tabs()->currentIndex());  // no currentChanged: start the work here
  } else {
    window_->tabs()->setCurrentWidget(page);  // currentChanged runs onTabChanged
  }
  return true;
}

void AnalysisViews::followExplorerPair() {
  PairSource source;
  try {
    source = window_->modelPairBar()->pairSource();
  } catch (const std::runtime_error&) {  // no shipped pair yet: the views say so themselves
    return;
  }
  depth_->setSources(source);
  cka_->setSources(source);
  // Computed again the next time each is looked at (now, if one of them is in front).
  depthStarted_ = false;
  ckaStarted_ = false;
  onTabChanged(window_->tabs()->currentIndex());
}

void AnalysisViews::setExplorerChromeVisible(bool visible) {
  if (visible) {
    for (const QPointer<QWidget>& widget : hiddenChrome_) {
      if (widget) widget->show();
    }
    hiddenChrome_.clear();
    return;
  }
  if (!hiddenChrome_.isEmpty()) return;
  QList<QWidget*> chrome;
  for (QDockWidget* dock : window_->findChildren<QDockWidget*>()) chrome << dock;
  for (QToolBar* bar : window_->findChildren<QToolBar*>()) chrome << bar;
  for (QWidget* widget : chrome) {
    if (widget->isVisible()) {
      hiddenChrome_ << widget;
      widget->hide();
    }
  }
}

void AnalysisViews::onTabChanged(int index) {
  QWidget* page = window_->tabs()->widget(index);
  // The docks and the model bar belong to the explorer; the analysis views bring their own.
  const bool analysis = page == depth_ || page == ablation_ || page == analytic_ || page == cka_;
  setExplorerChromeVisible(!analysis);
  // The depth and CKA views run both models over images: only once someone looks at them.
  if (page == depth_ && !depthStarted_) {
    depthStarted_ = true;
    depth_->start();
  } else if (page == cka_ && !ckaStarted_) {
    ckaStarted_ = true;
    cka_->start();
  }
}

}  // namespace ghostlens::ui
