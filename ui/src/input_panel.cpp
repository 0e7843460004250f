#include "ghostlens/ui/input_panel.h"

#include <torch/types.h>
#include <QIcon>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QtConcurrent/QtConcurrentRun>

#include "ghostlens/data/fashion_mnist.h"
#include "ghostlens/util/error_text.h"

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
      thumbnails_(new QListWidget(this)) {
  auto* open = new QPushButton(tr("Open image..."), this);
  auto* paste = new QPushButton(tr("Paste"), this);
  auto* show = new QPushButton(tr("Use"), this);
  current_->setWordWrap(true);
  picture_->setFixedSize(56, 56);
  picture_->setScaledContents(true);
  classFilter_->addItem(tr("All classes"), -1);
  for (int c = 0; c < static_cast<int>(FashionMnist::kClassNames.size()); ++c) {
    classFilter_->addItem(QString::fromLatin1(FashionMnist::kClassNames[c]), c);
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
  connect(&watcher_, &QFutureWatcher<Browser>::finished, this, [this] {
    browser_ = watcher_.result();
    if (!browser_.error.isEmpty()) {
      Q_EMIT failed(browser_.error);
      return;
    }
    index_->setMaximum(static_cast<int>(browser_.images.size()) - 1);
    fillBrowser();
  });
}

InputPanel::~InputPanel() { watcher_.waitForFinished(); }

void InputPanel::loadBrowser() {
  if (watcher_.isRunning() || !browser_.images.isEmpty()) return;
  watcher_.setFuture(QtConcurrent::run([]() -> Browser {
    Browser b;
    try {
      const FashionMnist test(FashionMnist::kDefaultDirectory, FashionMnist::Split::Test);
      const torch::Tensor images = test.images().contiguous();
      const torch::Tensor labels = test.labels().contiguous();
      for (int64_t i = 0; i < test.size(); ++i) {
        b.images.push_back(
            QImage(images[i].data_ptr<uint8_t>(), 28, 28, 28, QImage::Format_Grayscale8).copy());
        b.labels.push_back(static_cast<int>(labels.data_ptr<int64_t>()[i]));
      }
    } catch (const std::exception&) {
      b.error = QString::fromStdString(errorText(std::current_exception()));
    }
    return b;
  }));
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
                         .arg(QString::fromLatin1(FashionMnist::kClassNames[browser_.labels[i]])));
    thumbnails_->addItem(item);
  }
}

void InputPanel::showCurrent(const QString& description, const QImage& picture) {
  current_->setText(description);
  picture_->setPixmap(QPixmap::fromImage(picture));
}

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
