// taskdeckctl queue: list queues, pause and resume them, set their limits.

#include "app/ctl/commands/QueueCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int QueueCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
                                         tr("With set: at most N tasks of the queue run at once across all workers "
                                            "(0 removes the limit)."),
                                         QStringLiteral("N"));
    const QCommandLineOption maxAttempts(QStringLiteral("max-attempts"),
                                         tr("With set: default attempts for new tasks (0 removes it)."),
                                         QStringLiteral("N"));
    const QCommandLineOption backoff(QStringLiteral("backoff"),
                                     tr("With set: retry delay BASE:MAX, doubling from BASE up to MAX (0:0 removes "
                                        "it)."),
                                     QStringLiteral("BASE:MAX"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     tr("With set: time limit of a run for handlers without their own (0 removes "
                                        "it)."),
                                     QStringLiteral("D"));
    parser.addOptions({concurrency, maxAttempts, backoff, timeout, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("list | pause Q | resume Q | set Q [options]"),
                      tr("Show and change queue settings."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const bool needsQueue =
        action == QLatin1String("pause") || action == QLatin1String("resume") || action == QLatin1String("set");
    if (action == QLatin1String("list")) {
        if (args.size() != 1)
            return usageError(context.command, tr("queue list takes no queue name"));
    } else if (needsQueue) {
        if (args.size() != 2)
            return usageError(context.command, tr("queue %1 takes one queue name").arg(action));
    } else {
        return usageError(context.command, tr("give list, pause Q, resume Q or set Q"));
    }
    const bool anySetting =
        parser.isSet(concurrency) || parser.isSet(maxAttempts) || parser.isSet(backoff) || parser.isSet(timeout);
    if (action != QLatin1String("set") && anySetting)
        return usageError(context.command, tr("settings go with queue set"));
    QueueUpdate update;
    if (action == QLatin1String("set")) {
        if (!anySetting)
            return usageError(context.command,
                              tr("queue set needs --concurrency, --max-attempts, --backoff or "
                                 "--timeout"));
        auto number = [&](const QCommandLineOption& option, std::optional<int>* target) {
            if (!parser.isSet(option))
                return true;
            bool ok = false;
            *target = parser.value(option).toInt(&ok);
            return ok;
        };
        if (!number(concurrency, &update.concurrencyLimit) || !number(maxAttempts, &update.maxAttempts))
            return usageError(context.command, tr("--concurrency and --max-attempts take whole numbers"));
        if (parser.isSet(backoff)) {
            const QStringList parts = parser.value(backoff).split(QLatin1Char(':'));
            auto base = parts.size() == 2 ? parseDurationMs(parts.at(0))
                                          : Result<qint64>(makeError(ErrorCode::InvalidArgument, {}));
            auto max = parts.size() == 2 ? parseDurationMs(parts.at(1))
                                         : Result<qint64>(makeError(ErrorCode::InvalidArgument, {}));
            if (!base || !max || *max < *base)
                return usageError(context.command,
                                  tr("--backoff takes BASE:MAX durations with BASE ≤ MAX, e.g. 1s:1h"));
            update.backoffMs = std::pair<qint64, qint64>{*base, *max};
        }
        if (parser.isSet(timeout)) {
            auto ms = parseDurationMs(parser.value(timeout));
            if (!ms)
                return usageError(context.command, ms.error().message);
            update.timeoutS = int((*ms + 999) / 1000);
        }
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (action == QLatin1String("pause") || action == QLatin1String("resume")) {
        if (auto s = (*store)->setQueuePaused(args.at(1), action == QLatin1String("pause")); !s)
            return fail(s.error());
        m_out << (action == QLatin1String("pause") ? tr("queue %1 paused: its tasks stay until it is resumed")
                                                   : tr("queue %1 resumed"))
                     .arg(args.at(1))
              << Qt::endl;
        return int(ExitCode::Ok);
    }
    if (action == QLatin1String("set")) {
        if (auto s = (*store)->updateQueue(args.at(1), update); !s)
            return fail(s.error());
        m_out << tr("queue %1 updated").arg(args.at(1)) << Qt::endl;
        return int(ExitCode::Ok);
    }

    auto settings = (*store)->queues();
    if (!settings)
        return fail(settings.error());
    auto counts = (*store)->countTasks();
    if (!counts)
        return fail(counts.error());
    std::map<QString, QueueSettings> byName;
    for (const QueueSettings& q : std::as_const(*settings))
        byName[q.name] = q;
    std::map<QString, std::map<DisplayState, qint64>> countsByQueue;
    for (const StateCount& c : std::as_const(*counts)) {
        countsByQueue[c.queue][c.state] += c.count;
        if (!byName.count(c.queue))
            byName[c.queue].name = c.queue;
    }
    auto count = [&](const QString& queue, std::initializer_list<DisplayState> states) {
        qint64 total = 0;
        for (DisplayState s : states)
            total += countsByQueue[queue][s];
        return total;
    };
    if (parser.isSet(jsonOption())) {
        QJsonArray list;
        for (const auto& [queueName, q] : byName) {
            QJsonObject o;
            o[u"name"] = queueName;
            o[u"paused"] = q.paused;
            o[u"concurrency_limit"] = q.concurrencyLimit ? QJsonValue(*q.concurrencyLimit) : QJsonValue();
            o[u"default_max_attempts"] = q.defaultMaxAttempts ? QJsonValue(*q.defaultMaxAttempts) : QJsonValue();
            o[u"backoff_base_ms"] = q.backoffBaseMs ? QJsonValue(*q.backoffBaseMs) : QJsonValue();
            o[u"backoff_max_ms"] = q.backoffMaxMs ? QJsonValue(*q.backoffMaxMs) : QJsonValue();
            o[u"default_timeout_s"] = q.defaultTimeoutS ? QJsonValue(*q.defaultTimeoutS) : QJsonValue();
            o[u"waiting"] = count(queueName, {DisplayState::Pending, DisplayState::Scheduled, DisplayState::Retrying});
            o[u"running"] = count(queueName, {DisplayState::Running});
            o[u"failed"] = count(queueName, {DisplayState::Failed});
            list.append(o);
        }
        QJsonObject o;
        o[u"queues"] = list;
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                 .arg(tr("QUEUE"), -16)
                 .arg(tr("PAUSED"), -7)
                 .arg(tr("LIMIT"), -6)
                 .arg(tr("TRIES"), -6)
                 .arg(tr("BACKOFF"), -12)
                 .arg(tr("TIMEOUT"), -8)
                 .arg(tr("WAITING"), 8)
                 .arg(tr("RUNNING"), 8)
                 .arg(tr("FAILED"), 8);
    const QString none = QStringLiteral("-");
    for (const auto& [queueName, q] : byName) {
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                     .arg(oneLine(queueName, 16), -16)
                     .arg(q.paused ? tr("yes") : tr("no"), -7)
                     .arg(q.concurrencyLimit ? QString::number(*q.concurrencyLimit) : none, -6)
                     .arg(q.defaultMaxAttempts ? QString::number(*q.defaultMaxAttempts) : none, -6)
                     .arg(q.backoffBaseMs ? formatDurationMs(*q.backoffBaseMs) + QLatin1Char(':') +
                                  formatDurationMs(q.backoffMaxMs.value_or(*q.backoffBaseMs))
                                          : none,
                          -12)
                     .arg(q.defaultTimeoutS ? formatDurationMs(qint64(*q.defaultTimeoutS) * 1000) : none, -8)
                     .arg(count(queueName, {DisplayState::Pending, DisplayState::Scheduled, DisplayState::Retrying}), 8)
                     .arg(count(queueName, {DisplayState::Running}), 8)
                     .arg(count(queueName, {DisplayState::Failed}), 8);
    }
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
