#include "plot_canvas.h"

#include <QResizeEvent>

#include "qcustomplot_include.h"

namespace ghostlens::ui {

namespace {

class EmptyResizeFilter : public QObject {
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Resize && static_cast<QResizeEvent*>(event)->size().isEmpty()) {
      return true;
    }
    return QObject::eventFilter(watched, event);
  }
};

}  // namespace

QCustomPlot* newPlotCanvas(QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plot->installEventFilter(new EmptyResizeFilter(plot));
  return plot;
}

}  // namespace ghostlens::ui
