#pragma once

#include <QApplication>
#include <QSize>
#include <QString>
#include <optional>
#include <stdexcept>

#include "ghostlens/analysis/metric.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens::gui {

/// What the window's command line asks for, every number checked.
struct GuiOptions {
  QString screenshot;  ///< empty: show the window
  bool measureTimings = false;
  QString image;
  std::optional<int> fmnist;
  QString layer;
  int threads = 1;
  std::optional<Metric> metric;
  std::optional<double> threshold;
  QString tab;
  QString store;
  int trainEpochs = 2;
  int trainImages = 3000;
  QString left, right;  ///< weights files
  std::optional<Architecture> untrained;
  double width = 1;
  std::optional<QSize> size;
  std::optional<int> depthImages;
  std::optional<int> adviseRatio;
};

/// A value the command line cannot take; what() names the flag and the value.
class BadOption : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads the command line of `app` (QCommandLineParser::process: --help prints and exits, an
/// unknown flag ends the program with its message). Throws BadOption for a number that does not
/// parse or is out of range, an unknown metric or architecture, and a malformed --size: Qt's
/// toInt() and toDouble() say so only through a flag, and their 0 used to go through.
GuiOptions parseGuiOptions(const QApplication& app);

}  // namespace ghostlens::gui
