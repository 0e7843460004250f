#include <QFile>
#include <QImage>
#include <QTest>

#include "ghostlens/ui/views/plot_panel.h"
#include "views_tests.h"

std::vector<QStringList> parseCsv(const QByteArray& text) {
  std::vector<QStringList> rows(1);
  QString field;
  bool quoted = false;
  for (int i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += QChar(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back() << field;
      field.clear();
    } else if (c == '\n') {
      rows.back() << field;
      field.clear();
      rows.emplace_back();
    } else {
      field += QChar(c);
    }
  }
  if (rows.back().isEmpty()) rows.pop_back();
  return rows;
}

std::vector<QStringList> exportAndCheck(ghostlens::ui::PlotPanel& panel, const QString& dir) {
  const QString stem = dir + "/" + panel.exportName();
  if (!panel.savePng(stem + ".png", 640, 480)) {
    QTest::qFail("savePng failed", __FILE__, __LINE__);
    return {};
  }
  const QImage image(stem + ".png");
  if (image.isNull() || image.width() != 640 || image.height() != 480) {
    QTest::qFail("PNG does not decode at 640x480", __FILE__, __LINE__);
    return {};
  }
  if (!panel.savePdf(stem + ".pdf", 640, 480)) {
    QTest::qFail("savePdf failed", __FILE__, __LINE__);
    return {};
  }
  QFile pdf(stem + ".pdf");
  pdf.open(QIODevice::ReadOnly);
  const QByteArray pdfBytes = pdf.readAll();
  if (!pdfBytes.startsWith("%PDF-") || !pdfBytes.trimmed().endsWith("%%EOF") ||
      pdfBytes.size() < 1000) {
    QTest::qFail("PDF lacks its header or trailer", __FILE__, __LINE__);
    return {};
  }
  if (!panel.saveCsv(stem + ".csv")) {
    QTest::qFail("saveCsv failed", __FILE__, __LINE__);
    return {};
  }
  QFile csv(stem + ".csv");
  csv.open(QIODevice::ReadOnly);
  const std::vector<QStringList> rows = parseCsv(csv.readAll());
  const ghostlens::CsvTable table = panel.table();
  if (rows.size() != table.rows.size() + 1 ||
      rows.front().size() != static_cast<int>(table.header.size())) {
    QTest::qFail("CSV rows or columns differ from the table", __FILE__, __LINE__);
    return {};
  }
  return rows;
}
