#include "ghostlens/ui/recent_files.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ghostlens::ui {

namespace {
const char* const kKey = "recentFiles";
}

RecentFiles::RecentFiles(QMenu* menu, QObject* parent)
    : QObject(parent), menu_(menu), files_(QSettings().value(kKey).toStringList()) {
  rebuildMenu();
}

void RecentFiles::add(const QString& path) {
  files_.removeAll(path);
  files_.prepend(path);
  while (files_.size() > kMaximum) files_.removeLast();
  QSettings().setValue(kKey, files_);
  rebuildMenu();
}

void RecentFiles::rebuildMenu() {
  menu_->clear();
  for (const QString& path : files_) {
    QAction* action = menu_->addAction(QFileInfo(path).fileName());
    action->setToolTip(path);
    connect(action, &QAction::triggered, this, [this, path] { Q_EMIT chosen(path); });
  }
  menu_->setEnabled(!files_.isEmpty());
}

}  // namespace ghostlens::ui
