#pragma once

#include <QVector>
#include <QWidget>
#include <optional>

#include "ghostlens/ui/feature_grid_view.h"
#include "ghostlens/ui/side.h"

class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace ghostlens::ui {

/// A row of the pair list: a pair of maps of one model and their score.
struct PairRow {
  Side side = Side::Left;
  int a = 0, b = 0;
  double score = 0;
};

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
  /// Row `row` as shown (after sorting): which model, its maps and score; none past the end.
  std::optional<PairRow> rowAt(int row) const;

 Q_SIGNALS:
  /// A row was chosen: pair (a, b) of the model on `side`.
  void pairChosen(Side side, int a, int b);

 private:
  QStandardItemModel* model_;
  QSortFilterProxyModel* sorted_;
  QTableView* table_;
  QLabel* summary_;
  bool justChanged_ = false;  ///< the current row changed since the last click
};

}  // namespace ghostlens::ui
