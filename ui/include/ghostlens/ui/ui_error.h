#pragma once

#include <QString>
#include <functional>

namespace ghostlens::ui {

/// Runs `work` on the GUI thread; an exception it throws becomes one line (core's errorText)
/// handed to `report`. With BackgroundTask's failed() signal, the GUI's one place where
/// exceptions turn into messages.
void reportErrors(const std::function<void()>& work,
                  const std::function<void(const QString&)>& report);

}  // namespace ghostlens::ui
