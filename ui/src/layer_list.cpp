#include "ghostlens/ui/layer_list.h"

#include <QHeaderView>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace ghostlens::ui {

namespace {
QTableWidgetItem* item(const QString& text) {
  auto* i = new QTableWidgetItem(text);
  i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  return i;
}
// NaN: maps too small to compare.
QString percent(double fraction) {
  return std::isnan(fraction) ? QObject::tr("n/a")
                              : QString::number(fraction * 100.0, 'f', 0) + "%";
}
}  // namespace

LayerList::LayerList(QWidget* parent) : QWidget(parent), table_(new QTableWidget(0, 6, this)) {
  table_->setHorizontalHeaderLabels(
      {tr("Layer"), tr("C"), tr("Vanilla"), tr("Ghost"), tr("Batch L"), tr("Batch R")});
  table_->horizontalHeaderItem(2)->setToolTip(
      tr("Vanilla model: share of maps in a redundant pair"));
  table_->horizontalHeaderItem(3)->setToolTip(tr("Ghost model: share of maps in a redundant pair"));
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  for (int column = 2; column < 6; ++column) {
    table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Fixed);
    table_->setColumnWidth(column, table_->fontMetrics().horizontalAdvance(tr("Vanilla")) + 16);
  }
  table_->setColumnHidden(4, true);
  table_->setColumnHidden(5, true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    const QString name = currentLayer();
    if (!name.isEmpty()) Q_EMIT layerChosen(name);
  });
}

void LayerList::setRows(const QVector<LayerRow>& rows) {
  const QString keep = currentLayer();
  {
    const QSignalBlocker block(table_);
    rows_ = rows;
    table_->clearContents();
    table_->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
      table_->setItem(r, 0, item(rows[r].name));
      table_->item(r, 0)->setToolTip(rows[r].type);
      table_->setItem(r, 1, item(QString::number(rows[r].channels)));
    }
    setScores(rows);
    fillBatchColumns();
  }
  if (!selectLayer(keep) && !rows.isEmpty()) selectLayer(rows.front().name);
}

void LayerList::setScores(const QVector<LayerRow>& rows) {
  // Called for every step of the threshold slider: texts change in place, and the score columns
  // keep their width, so no relayout walks the whole table.
  for (int r = 0; r < rows.size() && r < table_->rowCount(); ++r) {
    rows_[r].leftScore = rows[r].leftScore;
    rows_[r].rightScore = rows[r].rightScore;
    for (const auto& [column, score] :
         {std::pair{2, rows[r].leftScore}, std::pair{3, rows[r].rightScore}}) {
      if (QTableWidgetItem* existing = table_->item(r, column)) {
        existing->setText(percent(score));
      } else {
        table_->setItem(r, column, item(percent(score)));
      }
    }
  }
}

bool LayerList::selectLayer(const QString& name) {
  for (int r = 0; r < rows_.size(); ++r) {
    if (rows_[r].name == name) {
      if (table_->currentRow() == r && currentLayer() == name) {
        Q_EMIT layerChosen(name);  // re-choosing the same layer still redraws it
      } else {
        table_->selectRow(r);
      }
      return true;
    }
  }
  return false;
}

QString LayerList::currentLayer() const {
  const auto selected = table_->selectionModel()->selectedRows();
  if (selected.isEmpty()) return {};
  const int r = selected.front().row();
  return r < rows_.size() ? rows_[r].name : QString();
}

QStringList LayerList::layerNames() const {
  QStringList names;
  for (const LayerRow& r : rows_) names << r.name;
  return names;
}

double LayerList::leftScore(int row) const { return rows_.value(row).leftScore; }
double LayerList::rightScore(int row) const { return rows_.value(row).rightScore; }

void LayerList::setBatchProfile(const DepthProfile& profile, double threshold) {
  if (profile.images < 2) return;
  const auto images = static_cast<int>(profile.images);
  batch_.clear();
  for (const DepthLayer& l : profile.layers) {
    batch_.push_back({QString::fromStdString(l.name), l.vanillaRedundancy, l.ghostRedundancy});
  }
  const QString tip =
      tr("%1: mean share of maps in a redundant pair over %2 Fashion-MNIST test "
         "images at threshold %3 (the depth view's batch)");
  table_->horizontalHeaderItem(4)->setText(tr("Left \u00d7%1").arg(images));
  table_->horizontalHeaderItem(5)->setText(tr("Right \u00d7%1").arg(images));
  table_->horizontalHeaderItem(4)->setToolTip(tip.arg(tr("Left model")).arg(images).arg(threshold));
  table_->horizontalHeaderItem(5)->setToolTip(
      tip.arg(tr("Right model")).arg(images).arg(threshold));
  fillBatchColumns();
}

bool LayerList::showsBatch() const { return !batch_.isEmpty(); }

QString LayerList::batchText(int row, Side side) const {
  const QTableWidgetItem* i = table_->item(row, side == Side::Right ? 5 : 4);
  return i != nullptr ? i->text() : QStringLiteral("-");
}

void LayerList::fillBatchColumns() {
  table_->setColumnHidden(4, batch_.isEmpty());
  table_->setColumnHidden(5, batch_.isEmpty() || !paired_);
  if (batch_.isEmpty()) return;
  for (int r = 0; r < rows_.size() && r < table_->rowCount(); ++r) {
    const auto found = std::find_if(batch_.begin(), batch_.end(), [&](const BatchLayerScore& b) {
      return b.name == rows_[r].name;
    });
    for (const int column : {4, 5}) {
      const QString text = found == batch_.end()
                               ? QStringLiteral("-")
                               : percent(column == 4 ? found->left : found->right);
      table_->setItem(r, column, item(text));
    }
  }
}

void LayerList::setModelNames(const QString& left, const QString& right) {
  table_->horizontalHeaderItem(2)->setText(left);
  table_->horizontalHeaderItem(2)->setToolTip(
      tr("%1: share of maps in a redundant pair").arg(left));
  table_->setColumnHidden(3, right.isEmpty());
  paired_ = !right.isEmpty();
  table_->setColumnHidden(5, batch_.isEmpty() || !paired_);
  if (!right.isEmpty()) {
    table_->horizontalHeaderItem(3)->setText(right);
    table_->horizontalHeaderItem(3)->setToolTip(
        tr("%1: share of maps in a redundant pair").arg(right));
  }
}

}  // namespace ghostlens::ui
