#include "ghostlens/ui/views/ablation_plot.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "../qcustomplot_include.h"
#include "ghostlens/analysis/pareto.h"
#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

namespace {

const QColor kPalette[] = {QColor(40, 90, 180),  QColor(230, 120, 40), QColor(60, 150, 70),
                           QColor(190, 50, 60),  QColor(130, 80, 170), QColor(120, 110, 90),
                           QColor(30, 160, 170), QColor(200, 80, 160)};
constexpr int kPickRadius = 8;  // pixels

template <typename Plottable>
QVector<QPointF> plottedPoints(const Plottable* plottable) {
  QVector<QPointF> points;
  for (auto it = plottable->data()->constBegin(); it != plottable->data()->constEnd(); ++it) {
    points.push_back(QPointF(it->key, it->value));
  }
  return points;
}

/// The rectangle of a label's text, from its anchor, alignment, padding and font.
QRectF labelRect(const QCPItemText* label) {
  const QPointF anchor = label->position->pixelPosition();
  const QMargins pad = label->padding();
  const QSizeF text = QFontMetricsF(label->font()).size(Qt::TextSingleLine, label->text());
  const QSizeF size(text.width() + pad.left() + pad.right(),
                    text.height() + pad.top() + pad.bottom());
  const Qt::Alignment a = label->positionAlignment();
  const double x = a & Qt::AlignRight ? anchor.x() - size.width() : anchor.x();
  const double y = a & Qt::AlignBottom ? anchor.y() - size.height() : anchor.y();
  // The text itself: the padding is the gap that keeps it off its own point.
  return QRectF(QPointF(x, y), size).marginsRemoved(QMarginsF(pad));
}

}  // namespace

void AblationPlot::placeLabels() {
  constexpr int kMarker = 4;  // half a point marker, in pixels
  const Qt::Alignment places[] = {Qt::AlignLeft | Qt::AlignBottom, Qt::AlignRight | Qt::AlignBottom,
                                  Qt::AlignLeft | Qt::AlignTop, Qt::AlignRight | Qt::AlignTop};
  QVector<QRectF> taken;
  for (const Drawn& d : series_) {
    if (!d.points->visible()) continue;
    for (const QPointF& point : plottedPoints(d.points)) {
      const QPointF at(plot()->xAxis->coordToPixel(point.x()),
                       plot()->yAxis->coordToPixel(point.y()));
      taken.push_back(QRectF(at - QPointF(kMarker, kMarker), QSizeF(2 * kMarker, 2 * kMarker)));
    }
  }
  const QRectF inside = plot()->axisRect()->rect();
  for (const Drawn& d : series_) {
    if (!d.points->visible()) continue;
    for (QCPItemText* label : d.labels) {
      bool placed = false;
      for (const Qt::Alignment place : places) {
        label->setPositionAlignment(place);
        label->setPadding(place & Qt::AlignLeft ? QMargins(kMarker + 1, 0, 0, 0)
                                                : QMargins(0, 0, kMarker + 1, 0));
        const QRectF r = labelRect(label);
        const bool free =
            inside.contains(r) && std::none_of(taken.begin(), taken.end(),
                                               [&r](const QRectF& t) { return t.intersects(r); });
        if (free) {
          taken.push_back(r);
          placed = true;
          break;
        }
      }
      label->setVisible(placed);
    }
  }
}

QVector<QRectF> AblationPlot::labelRects(int series) const {
  QVector<QRectF> rects;
  for (const QCPItemText* label : series_.at(series).labels) {
    rects.push_back(label->visible() ? QRectF(labelRect(label).translated(plot()->pos()))
                                     : QRectF());
  }
  return rects;
}

