#pragma once

class QCustomPlot;
class QWidget;

namespace ghostlens::ui {

/// A QCustomPlot for our plot widgets. It ignores resizes to an empty size: QWidget::grab()
/// (--screenshot) sends hidden tab pages their pending 0x0 resizes, and QCustomPlot would replot
/// into an empty buffer, printing two QPainter warnings per plot. Its next real resize still
/// lays it out.
QCustomPlot* newPlotCanvas(QWidget* parent);

}  // namespace ghostlens::ui
