#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include "ghostlens/session/input_source.h"
#include "ghostlens/session/model_source.h"

class QAction;
class QDockWidget;
class QMenu;
class QSettings;

namespace ghostlens::ui {

/// A dock a page brings, and where the window puts it first.
struct PageDock {
  QDockWidget* dock = nullptr;
  Qt::DockWidgetArea area = Qt::LeftDockWidgetArea;
  QDockWidget* tabWith = nullptr;  ///< first shown as a tab of this dock (nullptr: on its own)
};

/// A page of the main window (explorer, cost, depth, ablation, trade-offs, CKA): a widget that
/// brings its own actions, docks and status text. The window hosts pages and never reaches
/// into one; a page never reaches into the window.
class Page : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;

  /// The key of `ghostlens --tab` ("explorer", "depth", ...) and the tab's title.
  virtual QString key() const = 0;
  virtual QString title() const = 0;
  /// Actions the window puts in its File menu.
  virtual QList<QAction*> fileActions() { return {}; }
  /// A menu of the page's own that the window adds to its menu bar (nullptr: none).
  virtual QMenu* menu() { return nullptr; }
  /// Docks the window shows beside the page while it is in front.
  virtual QList<PageDock> docks() const { return {}; }
  /// The page came to the front (work that waits until someone looks starts here).
  virtual void activated() {}
  /// Whether the page shows the model bar's models (the window shows the bar above it).
  virtual bool usesModels() const { return false; }
  /// The models the window shows changed (the model bar).
  virtual void setModels(const PairSource& models) { (void)models; }
  /// The input the explorer shows changed (`description`: its one line, "chelsea.png").
  virtual void setInput(const InputSource& input, const QString& description) {
    (void)input;
    (void)description;
  }
  /// Whether other pages have background work under way. A page that measures time waits
  /// until they are done, since they would share its cores.
  virtual void setOthersBusy(bool busy) { (void)busy; }
  /// Stops the page's background work (the status bar's Cancel).
  virtual void cancelWork() {}
  virtual void restoreSettings(const QSettings& settings) { (void)settings; }
  virtual void saveSettings(QSettings& settings) const { (void)settings; }

 Q_SIGNALS:
  /// A line for the status bar.
  void statusMessage(const QString& text);
  /// The page's background work started or ended; (done, total) while it runs, (0, 0) when the
  /// amount is not known.
  void busyChanged(bool busy);
  void progressChanged(int done, int total);
};

}  // namespace ghostlens::ui
