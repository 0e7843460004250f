#include "ghostlens/ui/input_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>

#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/data/fashion_mnist_images.h"

namespace ghostlens::ui {

namespace {
constexpr int kThumbnails = 120;  // per class view: enough to choose from, quick to draw
}

InputPanel::InputPanel(QWidget* parent)
    : QWidget(parent),
      current_(new QLabel(tr("No input yet"), this)),
      picture_(new QLabel(this)),
      classFilter_(new QComboBox(this)),
      index_(new QSpinBox(this)),
      thumbnails_(new QListWidget(this)),
      loader_(new BackgroundTask<Browser>(this)) {
  auto* open = new QPushButton(tr("Open image..."), this);
  auto* paste = new QPushButton(tr("Paste"), this);
  auto* show = new QPushButton(tr("Use"), this);
  current_->setWordWrap(true);
  picture_->setFixedSize(56, 56);
  picture_->setScaledContents(true);
  classFilter_->addItem(tr("All classes"), -1);
  const auto& classes = fashionMnistClassNames();
  for (int c = 0; c < static_cast<int>(classes.size()); ++c) {
    classFilter_->addItem(QString::fromLatin1(classes[c]), c);
  }
  index_->setRange(0, 9999);
  index_->setPrefix(tr("test #"));
  thumbnails_->setViewMode(QListView::IconMode);
  thumbnails_->setIconSize(QSize(28, 28));
  thumbnails_->setGridSize(QSize(40, 40));
  thumbnails_->setResizeMode(QListView::Adjust);
  thumbnails_->setMovement(QListView::Static);

  auto* layout = new QGridLayout(this);
  layout->addWidget(picture_, 0, 0, 2, 1);
  layout->addWidget(current_, 0, 1, 1, 2);
  layout->addWidget(open, 1, 1);
  layout->addWidget(paste, 1, 2);
  layout->addWidget(new QLabel(tr("Fashion-MNIST"), this), 2, 0);
  layout->addWidget(classFilter_, 2, 1, 1, 2);
  layout->addWidget(index_, 3, 1);
  layout->addWidget(show, 3, 2);
  layout->addWidget(thumbnails_, 4, 0, 1, 3);
  layout->setRowStretch(4, 1);

  connect(open, &QPushButton::clicked, this, &InputPanel::openFile);
  connect(paste, &QPushButton::clicked, this, &InputPanel::paste);
  connect(show, &QPushButton::clicked, this,
          [this] { Q_EMIT fashionMnistChosen(index_->value()); });
  connect(classFilter_, &QComboBox::currentIndexChanged, this, &InputPanel::fillBrowser);
  connect(thumbnails_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    index_->setValue(item->data(Qt::UserRole).toInt());
    Q_EMIT fashionMnistChosen(item->data(Qt::UserRole).toInt());
  });
  loader_->onFinished([this](Browser browser) {
    browser_ = std::move(browser);
    index_->setMaximum(static_cast<int>(browser_.images.size()) - 1);
    fillBrowser();
  });
  connect(loader_, &BackgroundTaskBase::failed, this, &InputPanel::failed);
}

InputPanel::~InputPanel() = default;

void InputPanel::loadBrowser() {
  if (loader_->isBusy() || !browser_.images.isEmpty()) return;
  loader_->run([](const TaskProgress&) {
    const FashionMnistImages test = fashionMnistTestImages(kFashionMnistDirectory);
    Browser b;
    for (std::size_t i = 0; i < test.pixels.size(); ++i) {
      b.images.push_back(QImage(test.pixels[i].data(), test.width, test.height, test.width,
                                QImage::Format_Grayscale8)
                             .copy());
      b.labels.push_back(test.labels[i]);
    }
    return b;
  });
}

void InputPanel::fillBrowser() {
  thumbnails_->clear();
  const int wanted = classFilter_->currentData().toInt();
  for (int i = 0; i < browser_.images.size() && thumbnails_->count() < kThumbnails; ++i) {
    if (wanted >= 0 && browser_.labels[i] != wanted) continue;
    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(browser_.images[i])), QString());
    item->setData(Qt::UserRole, i);
    item->setToolTip(tr("test #%1: %2")
                         .arg(i)
                         .arg(QString::fromLatin1(fashionMnistClassNames()[browser_.labels[i]])));
    thumbnails_->addItem(item);
  }
}

void InputPanel::showCurrent(const QString& description, const QString& preparation,
                             const QImage& picture) {
  current_->setText(preparation.isEmpty()
                        ? description
                        : description + "\n" + tr("Model sees: %1").arg(preparation));
  current_->setToolTip(current_->text());
  picture_->setPixmap(QPixmap::fromImage(picture));
  picture_->setToolTip(tr("What the model receives"));
}

QString InputPanel::currentText() const { return current_->text(); }

QImage InputPanel::currentPicture() const { return picture_->pixmap().toImage(); }

void InputPanel::openFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open an image"), QString(),
      tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.pgm *.ppm)"));
  if (!path.isEmpty()) Q_EMIT imageFileChosen(path);
}

void InputPanel::paste() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (mime != nullptr && mime->hasImage()) {
    Q_EMIT imagePasted(qvariant_cast<QImage>(mime->imageData()));
  } else if (mime != nullptr && mime->hasUrls() && mime->urls().front().isLocalFile()) {
    Q_EMIT imageFileChosen(mime->urls().front().toLocalFile());
  } else {
    Q_EMIT failed(tr("The clipboard holds no image"));
  }
}

}  // namespace ghostlens::ui
