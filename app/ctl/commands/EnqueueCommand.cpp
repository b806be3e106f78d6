// taskdeckctl enqueue: add one task.

#include "app/ctl/commands/EnqueueCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int EnqueueCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption payload(QStringLiteral("payload"),
                                     tr("The task's data as JSON, @FILE to read it from a file, or - for standard "
                                        "input."),
                                     QStringLiteral("JSON"));
    const QCommandLineOption queue(QStringLiteral("queue"), tr("Queue (default: default)."), QStringLiteral("Q"));
    const QCommandLineOption priority(QStringLiteral("priority"), tr("Higher runs first (default 0)."),
                                      QStringLiteral("N"));
    const QCommandLineOption delay(QStringLiteral("delay"), tr("Run after this long."), QStringLiteral("D"));
    const QCommandLineOption runAt(QStringLiteral("run-at"),
                                   tr("Run at this time (ISO 8601; without an offset, local time)."),
                                   QStringLiteral("ISO8601"));
    const QCommandLineOption maxAttempts(QStringLiteral("max-attempts"),
                                         tr("Attempts before the task fails for good (default: the queue's, else 5)."),
                                         QStringLiteral("N"));
    const QCommandLineOption uniqueKey(QStringLiteral("unique-key"),
                                       tr("At most one task with this key exists; enqueueing it again returns the "
                                          "existing task's id."),
                                       QStringLiteral("K"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), tr("Time limit of one run."), QStringLiteral("D"));
    parser.addOptions({payload, queue, priority, delay, runAt, maxAttempts, uniqueKey, timeout, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("HANDLER"), tr("Add a task for HANDLER and print its id."),
                      &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(context.command,
                          tr("give exactly one HANDLER, e.g. taskdeckctl enqueue email.send "
                             "--payload '{\"to\": \"a@example.com\"}'"));

    EnqueueRequest request;
    request.handler = positional.first();
    if (parser.isSet(queue))
        request.queue = parser.value(queue);
    if (parser.isSet(priority)) {
        bool ok = false;
        request.priority = parser.value(priority).toInt(&ok);
        if (!ok)
            return usageError(context.command,
                              tr("--priority needs a whole number, got '%1'").arg(parser.value(priority)));
    }
    if (parser.isSet(delay) && parser.isSet(runAt))
        return usageError(context.command, tr("give either --delay or --run-at, not both"));
    if (parser.isSet(delay)) {
        auto ms = parseDurationMs(parser.value(delay));
        if (!ms)
            return usageError(context.command, ms.error().message);
        request.delayMs = *ms;
    }
    if (parser.isSet(runAt)) {
        QDateTime when = QDateTime::fromString(parser.value(runAt), Qt::ISODateWithMs);
        if (!when.isValid())
            return usageError(
                context.command,
                tr("--run-at needs an ISO 8601 time such as 2026-05-01T08:30:00Z, got '%1'").arg(parser.value(runAt)));
        request.runAt = when.toUTC();
    }
    if (parser.isSet(maxAttempts)) {
        bool ok = false;
        request.maxAttempts = parser.value(maxAttempts).toInt(&ok);
        if (!ok)
            return usageError(context.command,
                              tr("--max-attempts needs a whole number, got '%1'").arg(parser.value(maxAttempts)));
    }
    if (parser.isSet(timeout)) {
        auto ms = parseDurationMs(parser.value(timeout));
        if (!ms)
            return usageError(context.command, ms.error().message);
        request.timeoutS = int(std::max<qint64>(1, (*ms + 999) / 1000));
    }
    if (parser.isSet(uniqueKey))
        request.uniqueKey = parser.value(uniqueKey);
    if (parser.isSet(payload)) {
        auto text = readPayloadOption(parser.value(payload));
        if (!text)
            return usageError(context.command, text.error().message);
        request.payload = *text;
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto result = (*store)->enqueue(request);
    if (!result)
        return fail(result.error());
    if (parser.isSet(jsonOption())) {
        QJsonObject o;
        o[u"id"] = result->id;
        o[u"created"] = result->created;
        printJson(QJsonDocument(o));
    } else {
        m_out << result->id << Qt::endl;
    }
    if (!result->created)
        m_err << tr("a task with unique key '%1' already exists: %2 is its id (nothing new was enqueued)")
                     .arg(request.uniqueKey)
                     .arg(result->id)
              << Qt::endl;
    return int(ExitCode::Ok);
}

} // namespace taskdeck
