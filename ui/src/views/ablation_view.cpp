#include "ghostlens/ui/views/ablation_view.h"

#include <QFile>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include "ghostlens/resources/shipped_files.h"
#include "ghostlens/ui/views/training_dialog.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

namespace {

std::string readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw std::runtime_error(path.toStdString() + ": cannot read");
  }
  return file.readAll().toStdString();
}

}  // namespace

AblationView::AblationView(QWidget* parent, const QString& storePath)
    : Page(parent), storePath_(storePath), summary_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  auto* reloadButton = new QPushButton(tr("Reload"), this);
  top->addWidget(summary_, 1);
  top->addWidget(reloadButton);
  layout->addLayout(top);
  auto* grid = new QGridLayout;
  const SweepKind kinds[] = {SweepKind::Ratio, SweepKind::Kernel};
  const AblationPlot::Cost costs[] = {AblationPlot::Cost::Macs, AblationPlot::Cost::Params};
  for (int k = 0; k < 2; ++k) {
    for (int c = 0; c < 2; ++c) {
      plots_[k][c] = new AblationPlot(kinds[k], costs[c], this);
      plots_[k][c]->setMinimumSize(320, 240);
      grid->addWidget(plots_[k][c], k, c);
      connect(plots_[k][c], &PlotPanel::message, this, &Page::statusMessage);
    }
  }
  layout->addLayout(grid, 1);
  connect(reloadButton, &QPushButton::clicked, this, &AblationView::reload);
  try {
    paperPath_ = QString::fromStdString(paperTablePath());
  } catch (const std::runtime_error&) {
    // No resources folder found at all: the view still works from the store.
  }
  try {
    shippedPath_ = QString::fromStdString(shippedSweepPath());
  } catch (const std::runtime_error&) {
    // Not trained yet: the view works from the paper and the store alone.
  }
  try {
    advisedPath_ = QString::fromStdString(shippedAdvisedPath());
  } catch (const std::runtime_error&) {
    // The advisor's experiment not run yet.
  }
}

QString AblationView::title() const { return tr("Ablation"); }

QMenu* AblationView::menu() {
  if (menu_ == nullptr) {
    menu_ = new QMenu(tr("&Train"), this);
    menu_->addAction(tr("Train a model or a sweep..."), this, &AblationView::openTrainingDialog);
    menu_->addAction(tr("Reload the ablation view"), this, &AblationView::reload);
  }
  return menu_;
}

TrainingDialog* AblationView::trainingDialog() {
  if (training_ == nullptr) {
    training_ = new TrainingDialog(this);
    if (!storePath_.isEmpty()) training_->setStorePath(storePath_);
    connect(training_, &TrainingDialog::runRecorded, this, &AblationView::reload);
    connect(training_, &TrainingDialog::message, this, &Page::statusMessage);
  }
  return training_;
}

void AblationView::openTrainingDialog() {
  TrainingDialog* dialog = trainingDialog();
  dialog->show();
  dialog->raise();
  dialog->activateWindow();
}

void AblationView::trainModel(const ModelSpec& spec) {
  TrainingDialog* dialog = trainingDialog();
  TrainConfig config = dialog->config();
  config.spec = spec;
  dialog->setSweep(false);
  dialog->setConfig(config);
  openTrainingDialog();
}

void AblationView::setPaperTablePath(const QString& path) { paperPath_ = path; }
void AblationView::setShippedSweepPath(const QString& path) { shippedPath_ = path; }
void AblationView::setAdvisedPath(const QString& path) { advisedPath_ = path; }
void AblationView::setStorePath(const QString& path) { storePath_ = path; }

void AblationView::reload() {
  series_.clear();
  QStringList problems;
  auto take = [this, &problems](const char* what, auto read) {
    try {
      for (AblationSeries& s : read()) series_.push_back(std::move(s));
    } catch (const std::exception&) {
      problems << tr("%1: %2").arg(what,
                                   QString::fromStdString(errorText(std::current_exception())));
    }
  };
  if (!paperPath_.isEmpty())
    take("paper", [this] { return paperSeries(paperPath_.toStdString()); });
  if (!shippedPath_.isEmpty()) {
    take("shipped sweep",
         [this] { return storeSeries(runsFromJson(readAll(shippedPath_)), "shipped sweep"); });
  }
  if (!advisedPath_.isEmpty()) {
    // Only the plans: the experiment's uniform runs repeat the shipped sweep's s = 3 and 4.
    take("advisor experiment", [this] {
      std::vector<AblationSeries> advised;
      for (AblationSeries& s :
           storeSeries(runsFromJson(readAll(advisedPath_)), "advisor experiment")) {
        if (s.advised) advised.push_back(std::move(s));
      }
      return advised;
    });
  }
  if (!storePath_.isEmpty()) {
    take("store", [this] {
      ExperimentStore store(storePath_.toStdString());
      return storeSeries(store.runs(), "store");
    });
  }
  for (auto& row : plots_) {
    for (AblationPlot* plot : row) plot->setSeries(series_);
  }
  std::size_t points = 0;
  for (const AblationSeries& s : series_) points += s.points.size();
  summary_->setText(tr("%1 series, %2 configurations. Hover a point for its run; click a legend "
                       "entry to hide or show a series; right-click a plot to export it.")
                        .arg(series_.size())
                        .arg(points));
  if (!problems.isEmpty()) Q_EMIT statusMessage(problems.join("; "));
}

AblationPlot* AblationView::plot(SweepKind kind, AblationPlot::Cost cost) const {
  return plots_[kind == SweepKind::Ratio ? 0 : 1][cost == AblationPlot::Cost::Macs ? 0 : 1];
}

std::vector<PlotPanel*> AblationView::plots() const {
  return {plots_[0][0], plots_[0][1], plots_[1][0], plots_[1][1]};
}

}  // namespace ghostlens::ui
