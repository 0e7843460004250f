#include "ghostlens/ui/views/model_analysis_page.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ghostlens::ui {

ModelAnalysisPage::ModelAnalysisPage(const QString& runText, QWidget* parent)
    : Page(parent),
      settings_(new QHBoxLayout),
      run_(new QPushButton(runText, this)),
      status_(new QLabel(this)),
      subject_(new QLabel(this)),
      pin_(new QCheckBox(tr("Pin these models"), this)) {
  auto* row = new QHBoxLayout;
  row->addLayout(settings_);
  row->addWidget(run_);
  row->addWidget(status_, 1);
  subject_->setWordWrap(true);
  subject_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  subject_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  pin_->setToolTip(tr("Keep analysing these models when the window's models change"));
  auto* subjectRow = new QHBoxLayout;
  subjectRow->addWidget(subject_, 1);
  subjectRow->addWidget(pin_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(subjectRow);
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
  if (pin_->isChecked() && models_) return;
  models_ = models;
  updateSubject();
  restartWhenShown();
}

void ModelAnalysisPage::restartWhenShown() {
  started_ = false;
  if (isVisible()) activated();
}

void ModelAnalysisPage::activated() {
  // Both models run over images: only once someone looks at the page.
  if (started_) return;
  started_ = true;
  start();
}

void ModelAnalysisPage::start() {
  updateSubject();
  if (!models_) {
    status_->setText(tr("no models to analyse"));
    return;
  }
  status_->setText(tr("analysing %1...").arg(QString::fromStdString(models_->first.label())));
  launch(*models_);
}

QString ModelAnalysisPage::subject() const { return subject_->text(); }

void ModelAnalysisPage::setPinned(bool pinned) { pin_->setChecked(pinned); }

void ModelAnalysisPage::updateSubject() {
  if (!models_) {
    subject_->setText(tr("No models"));
    return;
  }
  QString models = QString::fromStdString(models_->first.label());
  if (models_->second) models += "  |  " + QString::fromStdString(models_->second->label());
  subject_->setText(tr("Models: %1; input: %2").arg(models, inputText()));
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
