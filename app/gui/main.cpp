// ghostlens: the desktop application.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

#include "ghostlens/ui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("GhostLens");
  QApplication::setOrganizationName("GhostLens");

  QCommandLineParser parser;
  parser.setApplicationDescription(
      "GhostLens: feature-map redundancy in GhostNet and its baselines");
  parser.addHelpOption();
  QCommandLineOption screenshot(
      "screenshot", "Render the window to FILE (PNG) once its view is ready, and exit.", "FILE");
  parser.addOption(screenshot);
  parser.process(app);

  ghostlens::ui::MainWindow window;
  window.show();
  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    QObject::connect(&window, &ghostlens::ui::MainWindow::viewUpdated, &window, [&window, file] {
      // One event-loop turn lets the layout settle before the grab.
      QTimer::singleShot(0, &window, [&window, file] {
        const bool saved = window.grab().save(file, "PNG");
        if (!saved) std::fprintf(stderr, "ghostlens: cannot write %s\n", qPrintable(file));
        QApplication::exit(saved ? 0 : 1);
      });
    });
  }
  return QApplication::exec();
}
