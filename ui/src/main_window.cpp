#include "ghostlens/ui/main_window.h"

#include <QLabel>
#include <QStatusBar>
#include <QToolBar>

#include "ghostlens/ui/complexity_job.h"
#include "ghostlens/ui/complexity_plot.h"
#include "ghostlens/ui/model_pair_bar.h"

namespace ghostlens::ui {

namespace {
QString millions(int64_t value) {
  return QString::number(static_cast<double>(value) / 1e6, 'f', 2) + "M";
}
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      modelBar_(new ModelPairBar(this)),
      plot_(new ComplexityPlot(this)),
      job_(new ComplexityJob(this)) {
  setWindowTitle(tr("GhostLens"));
  auto* toolbar = addToolBar(tr("Model pair"));
  toolbar->setObjectName("modelPairToolBar");
  toolbar->setMovable(false);
  toolbar->addWidget(modelBar_);
  setCentralWidget(plot_);
  statusBar()->showMessage(tr("Counting..."));
  resize(1100, 650);

  connect(modelBar_, &ModelPairBar::specChanged, this, &MainWindow::requestCount);
  connect(job_, &ComplexityJob::finished, this, &MainWindow::showComparison);
  connect(job_, &ComplexityJob::failed, this, &MainWindow::showError);
  requestCount();
}

MainWindow::~MainWindow() = default;

bool MainWindow::isBusy() const { return job_->isRunning(); }

void MainWindow::requestCount() {
  statusBar()->showMessage(tr("Counting params and MACs..."));
  job_->start(modelBar_->ghostSpec());
}

void MainWindow::showComparison(const ComplexityComparison& result) {
  QStringList names;
  QVector<double> vanilla, ghost;
  // Layers pair up by name; those without MACs (BN, activations, pools) are left out of the plot.
  for (std::size_t i = 0; i < result.ghostLayers.size() && i < result.vanillaLayers.size(); ++i) {
    const LayerTotal& g = result.ghostLayers[i];
    const LayerTotal& v = result.vanillaLayers[i];
    if (g.macs == 0 && v.macs == 0) continue;
    names << QString::fromStdString(g.name);
    vanilla << static_cast<double>(v.macs);
    ghost << static_cast<double>(g.macs);
  }
  plot_->setLayers(names, vanilla, ghost);
  const auto& vr = result.vanillaReport;
  const auto& gr = result.ghostReport;
  statusBar()->showMessage(
      tr("vanilla: %1 params, %2 MACs   |   ghost (s=%3, d=%4): %5 params, %6 MACs   |   "
         "compression %7x, speed-up %8x")
          .arg(millions(vr.params), millions(vr.macs))
          .arg(result.ghost.ratio)
          .arg(result.ghost.dw)
          .arg(millions(gr.params), millions(gr.macs))
          .arg(static_cast<double>(vr.params) / static_cast<double>(gr.params), 0, 'f', 2)
          .arg(static_cast<double>(vr.macs) / static_cast<double>(gr.macs), 0, 'f', 2));
  Q_EMIT viewUpdated();
}

void MainWindow::showError(const QString& message) {
  statusBar()->showMessage(tr("Error: %1").arg(message));
  Q_EMIT viewUpdated();
}

}  // namespace ghostlens::ui
