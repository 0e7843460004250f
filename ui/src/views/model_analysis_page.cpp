#include "ghostlens/ui/views/model_analysis_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ghostlens::ui {

ModelAnalysisPage::ModelAnalysisPage(const QString& runText, QWidget* parent)
    : Page(parent),
      settings_(new QHBoxLayout),
      run_(new QPushButton(runText, this)),
      status_(new QLabel(this)) {
  auto* row = new QHBoxLayout;
  row->addLayout(settings_);
  row->addWidget(run_);
  row->addWidget(status_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(row);
  connect(run_, &QPushButton::clicked, this, &ModelAnalysisPage::start);
  try {
    models_ = PairSource::shipped();
  } catch (const std::runtime_error& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
}

void ModelAnalysisPage::setContent(QWidget* content) {
  static_cast<QVBoxLayout*>(layout())->addWidget(content, 1);
}

void ModelAnalysisPage::watch(BackgroundTaskBase* task) {
  task_ = task;
  connect(task, &BackgroundTaskBase::busyChanged, this, [this](bool busy) {
    run_->setEnabled(!busy);
    Q_EMIT busyChanged(busy);
  });
  connect(task, &BackgroundTaskBase::progress, this, [this](qint64 done, qint64 total) {
    Q_EMIT progressChanged(static_cast<int>(done), static_cast<int>(total));
  });
  connect(task, &BackgroundTaskBase::failed, this, [this](const QString& message) {
    status_->setText(message);
    Q_EMIT statusMessage(tr("%1: %2").arg(title(), message));
    Q_EMIT failed(message);
    Q_EMIT finished();
  });
  connect(task, &BackgroundTaskBase::cancelled, this, [this] {
    status_->setText(tr("cancelled"));
    Q_EMIT statusMessage(tr("%1: cancelled").arg(title()));
    Q_EMIT finished();
  });
}

void ModelAnalysisPage::setModels(const PairSource& models) {
  models_ = models;
  started_ = false;  // computed again the next time it is looked at (now, if it is in front)
  if (isVisible()) activated();
}

void ModelAnalysisPage::activated() {
  // Both models run over images: only once someone looks at the page.
  if (started_) return;
  started_ = true;
  start();
}

void ModelAnalysisPage::start() {
  if (!models_) {
    status_->setText(tr("no models to analyse"));
    return;
  }
  status_->setText(tr("analysing %1...").arg(QString::fromStdString(models_->first.label())));
  launch(*models_);
}

void ModelAnalysisPage::cancel() {
  if (task_ != nullptr) task_->cancel();
}

bool ModelAnalysisPage::isBusy() const { return task_ != nullptr && task_->isBusy(); }

void ModelAnalysisPage::done(const QString& status) {
  status_->setText(status);
  Q_EMIT statusMessage(tr("%1: %2").arg(title(), status));
  Q_EMIT finished();
}

}  // namespace ghostlens::ui
