#include "explorer_presenter.h"

#include <torch/types.h>

#include "ghostlens/analysis/similar_maps.h"

namespace ghostlens::ui {

namespace {
QImage toImage(const RgbImage& rgb) {
  return QImage(rgb.rgb.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888).copy();
}
}  // namespace

ColorChoice ColorChoice::fromNames(const QString& scale, const QString& colormap) {
  ColorChoice c;
  c.scale = scale == "per-layer" ? ColorScale::PerLayer
            : scale == "shared"  ? ColorScale::Shared
                                 : ColorScale::PerMap;
  c.colormap = parseColormap(colormap.toStdString()).value_or(Colormap::Gray);
  return c;
}

void ExplorerPresenter::setData(std::shared_ptr<const ExplorerData> data) {
  data_ = std::move(data);
}

int ExplorerPresenter::layerCount() const {
  return data_ ? static_cast<int>(data_->vanilla.size()) : 0;
}

int ExplorerPresenter::layerIndex(const QString& name) const {
  for (int i = 0; i < layerCount(); ++i) {
    if (QString::fromStdString(data_->vanilla[i].name) == name) return i;
  }
  return -1;
}

QString ExplorerPresenter::layerName(int layer) const {
  return QString::fromStdString(data_->vanilla.at(layer).name);
}

bool ExplorerPresenter::paired() const { return data_ && data_->paired; }

const std::vector<MapStats>& ExplorerPresenter::statsOf(int layer, bool ghost) const {
  // One model: its own statistics stand in for the missing other's in a shared scale.
  if (ghost && !paired()) return data_->vanillaStats.at(layer);
  return ghost ? data_->ghostStats.at(layer) : data_->vanillaStats.at(layer);
}

const LayerAnalysis& ExplorerPresenter::layer(int layer, bool ghost) const {
  return ghost ? data_->ghost.at(layer) : data_->vanilla.at(layer);
}

QVector<LayerRow> ExplorerPresenter::layerRows(double threshold) const {
  QVector<LayerRow> rows;
  for (int i = 0; i < layerCount(); ++i) {
    const LayerAnalysis& v = layer(i, false);
    LayerRow row;
    row.name = QString::fromStdString(v.name);
    row.type = QString::fromStdString(v.type);
    row.channels = static_cast<int>(v.channels);
    row.vanillaScore = redundancyScore(v.bestPartner, threshold);
    if (paired()) row.ghostScore = redundancyScore(layer(i, true).bestPartner, threshold);
    rows.push_back(row);
  }
  return rows;
}

Redundancy ExplorerPresenter::redundancy(int layerIndex, bool ghost, double threshold) const {
  return findRedundancy(layer(layerIndex, ghost).similarity, threshold);
}

QVector<HighlightedPair> ExplorerPresenter::highlights(const Redundancy& redundancy) const {
  QVector<HighlightedPair> pairs;
  for (std::size_t i = 0; i < redundancy.pairs.size(); ++i) {
    const RedundantPair& p = redundancy.pairs[i];
    const auto c = pairColor(i);
    pairs.push_back(
        {static_cast<int>(p.a), static_cast<int>(p.b), p.score, QColor(c[0], c[1], c[2])});
  }
  return pairs;
}

QVector<GridMap> ExplorerPresenter::gridMaps(int layerIndex, bool ghost,
                                             const ColorChoice& colors) const {
  const LayerAnalysis& l = layer(layerIndex, ghost);
  const auto& stats = statsOf(layerIndex, ghost);
  const auto& other = statsOf(layerIndex, !ghost);
  const auto images =
      colorizeMaps(l.maps, colorRanges(stats, colors.scale, other), colors.colormap);
  QVector<GridMap> maps;
  for (std::size_t c = 0; c < images.size(); ++c) {
    GridMap m;
    m.image = toImage(images[c]);
    m.min = stats[c].min;
    m.max = stats[c].max;
    m.mean = stats[c].mean;
    if (!l.parents.empty() && static_cast<int64_t>(c) >= l.intrinsic) {
      m.ghost = true;
      m.parent = static_cast<int>(l.parents[c]);
    }
    maps.push_back(m);
  }
  return maps;
}

QVector<double> ExplorerPresenter::similarityValues(int layerIndex, bool ghost) const {
  const torch::Tensor s = layer(layerIndex, ghost).similarity.to(torch::kFloat64).contiguous();
  return QVector<double>(s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
}

QVector<int> ExplorerPresenter::related(int layerIndex, bool ghost, int channel) const {
  const LayerAnalysis& l = layer(layerIndex, ghost);
  QVector<int> out;
  if (l.parents.empty() || channel < 0 || channel >= static_cast<int>(l.parents.size())) return out;
  if (channel >= l.intrinsic) {
    out.push_back(static_cast<int>(l.parents[channel]));
  } else {
    for (std::size_t c = static_cast<std::size_t>(l.intrinsic); c < l.parents.size(); ++c) {
      if (l.parents[c] == channel) out.push_back(static_cast<int>(c));
    }
  }
  return out;
}

MapDetail ExplorerPresenter::detail(int layerIndex, bool ghost, int channel, int k,
                                    const ColorChoice& colors) const {
  const LayerAnalysis& l = layer(layerIndex, ghost);
  const auto& stats = statsOf(layerIndex, ghost);
  const auto& other = statsOf(layerIndex, !ghost);
  MapDetail d;
  const MapStats& s = stats.at(static_cast<std::size_t>(channel));
  d.title = QObject::tr("%1 model, %2, map %3: min %4, max %5, mean %6")
                .arg(ghost ? QObject::tr("Right") : QObject::tr("Left"))
                .arg(QString::fromStdString(l.name))
                .arg(channel)
                .arg(s.min, 0, 'g', 4)
                .arg(s.max, 0, 'g', 4)
                .arg(s.mean, 0, 'g', 4);
  const ValueRange range =
      colorRanges(stats, colors.scale, other).at(static_cast<std::size_t>(channel));
  d.map = toImage(colorizeMap(l.maps[channel], range, colors.colormap));
  d.input = data_->inputImage;
  const auto top = topSimilar(l.similarity, channel, k);
  for (const SimilarMap& m : top) d.similar.push_back({static_cast<int>(m.channel), m.score});
  if (data_->metric == Metric::CheapFit && !top.empty()) {
    // The best source for this map: the one whose fitted filter explains it best.
    const int64_t dw = data_->cheapKernel;
    const torch::Tensor column = l.similarity.select(1, channel).clone();
    column[channel] = -1.0;
    const int64_t source = column.argmax().item<int64_t>();
    const torch::Tensor filter = cheapFitFilter(l.maps, source, channel, dw).contiguous();
    d.filterSize = static_cast<int>(dw);
    d.filterSource = static_cast<int>(source);
    d.filter =
        QVector<double>(filter.data_ptr<double>(), filter.data_ptr<double>() + filter.numel());
    const torch::Tensor residual = cheapFitResidual(l.maps, source, channel, dw);
    const double extent = std::max(residual.abs().max().item<double>(), 1e-12);
    d.residual = toImage(colorizeMap(residual, {-extent, extent}, Colormap::Jet));
    d.residualText = QObject::tr("Residual map %1 - filter * map %2 (R\u00b2 %3, |max| %4)")
                         .arg(channel)
                         .arg(source)
                         .arg(l.similarity[source][channel].item<double>(), 0, 'f', 4)
                         .arg(extent, 0, 'g', 3);
  }
  return d;
}

std::string ExplorerPresenter::similarityCsv(int layerIndex, bool ghost) const {
  return ghostlens::similarityCsv(layer(layerIndex, ghost).similarity);
}

}  // namespace ghostlens::ui
