#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace ghostlens::ui {

/// The most recently opened files of one kind (images, or weights), kept in QSettings under
/// `key`, as a menu. Menus on the same key show the same list: each reads it when it opens.
class RecentFiles : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMaximum = 8;
  RecentFiles(QMenu* menu, const QString& key, QObject* parent = nullptr);

  /// Puts `path` first (once) and saves the list.
  void add(const QString& path);
  QStringList files() const;

 Q_SIGNALS:
  void chosen(const QString& path);

 private:
  void rebuildMenu();

  QMenu* menu_;
  QString key_;
};

}  // namespace ghostlens::ui
