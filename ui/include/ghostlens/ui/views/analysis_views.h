#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace ghostlens::ui {

class AblationView;
class AnalyticView;
class CkaView;
class DepthView;
class MainWindow;
class TrainingDialog;

/// Puts the analysis views into the main window: the depth, ablation, analytic trade-off and
/// CKA tabs next to the explorer, and a Train menu that opens the training dialog. It wires
/// them together (a depth-plot click selects the layer in the explorer, a recorded run reloads
/// the ablation view, every view's messages go to the status bar) and starts the background
/// work of the depth and CKA views the first time their tab is shown. The depth and CKA views
/// compare the explorer's pair when it comes from checkpoints (the shipped pair by default). The
/// views belong to the window; each cancels and joins its own work when destroyed.
class AnalysisViews : public QObject {
  Q_OBJECT
 public:
  /// @param storePath the experiment store the ablation view and the training dialog use
  ///        (empty: the user's default store)
  explicit AnalysisViews(MainWindow* window, const QString& storePath = {});

  DepthView* depth() const { return depth_; }
  AblationView* ablation() const { return ablation_; }
  AnalyticView* analytic() const { return analytic_; }
  CkaView* cka() const { return cka_; }
  /// The training dialog (one per window, made on first use).
  TrainingDialog* trainingDialog();
  void openTrainingDialog();

  /// The tab keys showTab() accepts: explorer, depth, ablation, analytic, cka.
  static QStringList tabKeys();
  /// Brings a tab to the front; false for an unknown key.
  bool showTab(const QString& key);

 private:
  void onTabChanged(int index);
  /// Points the depth and CKA views at the explorer's checkpoint pair (shipped or chosen files).
  void followExplorerPair();
  /// Hides the explorer's docks and tool bars (remembering which were shown), or shows those.
  void setExplorerChromeVisible(bool visible);

  MainWindow* window_;
  QString storePath_;
  DepthView* depth_;
  AblationView* ablation_;
  AnalyticView* analytic_;
  CkaView* cka_;
  TrainingDialog* training_ = nullptr;
  bool depthStarted_ = false;
  bool ckaStarted_ = false;
  QList<QPointer<QWidget>> hiddenChrome_;
};

}  // namespace ghostlens::ui
