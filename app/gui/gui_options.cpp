#include "gui_options.h"

#include <QCommandLineParser>
#include <QStringList>
#include <algorithm>
#include <thread>

namespace ghostlens::gui {

namespace {

QString flag(const QCommandLineOption& option) { return "--" + option.names().first(); }

[[noreturn]] void refuse(const QCommandLineParser& parser, const QCommandLineOption& option,
                         const QString& wanted) {
  throw BadOption(QString("%1 wants %2, not '%3'")
                      .arg(flag(option), wanted, parser.value(option))
                      .toStdString());
}

int wholeNumber(const QCommandLineParser& parser, const QCommandLineOption& option, int low,
                int high) {
  bool ok = false;
  const int value = parser.value(option).toInt(&ok);
  if (!ok || value < low || value > high) {
    refuse(parser, option, QString("a whole number from %1 to %2").arg(low).arg(high));
  }
  return value;
}

/// A number in [low, high], or in (low, high] when `aboveLow`.
double number(const QCommandLineParser& parser, const QCommandLineOption& option, double low,
              double high, bool aboveLow) {
  bool ok = false;
  const double value = parser.value(option).toDouble(&ok);
  if (!ok || value < low || (aboveLow && value == low) || value > high) {
    refuse(
        parser, option,
        QString("a number %1 %2 and up to %3").arg(aboveLow ? "above" : "from").arg(low).arg(high));
  }
  return value;
}

}  // namespace

GuiOptions parseGuiOptions(const QApplication& app) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "GhostLens: feature-map redundancy in GhostNet and its baselines");
  parser.addHelpOption();
  QCommandLineOption screenshot(
      "screenshot", "Render the window to FILE (PNG) once the analysis has finished, and exit.",
      "FILE");
  QCommandLineOption image("image", "Analyse the image file PATH.", "PATH");
  QCommandLineOption fmnist("fmnist", "Analyse Fashion-MNIST test image INDEX (0 to 9999).",
                            "INDEX");
  QCommandLineOption layer("layer", "Show layer NAME.", "NAME");
  QCommandLineOption timings("measure-timings",
                             "Print the times of input changes, threshold changes, layer "
                             "switches and scrolling, and exit.");
  QCommandLineOption threads("threads", "LibTorch intra-op threads (1 to 256).", "N");
  QStringList metricNames;
  for (const Metric m : allMetrics()) metricNames << QString::fromStdString(metricName(m));
  QCommandLineOption metric("metric", "Similarity metric: " + metricNames.join(", ") + ".", "NAME");
  QCommandLineOption threshold("threshold", "Redundancy threshold in [0, 1].", "T");
  QCommandLineOption tab("tab",
                         "Show tab NAME: explorer, cost, depth, ablation, analytic, cka or "
                         "advisor; with --screenshot also training (a short run in the training "
                         "dialog).",
                         "NAME");
  QCommandLineOption store("store", "The experiment store (default: the user's runs.sqlite).",
                           "PATH");
  QCommandLineOption trainEpochs("train-epochs", "Epochs of the --tab training screenshot run.",
                                 "N", "2");
  QCommandLineOption trainImages(
      "train-images", "Training images of the --tab training screenshot run.", "N", "3000");
  QCommandLineOption left("weights",
                          "Show the model of weights FILE (any PyTorch, safetensors or GhostLens "
                          "file) on the left; alone unless --right is given.",
                          "FILE");
  QCommandLineOption right("right", "Compare with the model of weights FILE on the right.", "FILE");
  QCommandLineOption untrained(
      "untrained", "Show an untrained pair of architecture NAME (vanilla and s = 2, d = 3).",
      "NAME");
  QCommandLineOption width("width", "Width multiplier of the --untrained pair (up to 4).", "W",
                           "1");
  QCommandLineOption size("size", "Window size, e.g. 1000x700.", "WxH");
  QCommandLineOption depthImages(
      "depth-images",
      "The depth view measures means over the first N (2 to 1000) Fashion-MNIST test images.", "N");
  QCommandLineOption adviseRatio(
      "advise-ratio", "The advisor plans for the MACs of one s for every layer (2 to 4).", "S");
  parser.addOptions({screenshot, image, fmnist, layer, timings, threads, metric, threshold, tab,
                     store, trainEpochs, trainImages, left, right, untrained, width, size,
                     depthImages, adviseRatio});
  parser.process(app);

  GuiOptions o;
  o.screenshot = parser.value(screenshot);
  o.measureTimings = parser.isSet(timings);
  o.image = parser.value(image);
  o.layer = parser.value(layer);
  o.tab = parser.value(tab);
  o.store = parser.value(store);
  o.left = parser.value(left);
  o.right = parser.value(right);
  // Set always: left alone, the analysis worker's threads ran LibTorch on one core.
  o.threads = parser.isSet(threads)
                  ? wholeNumber(parser, threads, 1, 256)
                  : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (parser.isSet(fmnist)) o.fmnist = wholeNumber(parser, fmnist, 0, 9999);
  if (parser.isSet(metric)) {
    o.metric = parseMetric(parser.value(metric).toStdString());
    if (!o.metric) refuse(parser, metric, "one of " + metricNames.join(", "));
  }
  if (parser.isSet(threshold)) o.threshold = number(parser, threshold, 0, 1, false);
  o.trainEpochs = wholeNumber(parser, trainEpochs, 1, 1000);
  o.trainImages = wholeNumber(parser, trainImages, 1, 60000);
  if (parser.isSet(untrained)) {
    o.untrained = parseArchitecture(parser.value(untrained).toStdString());
    if (!o.untrained) refuse(parser, untrained, "an architecture of the zoo");
  }
  o.width = number(parser, width, 0, 4, true);
  if (parser.isSet(size)) {
    const QStringList wh = parser.value(size).split('x');
    bool okWidth = false, okHeight = false;
    const int w = wh.value(0).toInt(&okWidth), h = wh.value(1).toInt(&okHeight);
    if (wh.size() != 2 || !okWidth || !okHeight || w < 200 || h < 150) {
      refuse(parser, size, "WxH of at least 200x150, e.g. 1000x700");
    }
    o.size = QSize(w, h);
  }
  if (parser.isSet(depthImages)) o.depthImages = wholeNumber(parser, depthImages, 2, 1000);
  if (parser.isSet(adviseRatio)) o.adviseRatio = wholeNumber(parser, adviseRatio, 2, 4);
  return o;
}

}  // namespace ghostlens::gui
