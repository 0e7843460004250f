#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

#include "ghostlens/ui/background_task.h"

class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;

namespace ghostlens::ui {

/// Chooses the input: an image file, the clipboard, or a Fashion-MNIST test image from a browser
/// of thumbnails filtered by class. Drag and drop is handled by the explorer page.
class InputPanel : public QWidget {
  Q_OBJECT
 public:
  explicit InputPanel(QWidget* parent = nullptr);
  ~InputPanel() override;

  /// Shows what the models currently look at.
  /// The input shown: its name, what was done to it for the model, and the picture the model
  /// receives (after grey conversion, resize or crop).
  void showCurrent(const QString& description, const QString& preparation, const QImage& picture);
  QString currentText() const;
  QImage currentPicture() const;
  /// Reads Fashion-MNIST's test split for the browser (off the GUI thread).
  void loadBrowser();
  /// Takes an image (or an image file's path) from the clipboard.
  void paste();

 Q_SIGNALS:
  void imageFileChosen(const QString& path);
  void fashionMnistChosen(int index);
  void imagePasted(const QImage& image);
  void failed(const QString& message);

 private:
  struct Browser {
    QVector<QImage> images;
    QVector<int> labels;
  };
  void fillBrowser();
  void openFile();

  QLabel* current_;
  QLabel* picture_;
  QComboBox* classFilter_;
  QSpinBox* index_;
  QListWidget* thumbnails_;
  BackgroundTask<Browser>* loader_;
  Browser browser_;
};

}  // namespace ghostlens::ui
