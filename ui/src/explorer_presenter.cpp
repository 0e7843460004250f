#include "explorer_presenter.h"

namespace ghostlens::ui {

namespace {
QImage toImage(const RgbImage& rgb) {
  return QImage(rgb.rgb.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888).copy();
}
}  // namespace

void ExplorerPresenter::setData(std::shared_ptr<const ExplorerView> data) {
  data_ = std::move(data);
}

int ExplorerPresenter::layerCount() const {
  return data_ ? static_cast<int>(data_->first.size()) : 0;
}

int ExplorerPresenter::layerIndex(const QString& name) const {
  for (int i = 0; i < layerCount(); ++i) {
    if (QString::fromStdString(data_->first[i].name()) == name) return i;
  }
  return -1;
}

QString ExplorerPresenter::layerName(int layer) const {
  return QString::fromStdString(data_->first.at(layer).name());
}

bool ExplorerPresenter::paired() const { return data_ && data_->paired; }

const LayerView& ExplorerPresenter::layer(int layer, Side side) const {
  return side == Side::Right ? data_->second.at(layer) : data_->first.at(layer);
}

const LayerView* ExplorerPresenter::other(int layer, Side side) const {
  if (!paired()) return nullptr;
  return &this->layer(layer, otherSide(side));
}

QVector<LayerRow> ExplorerPresenter::layerRows(double threshold) const {
  QVector<LayerRow> rows;
  for (int i = 0; i < layerCount(); ++i) {
    const LayerView& v = layer(i, Side::Left);
    LayerRow row;
    row.name = QString::fromStdString(v.name());
    row.type = QString::fromStdString(v.type());
    row.channels = static_cast<int>(v.channels());
    row.leftScore = v.score(threshold);
    if (paired()) row.rightScore = layer(i, Side::Right).score(threshold);
    rows.push_back(row);
  }
  return rows;
}

Redundancy ExplorerPresenter::redundancy(int layerIndex, Side side, double threshold) const {
  return layer(layerIndex, side).redundancy(threshold);
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

QVector<GridMap> ExplorerPresenter::gridMaps(int layerIndex, Side side,
                                             const ColorChoice& colors) const {
  const LayerView& l = layer(layerIndex, side);
  const auto images = l.images(colors.scale, colors.colormap, other(layerIndex, side));
  QVector<GridMap> maps;
  for (std::size_t c = 0; c < images.size(); ++c) {
    GridMap m;
    m.image = toImage(images[c]);
    m.min = l.stats()[c].min;
    m.max = l.stats()[c].max;
    m.mean = l.stats()[c].mean;
    if (!l.parents().empty() && static_cast<int64_t>(c) >= l.intrinsic()) {
      m.ghost = true;
      m.parent = static_cast<int>(l.parents()[c]);
    }
    maps.push_back(m);
  }
  for (int64_t c : l.dead()) maps[static_cast<int>(c)].dead = true;
  return maps;
}

SimilarityWindow ExplorerPresenter::similarityWindow(int layerIndex, Side side, int firstRow,
                                                     int firstColumn, int cells) const {
  const LayerView& l = layer(layerIndex, side);
  return firstRow < 0 ? l.similarityOverview(cells)
                      : l.similarityWindow(firstRow, firstColumn, cells);
}

QVector<int> ExplorerPresenter::related(int layerIndex, Side side, int channel) const {
  const LayerView& l = layer(layerIndex, side);
  QVector<int> out;
  const auto& parents = l.parents();
  if (parents.empty() || channel < 0 || channel >= static_cast<int>(parents.size())) return out;
  if (channel >= l.intrinsic()) {
    out.push_back(static_cast<int>(parents[channel]));
  } else {
    for (std::size_t c = static_cast<std::size_t>(l.intrinsic()); c < parents.size(); ++c) {
      if (parents[c] == channel) out.push_back(static_cast<int>(c));
    }
  }
  return out;
}

MapDetail ExplorerPresenter::detail(int layerIndex, Side side, int channel, int k,
                                    const ColorChoice& colors, int source) const {
  const LayerView& l = layer(layerIndex, side);
  const MapDetailView view = l.detail(channel, k, data_->metric, data_->cheapKernel, colors.scale,
                                      colors.colormap, other(layerIndex, side), source);
  MapDetail d;
  const MapStats& s = l.stats().at(static_cast<std::size_t>(channel));
  d.title = QObject::tr("%1 model, %2, map %3: min %4, max %5, mean %6")
                .arg(side == Side::Right ? QObject::tr("Right") : QObject::tr("Left"))
                .arg(QString::fromStdString(l.name()))
                .arg(channel)
                .arg(s.min, 0, 'g', 4)
                .arg(s.max, 0, 'g', 4)
                .arg(s.mean, 0, 'g', 4);
  d.map = toImage(view.map);
  d.input = inputImage();
  for (const SimilarMap& m : view.similar)
    d.similar.push_back({static_cast<int>(m.channel), m.score});
  if (view.filterSize > 0) {
    d.filterSize = static_cast<int>(view.filterSize);
    d.filterSource = static_cast<int>(view.filterSource);
    d.filter = QVector<double>(view.filter.begin(), view.filter.end());
    d.residual = toImage(view.residual);
    d.residualText = QObject::tr("Residual map %1 - filter * map %2 (R\u00b2 %3, |max| %4)")
                         .arg(channel)
                         .arg(view.filterSource)
                         .arg(view.residualR2, 0, 'f', 4)
                         .arg(view.residualExtent, 0, 'g', 3);
  }
  return d;
}

std::string ExplorerPresenter::similarityCsv(int layerIndex, Side side) const {
  return layer(layerIndex, side).similarityCsv();
}

QImage ExplorerPresenter::inputImage() const {
  return data_ ? toImage(data_->inputPicture) : QImage();
}

}  // namespace ghostlens::ui
