#pragma once

#include <QString>
#include <QWidget>

#include "ghostlens/util/csv_table.h"

class QCustomPlot;

namespace ghostlens::ui {

/// A QCustomPlot that exports itself: PNG and PDF of what it draws, and CSV of the data behind
/// it (right-click menu, or the save functions). Every plot of the analysis views derives from it.
class PlotPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PlotPanel(QWidget* parent = nullptr);

  /// Writes the plot as PNG at its current size (or width x height when both are > 0).
  bool savePng(const QString& path, int width = 0, int height = 0) const;
  /// Writes the plot as a vector PDF.
  bool savePdf(const QString& path, int width = 0, int height = 0) const;
  /// Writes table() as CSV.
  bool saveCsv(const QString& path) const;
  /// The data the plot draws, one row per drawn point.
  virtual CsvTable table() const = 0;
  /// A short file-name stem for the export dialog ("ablation-macs-s").
  virtual QString exportName() const { return QStringLiteral("plot"); }
  /// The widget that draws (the QCustomPlot), for clicks in tests.
  QWidget* canvas() const;

 Q_SIGNALS:
  /// An export from the menu failed or succeeded; the host shows it in its status bar.
  void message(const QString& text);

 protected:
  QCustomPlot* plot() const { return plot_; }
  /// Moves the legend out of the axis rect into a row under the plot, `columns` entries a row,
  /// so that it never hides a point.
  void placeLegendBelow(int columns);

 private:
  void showExportMenu(const QPoint& at);
  void exportAs(const QString& format);

  QCustomPlot* plot_;
};

}  // namespace ghostlens::ui
