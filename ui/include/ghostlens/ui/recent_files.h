#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ghostlens::ui {

/// The most recently opened files (images and checkpoints), kept in QSettings, as a menu.
class RecentFiles : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMaximum = 8;
  explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

  /// Puts `path` first (once) and saves the list.
  void add(const QString& path);
  QStringList files() const { return files_; }

 Q_SIGNALS:
  void chosen(const QString& path);

 private:
  void rebuildMenu();

  QMenu* menu_;
  QStringList files_;
};

}  // namespace ghostlens::ui