AblationPlot::AblationPlot(SweepKind kind, Cost cost, QWidget* parent)
    : PlotPanel(parent), kind_(kind), cost_(cost) {
  QCustomPlot* p = plot();
  p->xAxis->setScaleType(QCPAxis::stLogarithmic);
  p->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  p->xAxis->setNumberFormat("eb");
  p->xAxis->setNumberPrecision(0);
  p->xAxis->setLabel(cost == Cost::Macs ? tr("MACs per image (log)") : tr("parameters (log)"));
  p->yAxis->setLabel(tr("test accuracy (%)"));
  p->plotLayout()->insertRow(0);
  p->plotLayout()->addElement(
      0, 0,
      new QCPTextElement(
          p,
          (kind == SweepKind::Ratio ? tr("s sweep (d = 3)") : tr("d sweep (s = 2)")) +
              tr(": accuracy vs ") + (cost == Cost::Macs ? tr("MACs") : tr("params")),
          QFont(font().family(), 10, QFont::Bold)));
  p->legend->setVisible(true);
  p->legend->setFont(QFont(font().family(), 7));
  placeLegendBelow(1);
  p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  p->setMouseTracking(true);
  connect(p, &QCustomPlot::mouseMove, this, &AblationPlot::onMouseMove);
  connect(p, &QCustomPlot::afterLayout, this, &AblationPlot::placeLabels);
  connect(p, &QCustomPlot::legendClick, this, &AblationPlot::onLegendClick);
}

double AblationPlot::costOf(const AblationPoint& point) const {
  return cost_ == Cost::Macs ? point.macs : point.params;
}

void AblationPlot::setSeries(const std::vector<AblationSeries>& series) {
  QCustomPlot* p = plot();
  p->clearItems();
  p->clearPlottables();
  series_.clear();
  double xMin = INFINITY, xMax = 0, yMin = 100, yMax = 0;
  for (const AblationSeries& s : series) {
    if (s.kind != kind_ || s.points.empty()) continue;
    const QColor color = kPalette[series_.size() % std::size(kPalette)];
    Drawn d;
    d.series = s;
    // A curve, not a graph: a graph sorts its points by key, a curve keeps the series' order.
    d.points = new QCPCurve(p->xAxis, p->yAxis);
    d.points->setName(QString::fromStdString(s.name));
    d.points->setLineStyle(QCPCurve::lsNone);
    d.points->setScatterStyle(QCPScatterStyle(
        s.paper ? QCPScatterStyle::ssDiamond : QCPScatterStyle::ssCircle, color, color, 7));
    d.points->setPen(QPen(color));
    std::vector<double> costs, accuracies;
    for (const AblationPoint& point : s.points) {
      const double x = costOf(point), y = point.accuracy * 100;
      d.points->addData(x, y);
      costs.push_back(x);
      accuracies.push_back(y);
      auto* label = new QCPItemText(p);
      label->position->setCoords(x, y);
      label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
      label->setPadding(QMargins(4, 0, 0, 2));
      label->setText(QString::fromStdString(point.label));
      label->setColor(color);
      label->setFont(QFont(font().family(), 7));
      d.labels.push_back(label);
      xMin = std::min(xMin, x);
      xMax = std::max(xMax, x);
      yMin = std::min(yMin, y);
      yMax = std::max(yMax, y);
    }
    d.frontier = p->addGraph();
    d.frontier->removeFromLegend();
    QPen dashed(color);
    dashed.setStyle(Qt::DashLine);
    d.frontier->setPen(dashed);
    // The frontier is a staircase in data order; keys are added sorted, as the graph wants.
    for (const std::size_t i : paretoFrontier(costs, accuracies)) {
      d.frontier->addData(costs[i], accuracies[i]);
    }
    series_.push_back(std::move(d));
  }
  if (xMax > 0) {
    p->xAxis->setRange(xMin / 1.6, xMax * 1.6);
    const double pad = std::max(0.5, (yMax - yMin) * 0.15);
    p->yAxis->setRange(yMin - pad, yMax + pad);
  }
  p->replot();
}

QString AblationPlot::seriesName(int series) const {
  return QString::fromStdString(series_.at(series).series.name);
}

QVector<QPointF> AblationPlot::drawnPoints(int series) const {
  return plottedPoints(series_.at(series).points);
}

