#pragma once

// Private to the ui library: the explorer's exports, kept out of the page, which only wires them
// to its File menu.
#include <QString>
#include <string>

namespace ghostlens::ui {

class GridPairView;

/// Both whole grids with their headings and frames as one PNG; false when it cannot be written.
bool writeGridsPng(const GridPairView& grids, const QString& path);

/// `csv` (a similarity matrix, as the presenter writes it) to `path`; false when it cannot be
/// written whole.
bool writeCsv(const std::string& csv, const QString& path);

}  // namespace ghostlens::ui
