#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

std::unique_ptr<QObject> makeAblationViewTest();
std::unique_ptr<QObject> makeAdvisorViewTest();
std::unique_ptr<QObject> makeWindowPagesTest();
std::unique_ptr<QObject> makeAnalyticViewTest();
std::unique_ptr<QObject> makeDepthViewTest();
std::unique_ptr<QObject> makeCkaViewTest();
std::unique_ptr<QObject> makeTrainingDialogTest();

namespace ghostlens::ui {
class PlotPanel;
}

/// Exports `panel` as PNG, PDF and CSV into `dir` and checks that each file is valid: the PNG
/// decodes at the plot's size, the PDF has its header and trailer, the CSV has the header and as
/// many rows as the table. Returns the CSV's rows split into fields (header first).
std::vector<QStringList> exportAndCheck(ghostlens::ui::PlotPanel& panel, const QString& dir);

/// Splits simple CSV (the quoting of ghostlens::toCsv) into rows of fields.
std::vector<QStringList> parseCsv(const QByteArray& text);