QStringList AblationPlot::drawnLabels(int series) const {
  QStringList labels;
  for (const QCPItemText* label : series_.at(series).labels) labels << label->text();
  return labels;
}

QVector<QPointF> AblationPlot::drawnFrontier(int series) const {
  return plottedPoints(series_.at(series).frontier);
}

bool AblationPlot::isSeriesVisible(int series) const {
  return series_.at(series).points->visible();
}

void AblationPlot::setSeriesVisible(int series, bool visible) {
  Drawn& d = series_.at(series);
  d.points->setVisible(visible);
  d.frontier->setVisible(visible);
  for (QCPItemText* label : d.labels) label->setVisible(visible);
  if (auto* item = plot()->legend->itemWithPlottable(d.points)) {
    item->setTextColor(visible ? Qt::black : Qt::gray);
  }
  plot()->replot();
}

QRect AblationPlot::legendItemRect(int series) const {
  const QCPAbstractLegendItem* item = plot()->legend->itemWithPlottable(series_.at(series).points);
  if (!item) return {};
  return item->rect().translated(plot()->pos());
}

QPoint AblationPlot::pointPosition(int series, int index) const {
  const Drawn& d = series_.at(series);
  const AblationPoint& point = d.series.points.at(index);
  return d.points->coordsToPixels(costOf(point), point.accuracy * 100).toPoint() + plot()->pos();
}

QString AblationPlot::toolTipAt(const QPoint& pos) const {
  const QPointF at = pos - plot()->pos();
  double best = kPickRadius;
  QString text;
  for (const Drawn& d : series_) {
    if (!d.points->visible()) continue;
    for (const AblationPoint& point : d.series.points) {
      const QPointF pixel = d.points->coordsToPixels(costOf(point), point.accuracy * 100);
      const double distance = std::hypot(pixel.x() - at.x(), pixel.y() - at.y());
      if (distance <= best) {
        best = distance;
        text = QString::fromStdString(d.series.name + "\n" + point.details);
      }
    }
  }
  return text;
}

void AblationPlot::onMouseMove(QMouseEvent* event) {
  const QPoint local = event->pos() + plot()->pos();
  const QString text = toolTipAt(local);
  if (text.isEmpty()) {
    QToolTip::hideText();
  } else {
    QToolTip::showText(event->globalPosition().toPoint(), text, plot());
  }
}

void AblationPlot::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
  auto* entry = qobject_cast<QCPPlottableLegendItem*>(item);
  if (!entry) return;
  for (int i = 0; i < seriesCount(); ++i) {
    if (series_[i].points == entry->plottable()) setSeriesVisible(i, !isSeriesVisible(i));
  }
}

CsvTable AblationPlot::table() const {
  CsvTable t;
  t.header = {"series",           "label",       "s",     "d", "params", "macs",
              "accuracy_percent", "on_frontier", "run_id"};
  for (const Drawn& d : series_) {
    std::vector<double> costs, accuracies;
    for (const AblationPoint& point : d.series.points) {
      costs.push_back(costOf(point));
      accuracies.push_back(point.accuracy * 100);
    }
    const std::vector<std::size_t> frontier = paretoFrontier(costs, accuracies);
    for (std::size_t i = 0; i < d.series.points.size(); ++i) {
      const AblationPoint& point = d.series.points[i];
      const bool onFrontier = std::find(frontier.begin(), frontier.end(), i) != frontier.end();
      t.rows.push_back({d.series.name, point.label, std::to_string(point.ratio),
                        std::to_string(point.dw), csvNumber(point.params), csvNumber(point.macs),
                        csvNumber(point.accuracy * 100), onFrontier ? "1" : "0",
                        std::to_string(point.runId)});
    }
  }
  return t;
}

QString AblationPlot::exportName() const {
  return QStringLiteral("ablation-%1-%2")
      .arg(kind_ == SweepKind::Ratio ? "s" : "d", cost_ == Cost::Macs ? "macs" : "params");
}

}  // namespace ghostlens::ui
