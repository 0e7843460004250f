#pragma once

#include <QImage>
#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace ghostlens::ui {

/// What the detail pane shows for one clicked map; every number comes from core.
struct MapDetail {
  QString title;
  QImage map;
  QImage input;                         ///< the model's input picture, for the overlay
  QVector<QPair<int, double>> similar;  ///< top-k maps of the layer and their scores
  int filterSize = 0;                   ///< cheap-op fit: d (0 when the metric is another)
  QVector<double> filter;               ///< d x d, row-major
  int filterSource = -1;                ///< the map the filter is fitted from
  QImage residual;                      ///< target - filter * source
  QString residualText;
};

/// The clicked map enlarged (optionally over the input), its most similar maps and, for the
/// cheap-op metric, the fitted filter and the residual map.
class MapDetailPane : public QWidget {
  Q_OBJECT
 public:
  explicit MapDetailPane(QWidget* parent = nullptr);

  void showDetail(const MapDetail& detail);
  void clear();
  int similarCount() const;  ///< rows of the top-k table
  QString title() const;
  /// The cheap-op fit's line ("Residual map ... (R^2 ...)"); empty for other metrics.
  QString residualText() const;
  /// The enlarged map as last drawn (its colours follow the explorer's colormap).
  QImage mapImage() const { return detail_.map; }

 Q_SIGNALS:
  /// A row of the top-k table was clicked.
  void similarChosen(int channel);

 private:
  void redrawMap();

  MapDetail detail_;
  QLabel* title_;
  QLabel* map_;
  QCheckBox* overlay_;
  QTableWidget* similar_;
  QLabel* filterTitle_;
  QTableWidget* filter_;
  QLabel* residual_;
  QLabel* residualText_;
};

}  // namespace ghostlens::ui
