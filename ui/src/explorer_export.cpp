#include "explorer_export.h"

#include <QFile>
#include <QImage>

#include "ghostlens/ui/grid_pair_view.h"

namespace ghostlens::ui {

bool writeGridsPng(const GridPairView& grids, const QString& path) {
  return grids.renderBoth().save(path, "PNG");
}

bool writeCsv(const std::string& csv, const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  const auto size = static_cast<qint64>(csv.size());
  return file.write(csv.data(), size) == size && file.flush();
}

}  // namespace ghostlens::ui
