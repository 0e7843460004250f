#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "ghostlens/store/ablation_series.h"
#include "ghostlens/ui/views/ablation_plot.h"

class QLabel;

namespace ghostlens::ui {

/// The ablation view: test accuracy against MACs and against params, for the s sweep and the d
/// sweep (four plots), from the paper's data file, the shipped sweep and the experiment store.
class AblationView : public QWidget {
  Q_OBJECT
 public:
  explicit AblationView(QWidget* parent = nullptr);

  /// Sources; an empty path leaves that source out. The defaults are the paper's data file and,
  /// when present, the shipped sweep; no store.
  void setPaperTablePath(const QString& path);
  void setShippedSweepPath(const QString& path);
  void setStorePath(const QString& path);

  /// Re-reads every source and redraws. A source that cannot be read is reported through
  /// message() and left out; the others are drawn.
  void reload();

  /// Every series as last read, of both sweep kinds.
  const std::vector<AblationSeries>& series() const { return series_; }
  AblationPlot* plot(SweepKind kind, AblationPlot::Cost cost) const;
  /// The four plots, for export.
  std::vector<PlotPanel*> plots() const;

 Q_SIGNALS:
  void message(const QString& text);

 private:
  QString paperPath_, shippedPath_, storePath_;
  std::vector<AblationSeries> series_;
  AblationPlot* plots_[2][2];  // [kind][cost]
  QLabel* summary_;
};

}  // namespace ghostlens::ui
