// taskdeckctl schedule: recurring tasks (cron in a time zone).

#include "app/ctl/commands/ScheduleCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

namespace {

QJsonObject scheduleToJson(const Schedule& schedule)
{
    const ScheduleDefinition& d = schedule.definition;
    QJsonObject o;
    o[u"name"] = d.name;
    o[u"cron"] = d.cron;
    o[u"time_zone"] = d.timeZone;
    o[u"handler"] = d.handler;
    o[u"queue"] = d.queue;
    o[u"payload"] = d.payload;
    o[u"priority"] = d.priority;
    o[u"max_attempts"] = d.maxAttempts ? QJsonValue(*d.maxAttempts) : QJsonValue(QJsonValue::Null);
    o[u"missed"] = missedPolicyName(d.missed);
    o[u"enabled"] = d.enabled;
    o[u"next_run_at"] = jsonTime(schedule.nextRunAt);
    o[u"last_run_at"] = jsonTime(schedule.lastRunAt);
    o[u"last_task_id"] = schedule.lastTaskId > 0 ? QJsonValue(schedule.lastTaskId) : QJsonValue(QJsonValue::Null);
    return o;
}

} // namespace

int ScheduleCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption cron(QStringLiteral("cron"),
                                  tr("When: 5 fields (minute hour day month weekday), 6 with seconds first, or "
                                     "@hourly, @daily, @weekly, @monthly, @yearly."),
                                  QStringLiteral("EXPR"));
    const QCommandLineOption zone(QStringLiteral("tz"), tr("IANA time zone of the expression (default UTC)."),
                                  QStringLiteral("ZONE"));
    const QCommandLineOption payload(QStringLiteral("payload"), tr("Task data as JSON, @FILE or - for stdin."),
                                     QStringLiteral("JSON"));
    const QCommandLineOption queue(QStringLiteral("queue"), tr("Queue (default: default)."), QStringLiteral("Q"));
    const QCommandLineOption priority(QStringLiteral("priority"), tr("Higher runs first (default 0)."),
                                      QStringLiteral("N"));
    const QCommandLineOption maxAttempts(QStringLiteral("max-attempts"), tr("Attempts per task (default: queue's)."),
                                         QStringLiteral("N"));
    const QCommandLineOption missed(QStringLiteral("missed"),
                                    tr("Occurrences missed while no worker ran: skip them, or run once (default)."),
                                    QStringLiteral("skip|once"));
    const QCommandLineOption disabled(QStringLiteral("disabled"), tr("Add it disabled."));
    parser.addOptions({cron, zone, payload, queue, priority, maxAttempts, missed, disabled, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context,
                      QStringLiteral("add NAME HANDLER --cron EXPR | list | enable NAME | disable NAME | remove NAME "
                                     "| run-now NAME"),
                      tr("Recurring tasks. A worker enqueues each occurrence exactly once, however many run."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const bool addOptions = parser.isSet(cron) || parser.isSet(zone) || parser.isSet(payload) || parser.isSet(queue) ||
        parser.isSet(priority) || parser.isSet(maxAttempts) || parser.isSet(missed) || parser.isSet(disabled);
    if (action != QLatin1String("add") && addOptions)
        return usageError(context.command, tr("--cron, --tz, --payload and the other settings go with schedule add"));

    ScheduleDefinition definition;
    if (action == QLatin1String("add")) {
        if (args.size() != 3)
            return usageError(context.command,
                              tr("schedule add takes a NAME and a HANDLER, e.g. schedule add "
                                 "nightly-report reports.export --cron '30 2 * * *' --tz "
                                 "Asia/Shanghai"));
        if (!parser.isSet(cron))
            return usageError(context.command, tr("schedule add needs --cron EXPR"));
        definition.name = args.at(1);
        definition.handler = args.at(2);
        definition.cron = parser.value(cron);
        if (parser.isSet(zone))
            definition.timeZone = parser.value(zone);
        if (parser.isSet(payload)) {
            auto text = readPayloadOption(parser.value(payload));
            if (!text)
                return usageError(context.command, text.error().message);
            definition.payload = *text;
        }
        if (parser.isSet(queue))
            definition.queue = parser.value(queue);
        bool ok = true;
        if (parser.isSet(priority))
            definition.priority = parser.value(priority).toInt(&ok);
        if (ok && parser.isSet(maxAttempts))
            definition.maxAttempts = parser.value(maxAttempts).toInt(&ok);
        if (!ok)
            return usageError(context.command, tr("--priority and --max-attempts take whole numbers"));
        if (parser.isSet(missed)) {
            const auto policy = missedPolicyFromName(parser.value(missed));
            if (!policy)
                return usageError(context.command, tr("--missed takes skip or once"));
            definition.missed = *policy;
        }
        definition.enabled = !parser.isSet(disabled);
        // Wrong input is refused before any connection (the store checks again with the database's clock).
        if (auto first = checkSchedule(definition, QDateTime::currentDateTimeUtc()); !first)
            return usageError(context.command, first.error().message);
    } else if (action == QLatin1String("list")) {
        if (args.size() != 1)
            return usageError(context.command, tr("schedule list takes no name"));
    } else if (action == QLatin1String("enable") || action == QLatin1String("disable") ||
               action == QLatin1String("remove") || action == QLatin1String("run-now")) {
        if (args.size() != 2)
            return usageError(context.command, tr("schedule %1 takes one schedule name").arg(action));
    } else {
        return usageError(context.command, tr("give add, list, enable, disable, remove or run-now"));
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    TaskStore& s = **store;
    if (action == QLatin1String("add")) {
        auto added = s.addSchedule(definition);
        if (!added)
            return fail(added.error());
        if (parser.isSet(jsonOption())) {
            printJson(QJsonDocument(scheduleToJson(*added)));
        } else if (added->definition.enabled) {
            m_out << tr("schedule %1 added; first run %2 (%3 UTC)")
                         .arg(definition.name,
                              CronExpression::formatInZone(added->nextRunAt, added->definition.timeZone),
                              isoUtc(added->nextRunAt))
                  << Qt::endl;
        } else {
            m_out << tr("schedule %1 added, disabled").arg(definition.name) << Qt::endl;
        }
        return int(ExitCode::Ok);
    }
    if (action == QLatin1String("enable") || action == QLatin1String("disable")) {
        if (auto r = s.setScheduleEnabled(args.at(1), action == QLatin1String("enable")); !r)
            return fail(r.error());
        m_out << (action == QLatin1String("enable") ? tr("schedule %1 enabled") : tr("schedule %1 disabled"))
                     .arg(args.at(1))
              << Qt::endl;
        return int(ExitCode::Ok);
    }
    if (action == QLatin1String("remove")) {
        if (auto r = s.removeSchedule(args.at(1)); !r)
            return fail(r.error());
        m_out << tr("schedule %1 removed (its tasks stay)").arg(args.at(1)) << Qt::endl;
        return int(ExitCode::Ok);
    }
    if (action == QLatin1String("run-now")) {
        auto enqueued = s.runScheduleNow(args.at(1));
        if (!enqueued)
            return fail(enqueued.error());
        m_out << enqueued->id << Qt::endl;
        return int(ExitCode::Ok);
    }

    auto list = s.schedules();
    if (!list)
        return fail(list.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray array;
        for (const Schedule& schedule : std::as_const(*list))
            array.append(scheduleToJson(schedule));
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("schedules"), array}}));
        return int(ExitCode::Ok);
    }
    if (list->isEmpty()) {
        m_out << tr("no schedules; add one with: taskdeckctl schedule add NAME HANDLER --cron EXPR") << Qt::endl;
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                 .arg(tr("NAME"), -20)
                 .arg(tr("CRON"), -16)
                 .arg(tr("ZONE"), -18)
                 .arg(tr("HANDLER"), -20)
                 .arg(tr("ON"), -3)
                 .arg(tr("NEXT RUN (LOCAL)"));
    for (const Schedule& schedule : std::as_const(*list)) {
        const ScheduleDefinition& d = schedule.definition;
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                     .arg(oneLine(d.name, 20), -20)
                     .arg(oneLine(d.cron, 16), -16)
                     .arg(oneLine(d.timeZone, 18), -18)
                     .arg(oneLine(d.handler, 20), -20)
                     .arg(d.enabled ? tr("yes") : tr("no"), -3)
                     .arg(d.enabled ? CronExpression::formatInZone(schedule.nextRunAt, d.timeZone)
                                    : QStringLiteral("-"));
    }
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
