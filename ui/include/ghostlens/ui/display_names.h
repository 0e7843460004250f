#pragma once

#include <QString>

#include "ghostlens/analysis/color_types.h"
#include "ghostlens/analysis/metric.h"
#include "ghostlens/models/model_spec.h"

namespace ghostlens::ui {

/// The names a person reads in menus and lists for core's enums (core's own names, such as
/// metricName(), are the keys of settings and command lines).
QString displayName(Metric metric);
QString displayName(ColorScale scale);
QString displayName(Colormap colormap);
QString displayName(Architecture arch);
/// The file dialogs' filter for weights files (every format GhostLens reads).
QString weightsFileFilter();

}  // namespace ghostlens::ui
