#include "ghostlens/ui/main_window.h"

#include <QDockWidget>
#include <QKeySequence>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/training/experiment_runner.h"
#include "ghostlens/ui/cost_page.h"
#include "ghostlens/ui/explorer_page.h"
#include "ghostlens/ui/layer_list.h"
#include "ghostlens/ui/model_pair_bar.h"
#include "ghostlens/ui/ui_error.h"
#include "ghostlens/ui/views/ablation_view.h"
#include "ghostlens/ui/views/advisor_view.h"
#include "ghostlens/ui/views/analytic_view.h"
#include "ghostlens/ui/views/cka_view.h"
#include "ghostlens/ui/views/depth_view.h"

namespace ghostlens::ui {

MainWindow::MainWindow(QWidget* parent, bool useSettings, const QString& storePath)
    : QMainWindow(parent),
      useSettings_(useSettings),
      modelBar_(new ModelPairBar(this)),
      modelToolBar_(addToolBar(tr("Model pair"))),
      tabs_(new QTabWidget(this)),
      progress_(new QProgressBar(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      explorer_(new ExplorerPage(this)),
      cost_(new CostPage(this)),
      depth_(new DepthView(this)),
      ablation_(new AblationView(
          this, storePath.isEmpty() ? QString::fromStdString(defaultStorePath()) : storePath)),
      analytic_(new AnalyticView(this)),
      cka_(new CkaView(this)),
      advisor_(new AdvisorView(this)) {
  setWindowTitle(tr("GhostLens"));
  modelToolBar_->setObjectName("modelPairToolBar");
  modelToolBar_->setMovable(false);
  modelToolBar_->addWidget(modelBar_);
  setCentralWidget(tabs_);
  // Seven tabs beside the explorer's docks at 1000 px wide: narrower padding, so that every tab
  // shows without scroll arrows.
  tabs_->tabBar()->setStyleSheet(QStringLiteral("QTabBar::tab { padding: 4px 7px; }"));
  for (Page* page : std::initializer_list<Page*>{explorer_, cost_, depth_, ablation_, analytic_,
                                                 cka_, advisor_}) {
    addPage(page);
  }
  buildMenus();
  progress_->setMaximumWidth(180);
  progress_->hide();
  cancel_->hide();
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  resize(1400, 860);

  connect(cancel_, &QPushButton::clicked, this, [this] { currentPage()->cancelWork(); });
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onPageChanged);
  connect(modelBar_, &ModelPairBar::pairChanged, this, &MainWindow::sendModels);
  connect(explorer_, &ExplorerPage::modelsLoaded, this,
          [this](const ModelSpec& left, const ModelSpec& right, const QString& leftText,
                 const QString& rightText, bool paired) {
            const QSignalBlocker block(modelBar_);  // shown, not a new choice
            modelBar_->showLoaded(paired ? right : left, leftText, rightText);
            cost_->setLoadedModels(left, right, paired);
          });
  connect(explorer_, &ExplorerPage::weightsChosen, this, &MainWindow::setWeightsFile);
  connect(explorer_, &ExplorerPage::inputShown, this,
          [this](const InputSource& input, const QString& description) {
            for (Page* page : pages_) page->setInput(input, description);
          });
  connect(depth_, &DepthView::layerClicked, this, [this](const QString& name) {
    showPage(explorer_->key());
    if (!explorer_->selectLayer(name)) {
      statusBar()->showMessage(tr("The explorer has no layer %1").arg(name));
    }
  });

  // A batch measured in the depth view shows in the explorer's layer list too.
  connect(depth_, &DepthView::finished, this, [this] {
    explorer_->layerList()->setBatchProfile(depth_->plot()->profile(), depth_->threshold());
  });
  connect(advisor_, &AdvisorView::trainRequested, ablation_, &AblationView::trainModel);

  if (useSettings_) restoreSettings();
  ablation_->reload();
  sendModels();
  onPageChanged();
}

MainWindow::~MainWindow() {
  if (useSettings_) saveSettings();
  // Pages cancel and wait for their work in their destructors: delete them while the window is
  // whole, and without the tab changes that deleting them makes.
  disconnect(tabs_, nullptr, this, nullptr);
  for (Page* page : pages_) delete page;
}

void MainWindow::addPage(Page* page) {
  pages_ << page;
  tabs_->addTab(page, page->title());
  for (const PageDock& d : page->docks()) {
    d.dock->setParent(this);
    addDockWidget(d.area, d.dock);
    if (d.tabWith != nullptr) tabifyDockWidget(d.tabWith, d.dock);
    d.dock->hide();
    dockWanted_[d.dock] = true;
  }
  connect(page, &Page::statusMessage, this,
          [this](const QString& text) { statusBar()->showMessage(text); });
  connect(page, &Page::busyChanged, this, [this, page](bool busy) {
    work_[page] = Work{busy, 0, 0};
    showBusy();
    for (Page* other : pages_) {
      bool othersBusy = false;
      for (auto it = work_.cbegin(); it != work_.cend(); ++it) {
        othersBusy |= it.key() != other && it.value().busy;
      }
      other->setOthersBusy(othersBusy);
    }
  });
  connect(page, &Page::progressChanged, this, [this, page](int done, int total) {
    work_[page].done = done;
    work_[page].total = total;
    showBusy();
  });
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  for (Page* page : pages_) {
    const QList<QAction*> actions = page->fileActions();
    if (actions.isEmpty()) continue;
    file->addActions(actions);
    file->addSeparator();
  }
  file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);
  for (Page* page : pages_) {
    if (QMenu* menu = page->menu()) menuBar()->addMenu(menu);
  }
}

bool MainWindow::showPage(const QString& key) {
  for (Page* page : pages_) {
    if (page->key() != key) continue;
    tabs_->setCurrentWidget(page);  // currentChanged runs onPageChanged
    return true;
  }
  return false;
}

Page* MainWindow::currentPage() const { return static_cast<Page*>(tabs_->currentWidget()); }

QStringList MainWindow::pageKeys() const {
  QStringList keys;
  for (const Page* page : pages_) keys << page->key();
  return keys;
}

void MainWindow::setWeightsFile(Side side, const QString& path) {
  modelBar_->setWeightsFile(side, path);
}

void MainWindow::onPageChanged() {
  Page* page = currentPage();
  if (page == nullptr) return;
  // The tabs' stack would otherwise be as wide as its widest page (the ablation view's four
  // plots), added to the explorer's docks: the window could not be narrower than 1,400 pixels.
  for (Page* other : pages_) {
    const auto policy = other == page ? QSizePolicy::Preferred : QSizePolicy::Ignored;
    other->setSizePolicy(policy, policy);
  }
  showPageDocks(page);
  modelToolBar_->setVisible(page->usesModels());
  showBusy();
  page->activated();
}

void MainWindow::showPageDocks(Page* page) {
  if (shownPage_ == page) return;
  if (shownPage_ != nullptr) {
    for (const PageDock& d : shownPage_->docks()) {
      dockWanted_[d.dock] = d.dock->isVisible();  // the user may have closed one
      d.dock->hide();
    }
  }
  for (const PageDock& d : page->docks()) d.dock->setVisible(dockWanted_.value(d.dock, true));
  shownPage_ = page;
}

void MainWindow::showBusy() {
  const Work work = work_.value(currentPage());
  progress_->setVisible(work.busy);
  cancel_->setVisible(work.busy);
  progress_->setRange(0, work.total);  // (0, 0): a busy bar of unknown length
  progress_->setValue(work.done);
}

void MainWindow::sendModels() {
  reportErrors(
      [this] {
        const PairSource models = modelBar_->pairSource();
        for (Page* page : pages_) page->setModels(models);
      },
      [this](const QString& message) { statusBar()->showMessage(tr("Error: %1").arg(message)); });
}

void MainWindow::restoreSettings() {
  const QSettings s;
  restoreGeometry(s.value("window/geometry").toByteArray());
  restoreState(s.value("window/state").toByteArray());
  for (auto it = dockWanted_.begin(); it != dockWanted_.end(); ++it) {
    it.value() = s.value(QStringLiteral("docks/%1").arg(it.key()->objectName()), true).toBool();
  }
  {
    const QSignalBlocker block(modelBar_);  // sent to the pages once, below
    modelBar_->restoreSettings(s);
  }
  for (Page* page : pages_) page->restoreSettings(s);
  for (Page* page : pages_) {
    if (page->key() != s.value("window/page").toString()) continue;
    const QSignalBlocker block(tabs_);  // activated once the pages have their models
    tabs_->setCurrentWidget(page);
  }
}

void MainWindow::saveSettings() {
  QSettings s;
  s.setValue("window/geometry", saveGeometry());
  s.setValue("window/state", saveState());
  s.setValue("window/page", currentPage()->key());
  for (const Page* page : pages_) {
    for (const PageDock& d : page->docks()) {
      const bool visible = page == shownPage_ ? d.dock->isVisible() : dockWanted_.value(d.dock);
      s.setValue(QStringLiteral("docks/%1").arg(d.dock->objectName()), visible);
    }
  }
  modelBar_->saveSettings(s);
  for (const Page* page : pages_) page->saveSettings(s);
}

}  // namespace ghostlens::ui
