// The ghostlens window's command line (issue 26): a number that does not parse, or is out of
// range, ends the program with exit 2 and one line naming the flag, before any window opens. It
// used to become 0 (toInt() and toDouble() report failure only through a flag nobody read).
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

class GuiCommandLineTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void badNumbersAreRefusedNamingTheFlag_data();
  void badNumbersAreRefusedNamingTheFlag();
};

void GuiCommandLineTest::badNumbersAreRefusedNamingTheFlag_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("flag");
  QTest::newRow("threads, a word") << QStringList{"--threads", "two"} << "--threads";
  QTest::newRow("threads, zero") << QStringList{"--threads", "0"} << "--threads";
  QTest::newRow("width, a word") << QStringList{"--untrained", "vgg16", "--width", "wide"}
                                 << "--width";
  QTest::newRow("width, zero") << QStringList{"--untrained", "vgg16", "--width", "0"} << "--width";
  QTest::newRow("fmnist, a word") << QStringList{"--fmnist", "first"} << "--fmnist";
  QTest::newRow("fmnist, past the test split") << QStringList{"--fmnist", "10000"} << "--fmnist";
  QTest::newRow("threshold, a word") << QStringList{"--threshold", "high"} << "--threshold";
  QTest::newRow("threshold, above 1") << QStringList{"--threshold", "1.5"} << "--threshold";
  QTest::newRow("size, a word") << QStringList{"--size", "1000xtall"} << "--size";
  QTest::newRow("depth images, a word")
      << QStringList{"--depth-images", "many"} << "--depth-images";
  QTest::newRow("advise ratio, out of range")
      << QStringList{"--advise-ratio", "9"} << "--advise-ratio";
  QTest::newRow("train epochs, a word") << QStringList{"--train-epochs", "x"} << "--train-epochs";
  QTest::newRow("train images, negative")
      << QStringList{"--train-images", "-5"} << "--train-images";
}

void GuiCommandLineTest::badNumbersAreRefusedNamingTheFlag() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, flag);
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  QProcess gui;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert("QT_QPA_PLATFORM", "offscreen");
  environment.insert("XDG_CONFIG_HOME", dir.path());
  gui.setProcessEnvironment(environment);
  // With --screenshot, a program that takes the value anyway runs, draws and exits 0.
  gui.start(GHOSTLENS_GUI, arguments + QStringList{"--screenshot", dir.filePath("shot.png")});
  QVERIFY(gui.waitForFinished(120000));
  const QString err = QString::fromUtf8(gui.readAllStandardError()).trimmed();
  QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
  QVERIFY2(gui.exitCode() == 2, qPrintable(QString("exit %1: %2").arg(gui.exitCode()).arg(err)));
  const QStringList lines = err.split('\n');
  QVERIFY2(lines.last().startsWith("ghostlens: " + flag + " "), qPrintable(err));
  QVERIFY2(lines.last().contains("'" + arguments.last() + "'"), qPrintable(err));
  QVERIFY(!QFile::exists(dir.filePath("shot.png")));
}

}  // namespace

QTEST_MAIN(GuiCommandLineTest)
#include "gui_command_line_test.moc"
