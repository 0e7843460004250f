#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace ghostlens::ui {

/// Per-layer MACs of the vanilla and the ghost model as grouped bars (a QCustomPlot inside).
class ComplexityPlot : public QWidget {
  Q_OBJECT
 public:
  explicit ComplexityPlot(QWidget* parent = nullptr);

  /// One bar pair per layer; values in MACs.
  void setLayers(const QStringList& names, const QVector<double>& vanillaMacs,
                 const QVector<double>& ghostMacs);

  /// What the plot currently draws (MACs), for tests and export.
  QVector<double> vanillaValues() const;
  QVector<double> ghostValues() const;
  QStringList layerNames() const { return names_; }
  /// The layer numbers written under the bars (whole numbers, at most about a dozen: 54 long
  /// names did not fit); the names come on hover.
  QVector<double> ticks() const;
  /// The hover text of layer `index`: its number, name and both MAC counts.
  QString describeLayer(int index) const;

 private:
  QCustomPlot* plot_;
  QCPBars* vanilla_;
  QCPBars* ghost_;
  QStringList names_;
};

}  // namespace ghostlens::ui
