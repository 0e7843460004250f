#pragma once

#include <QHash>
#include <QMainWindow>
#include <QStringList>
#include "ghostlens/ui/side.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QToolBar;
class QDockWidget;

namespace ghostlens::ui {

class AblationView;
class AnalyticView;
class CkaView;
class CostPage;
class DepthView;
class AdvisorView;
class ExplorerPage;
class ModelPairBar;
class Page;

/// GhostLens's main window: a shell that hosts pages (explorer, cost, depth, ablation, analytic
/// trade-offs, CKA) as tabs under the model bar. Each page brings its actions, docks, menu and
/// status text through Page; the window shows the docks of the page in front, routes the model
/// bar's models to every page, and keeps the settings.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  /// @param useSettings restore and save QSettings (off for --screenshot and tests that need a
  ///        known start)
  /// @param storePath the experiment store of the ablation view and training (empty: the
  ///        user's default store)
  explicit MainWindow(QWidget* parent = nullptr, bool useSettings = true,
                      const QString& storePath = {});
  ~MainWindow() override;

  ExplorerPage* explorer() const { return explorer_; }
  CostPage* cost() const { return cost_; }
  DepthView* depth() const { return depth_; }
  AdvisorView* advisor() const { return advisor_; }
  AblationView* ablation() const { return ablation_; }
  AnalyticView* analytic() const { return analytic_; }
  CkaView* cka() const { return cka_; }
  ModelPairBar* modelPairBar() const { return modelBar_; }

  /// Brings the page of `key` (Page::key) to the front; false for an unknown key.
  bool showPage(const QString& key);
  Page* currentPage() const;
  /// Every page's key, in tab order.
  QStringList pageKeys() const;
  /// Weights from a file for the left (first) or right (second) model.
  void setWeightsFile(Side side, const QString& path);

 private:
  void addPage(Page* page);
  void buildMenus();
  void onPageChanged();
  void showPageDocks(Page* page);
  void showBusy();
  void sendModels();
  void restoreSettings();
  void saveSettings();

  bool useSettings_;
  ModelPairBar* modelBar_;
  QToolBar* modelToolBar_;
  QTabWidget* tabs_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  ExplorerPage* explorer_;
  CostPage* cost_;
  DepthView* depth_;
  AblationView* ablation_;
  AnalyticView* analytic_;
  CkaView* cka_;
  AdvisorView* advisor_;
  QList<Page*> pages_;
  Page* shownPage_ = nullptr;             ///< the page whose docks are shown
  QHash<QDockWidget*, bool> dockWanted_;  ///< a page's dock visibility while another is shown
  struct Work {
    bool busy = false;
    int done = 0, total = 0;
  };
  QHash<Page*, Work> work_;
};

}  // namespace ghostlens::ui
