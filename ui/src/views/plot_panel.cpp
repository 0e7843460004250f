#include "ghostlens/ui/views/plot_panel.h"

#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QVBoxLayout>

#include "../plot_canvas.h"
#include "../qcustomplot_include.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent), plot_(newPlotCanvas(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(plot_, &QWidget::customContextMenuRequested, this, &PlotPanel::showExportMenu);
}

QWidget* PlotPanel::canvas() const { return plot_; }

void PlotPanel::placeLegendBelow(int columns) {
  QCPLegend* legend = plot_->legend;
  plot_->axisRect()->insetLayout()->take(legend);
  const int row = plot_->plotLayout()->rowCount();
  plot_->plotLayout()->addElement(row, 0, legend);
  plot_->plotLayout()->setRowStretchFactor(row, 0.001);
  legend->setFillOrder(QCPLegend::foColumnsFirst);
  legend->setWrap(columns);
  legend->setBorderPen(Qt::NoPen);
  legend->setMargins(QMargins(4, 0, 4, 2));
}

bool PlotPanel::savePng(const QString& path, int width, int height) const {
  return plot_->savePng(path, width, height);
}

bool PlotPanel::savePdf(const QString& path, int width, int height) const {
  return plot_->savePdf(path, width, height);
}

bool PlotPanel::saveCsv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  const std::string text = toCsv(table());
  return file.write(text.data(), static_cast<qint64>(text.size())) ==
         static_cast<qint64>(text.size());
}

void PlotPanel::showExportMenu(const QPoint& at) {
  QMenu menu(this);
  for (const QString& format :
       {QStringLiteral("PNG"), QStringLiteral("PDF"), QStringLiteral("CSV")}) {
    menu.addAction(tr("Export %1...").arg(format), this, [this, format] { exportAs(format); });
  }
  menu.exec(plot_->mapToGlobal(at));
}

void PlotPanel::exportAs(const QString& format) {
  const QString suffix = format.toLower();
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export %1").arg(format), exportName() + "." + suffix,
                                   tr("%1 files (*.%2)").arg(format, suffix));
  if (path.isEmpty()) return;
  try {
    const bool saved = format == "PNG"   ? savePng(path)
                       : format == "PDF" ? savePdf(path)
                                         : saveCsv(path);
    Q_EMIT message(saved ? tr("Wrote %1").arg(path) : tr("Cannot write %1").arg(path));
  } catch (const std::exception&) {
    Q_EMIT message(QString::fromStdString(errorText(std::current_exception())));
  }
}

}  // namespace ghostlens::ui
