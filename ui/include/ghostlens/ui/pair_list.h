#pragma once

#include <QVector>
#include <QWidget>

#include "ghostlens/ui/feature_grid_view.h"

class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace ghostlens::ui {

/// Every redundant pair of the shown layer, of both models, as a table (model, map a, map b,
/// score, the frame's colour) sortable by any column. Choosing a row asks for the pair to be
/// shown: the page selects it and scrolls the grids to it.
class PairList : public QWidget {
  Q_OBJECT
 public:
  explicit PairList(QWidget* parent = nullptr);

  /// `right` is ignored unless `paired`.
  void setPairs(const QVector<HighlightedPair>& left, const QVector<HighlightedPair>& right,
                bool paired);
  int rowCount() const;
  QTableView* table() const { return table_; }
  /// Row `row` as shown (after sorting): which model, its maps and score.
  bool rowAt(int row, bool& ghost, int& a, int& b, double& score) const;

 Q_SIGNALS:
  /// A row was chosen: pair (a, b) of the right model when `ghost`.
  void pairChosen(bool ghost, int a, int b);

 private:
  QStandardItemModel* model_;
  QSortFilterProxyModel* sorted_;
  QTableView* table_;
  QLabel* summary_;
  bool justChanged_ = false;  ///< the current row changed since the last click
};

}  // namespace ghostlens::ui
