#include "app/ctl/CtlOutput.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace taskdeck {

QString isoUtc(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue jsonTime(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(isoUtc(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue jsonText(const QString& text)
{
    return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject taskToJson(const Task& task)
{
    QJsonObject o;
    o[u"id"] = task.id;
    o[u"queue"] = task.queue;
    o[u"handler"] = task.handler;
    o[u"payload"] = task.payload;
    o[u"priority"] = task.priority;
    o[u"state"] = stateName(task.state);
    o[u"display_state"] = stateName(task.displayState);
    o[u"attempts"] = task.attempts;
    o[u"max_attempts"] = task.maxAttempts;
    o[u"unique_key"] = jsonText(task.uniqueKey);
    o[u"timeout_s"] = task.timeoutS ? QJsonValue(*task.timeoutS) : QJsonValue(QJsonValue::Null);
    o[u"run_at"] = jsonTime(task.runAt);
    o[u"created_at"] = jsonTime(task.createdAt);
    o[u"started_at"] = jsonTime(task.startedAt);
    o[u"finished_at"] = jsonTime(task.finishedAt);
    o[u"locked_by"] = jsonText(task.lockedBy);
    o[u"locked_until"] = jsonTime(task.lockedUntil);
    o[u"cancel_requested"] = task.cancelRequested;
    o[u"last_error"] = jsonText(task.lastError);
    o[u"result"] = jsonText(task.result);
    o[u"progress"] = task.progress ? QJsonValue(*task.progress) : QJsonValue(QJsonValue::Null);
    return o;
}

QJsonObject runToJson(const TaskRun& run)
{
    QJsonObject o;
    o[u"attempt"] = run.attempt;
    o[u"worker"] = jsonText(run.worker);
    o[u"outcome"] = outcomeName(run.outcome);
    o[u"started_at"] = jsonTime(run.startedAt);
    o[u"finished_at"] = jsonTime(run.finishedAt);
    o[u"duration_ms"] = run.durationMs ? QJsonValue(*run.durationMs) : QJsonValue(QJsonValue::Null);
    o[u"message"] = jsonText(run.message);
    return o;
}

QString oneLine(const QString& text, int width)
{
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    if (flat.size() > width)
        flat = flat.left(width - 1) + QChar(0x2026);
    return flat;
}

const QCommandLineOption& dbOption()
{
    static const QCommandLineOption option(
        QStringLiteral("db"),
        QCoreApplication::translate("CtlCommandLine",
                                    "Database locator (default: $TASKDECK_DB, else the embedded "
                                    "database)."),
        QStringLiteral("URL"));
    return option;
}

const QCommandLineOption& jsonOption()
{
    static const QCommandLineOption option(
        QStringLiteral("json"),
        QCoreApplication::translate("CtlCommandLine", "Print one JSON document on standard output."));
    return option;
}

} // namespace taskdeck
