#include "ghostlens/ui/views/cka_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include "ghostlens/data/dataset_paths.h"
#include "ghostlens/session/pair_views.h"

namespace ghostlens::ui {

CkaView::CkaView(QWidget* parent)
    : ModelAnalysisPage(tr("Compute"), parent),
      count_(new QSpinBox(this)),
      plot_(new CkaPlot(this)),
      task_(new BackgroundTask<CkaGrid>(this)) {
  count_->setRange(4, 10000);
  count_->setValue(256);
  count_->setSingleStep(64);
  controls()->addWidget(new QLabel(tr("Fashion-MNIST test images"), this));
  controls()->addWidget(count_);
  setContent(plot_);
  watch(task_);
  // A cancelled run arrives as BackgroundTask's cancelled(), never here.
  task_->onFinished([this](const CkaGrid& grid) {
    plot_->setGrid(grid);
    done(tr("%1 x %2 layers over %3 images")
             .arg(grid.rows.size())
             .arg(grid.cols.size())
             .arg(grid.samples));
  });
  connect(plot_, &PlotPanel::message, this, &Page::statusMessage);
  connect(count_, &QSpinBox::valueChanged, this, &CkaView::updateSubject);
  updateSubject();
}

QString CkaView::title() const { return tr("CKA"); }

QString CkaView::inputText() const {
  return tr("the first %1 Fashion-MNIST test images").arg(count_->value());
}

void CkaView::setImageCount(int count) { count_->setValue(count); }

void CkaView::launch(const PairSource& models) {
  const std::string directory = std::string(kFashionMnistDirectory);
  const int64_t count = count_->value();
  task_->run([=](const TaskProgress& progress) {
    return pairCka(models, directory, count, [&](int64_t done, int64_t total) {
      return progress.report(static_cast<std::size_t>(done), static_cast<std::size_t>(total));
    });
  });
}

}  // namespace ghostlens::ui
