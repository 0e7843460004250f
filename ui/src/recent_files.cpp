#include "ghostlens/ui/recent_files.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ghostlens::ui {

RecentFiles::RecentFiles(QMenu* menu, const QString& key, QObject* parent)
    : QObject(parent), menu_(menu), key_(key) {
  connect(menu_, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
  rebuildMenu();
}

QStringList RecentFiles::files() const { return QSettings().value(key_).toStringList(); }

void RecentFiles::add(const QString& path) {
  QStringList list = files();
  list.removeAll(path);
  list.prepend(path);
  while (list.size() > kMaximum) list.removeLast();
  QSettings().setValue(key_, list);
  rebuildMenu();
}

void RecentFiles::rebuildMenu() {
  menu_->clear();
  const QStringList list = files();
  for (const QString& path : list) {
    QAction* action = menu_->addAction(QFileInfo(path).fileName());
    action->setToolTip(path);
    connect(action, &QAction::triggered, this, [this, path] { Q_EMIT chosen(path); });
  }
  if (list.isEmpty()) menu_->addAction(tr("(none yet)"))->setEnabled(false);
}

}  // namespace ghostlens::ui
