#include "ghostlens/ui/pair_list.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ghostlens::ui {

namespace {
constexpr int kSortRole = Qt::UserRole + 1;  // numbers, so that 10 sorts after 9
enum Column { kModel, kA, kB, kScore, kColumns };

QStandardItem* item(const QString& text, const QVariant& sortKey) {
  auto* it = new QStandardItem(text);
  it->setData(sortKey, kSortRole);
  it->setEditable(false);
  return it;
}
}  // namespace

PairList::PairList(QWidget* parent)
    : QWidget(parent),
      model_(new QStandardItemModel(0, kColumns, this)),
      sorted_(new QSortFilterProxyModel(this)),
      table_(new QTableView(this)),
      summary_(new QLabel(this)) {
  // Short headers: the list shares a dock's width with the heatmap (220 pixels at 1000x700).
  model_->setHorizontalHeaderLabels({tr("model"), tr("a"), tr("b"), tr("score")});
  sorted_->setSourceModel(model_);
  sorted_->setSortRole(kSortRole);
  // Sorted once per fill, not once per row added (2,048 rows took seconds).
  sorted_->setDynamicSortFilter(false);
  table_->setModel(sorted_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(kScore, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  summary_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  auto choose = [this](const QModelIndex& index) {
    if (!index.isValid()) return;
    if (const std::optional<PairRow> row = rowAt(index.row())) {
      Q_EMIT pairChosen(row->side, row->a, row->b);
    }
  };
  // A new row by mouse or keys shows its pair; a click on the row already current shows it
  // again (the click that made a row current has shown it already).
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this, choose](const QModelIndex& index) {
            justChanged_ = true;
            choose(index);
          });
  connect(table_, &QTableView::clicked, this, [this, choose](const QModelIndex& index) {
    if (!justChanged_) choose(index);
    justChanged_ = false;
  });
}

void PairList::setPairs(const QVector<HighlightedPair>& left, const QVector<HighlightedPair>& right,
                        bool paired) {
  const QSignalBlocker block(table_->selectionModel());
  model_->removeRows(0, model_->rowCount());
  auto add = [this](const QVector<HighlightedPair>& pairs, Side side) {
    const bool right = side == Side::Right;
    for (const HighlightedPair& p : pairs) {
      QList<QStandardItem*> row{item(right ? tr("right") : tr("left"), right ? 1 : 0),
                                item(QString::number(p.a), p.a), item(QString::number(p.b), p.b),
                                item(QString::number(p.score, 'f', 4), p.score)};
      row[kA]->setData(p.color, Qt::DecorationRole);  // the frame's colour
      row[kModel]->setData(QVariant::fromValue(side), Qt::UserRole);
      model_->appendRow(row);
    }
  };
  add(left, Side::Left);
  if (paired) add(right, Side::Right);
  sorted_->sort(table_->horizontalHeader()->sortIndicatorSection(),
                table_->horizontalHeader()->sortIndicatorOrder());
  summary_->setText(paired ? tr("%1 pairs left, %2 right; click a row to show the pair")
                                 .arg(left.size())
                                 .arg(right.size())
                           : tr("%1 pairs; click a row to show the pair").arg(left.size()));
  table_->setColumnHidden(kModel, !paired);
}

int PairList::rowCount() const { return sorted_->rowCount(); }

std::optional<PairRow> PairList::rowAt(int row) const {
  if (row < 0 || row >= sorted_->rowCount()) return std::nullopt;
  PairRow r;
  r.side = sorted_->index(row, kModel).data(Qt::UserRole).value<Side>();
  r.a = sorted_->index(row, kA).data(kSortRole).toInt();
  r.b = sorted_->index(row, kB).data(kSortRole).toInt();
  r.score = sorted_->index(row, kScore).data(kSortRole).toDouble();
  return r;
}

}  // namespace ghostlens::ui
