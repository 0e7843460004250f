#include "ghostlens/ui/ui_error.h"

#include <exception>

#include "ghostlens/util/error_text.h"

namespace ghostlens::ui {

void reportErrors(const std::function<void()>& work,
                  const std::function<void(const QString&)>& report) {
  try {
    work();
  } catch (const std::exception&) {
    report(QString::fromStdString(errorText(std::current_exception())));
  }
}

}  // namespace ghostlens::ui
