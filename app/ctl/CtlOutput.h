#pragma once

// Shared by taskdeckctl's command files: how times, tasks and runs are printed, and the common options.

#include "store/Task.h"

#include <QCommandLineOption>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace taskdeck {

QString isoUtc(const QDateTime& time);
QJsonValue jsonTime(const QDateTime& time);
QJsonValue jsonText(const QString& text);
QJsonObject taskToJson(const Task& task);
QJsonObject runToJson(const TaskRun& run);
// One line of at most width characters, cut with an ellipsis.
QString oneLine(const QString& text, int width);
const QCommandLineOption& dbOption();
const QCommandLineOption& jsonOption();

} // namespace taskdeck
