// taskdeckctl's schedule, event, retention, audit and search-index commands.

#include "app/ctl/CtlCommandLine.h"
#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

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

int CtlCommandLine::runSchedule(const Context& context)
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

int CtlCommandLine::runSubscribe(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption queue(QStringLiteral("queue"), tr("Queue of the tasks (default: default)."),
                                   QStringLiteral("Q"));
    const QCommandLineOption priority(QStringLiteral("priority"), tr("Priority of the tasks (default 0)."),
                                      QStringLiteral("N"));
    parser.addOptions({queue, priority});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("EVENT HANDLER"),
                      tr("Subscribe a handler to an event: each publish enqueues one task for it."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(context.command,
                          tr("give an EVENT and a HANDLER, e.g. subscribe order.created stock.reserve"));
    Subscription subscription;
    subscription.event = args.at(0);
    subscription.handler = args.at(1);
    if (parser.isSet(queue))
        subscription.queue = parser.value(queue);
    if (parser.isSet(priority)) {
        bool ok = false;
        subscription.priority = parser.value(priority).toInt(&ok);
        if (!ok)
            return usageError(context.command, tr("--priority takes a whole number"));
    }
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (auto s = (*store)->subscribe(subscription); !s)
        return fail(s.error());
    m_out << tr("%1 now gets a task on queue %2 for every %3")
                 .arg(subscription.handler, subscription.queue, subscription.event)
          << Qt::endl;
    return int(ExitCode::Ok);
}

int CtlCommandLine::runUnsubscribe(const Context& context)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("EVENT HANDLER"), tr("Remove a subscription."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(context.command, tr("give an EVENT and a HANDLER"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (auto s = (*store)->unsubscribe(args.at(0), args.at(1)); !s)
        return fail(s.error());
    m_out << tr("%1 no longer gets tasks for %2").arg(args.at(1), args.at(0)) << Qt::endl;
    return int(ExitCode::Ok);
}

int CtlCommandLine::runSubscriptions(const Context& context)
{
    QCommandLineParser parser;
    parser.addOption(jsonOption());
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[EVENT]"), tr("List subscriptions."), &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1)
        return usageError(context.command, tr("give at most one event"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto list = (*store)->subscriptions(args.value(0));
    if (!list)
        return fail(list.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray array;
        for (const Subscription& s : std::as_const(*list)) {
            QJsonObject o;
            o[u"event"] = s.event;
            o[u"handler"] = s.handler;
            o[u"queue"] = s.queue;
            o[u"priority"] = s.priority;
            o[u"created_at"] = jsonTime(s.createdAt);
            array.append(o);
        }
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("subscriptions"), array}}));
        return int(ExitCode::Ok);
    }
    if (list->isEmpty()) {
        m_out << tr("no subscriptions") << Qt::endl;
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(tr("EVENT"), -24)
                 .arg(tr("HANDLER"), -24)
                 .arg(tr("QUEUE"), -16)
                 .arg(tr("PRIORITY"));
    for (const Subscription& s : std::as_const(*list))
        m_out << QStringLiteral("%1 %2 %3 %4\n")
                     .arg(oneLine(s.event, 24), -24)
                     .arg(oneLine(s.handler, 24), -24)
                     .arg(oneLine(s.queue, 16), -16)
                     .arg(s.priority);
    m_out.flush();
    return int(ExitCode::Ok);
}

int CtlCommandLine::runPublish(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption payload(QStringLiteral("payload"), tr("Event data as JSON, @FILE or - for stdin."),
                                     QStringLiteral("JSON"));
    parser.addOptions({payload, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("EVENT"),
                      tr("Publish an event: one task per subscription, all in one transaction. Prints the ids."),
                      &code))
        return code;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(context.command, tr("give exactly one event name"));
    QString data;
    if (parser.isSet(payload)) {
        auto text = readPayloadOption(parser.value(payload));
        if (!text)
            return usageError(context.command, text.error().message);
        data = *text;
    }
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto published = (*store)->publish(args.first(), data);
    if (!published)
        return fail(published.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray ids;
        for (const EnqueueResult& r : std::as_const(*published))
            ids.append(r.id);
        QJsonObject o;
        o[u"event"] = args.first();
        o[u"task_ids"] = ids;
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    if (published->isEmpty())
        m_err
            << tr("taskdeckctl: nothing enqueued: no handler subscribes to %1 (see `subscriptions`)").arg(args.first())
            << Qt::endl;
    for (const EnqueueResult& r : std::as_const(*published))
        m_out << r.id << '\n';
    m_out.flush();
    return int(ExitCode::Ok);
}

int CtlCommandLine::runRetention(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption succeeded(QStringLiteral("succeeded"),
                                       tr("With set: remove succeeded tasks after this long (0: at once)."),
                                       QStringLiteral("D"));
    const QCommandLineOption runs(QStringLiteral("runs"), tr("With set: remove runs of removed tasks after this long."),
                                  QStringLiteral("D"));
    const QCommandLineOption minuteStats(QStringLiteral("minute-stats"),
                                         tr("With set: roll per-minute statistics up to hours after this long."),
                                         QStringLiteral("D"));
    const QCommandLineOption hourStats(QStringLiteral("hour-stats"),
                                       tr("With set: remove hourly statistics after this long."), QStringLiteral("D"));
    parser.addOptions({succeeded, runs, minuteStats, hourStats, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[show | set OPTIONS | prune]"),
                      tr("How long finished work is kept. Failed and cancelled tasks are never removed by retention; "
                         "workers prune one at a time, in small batches."),
                      &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0, QStringLiteral("show"));
    if (args.size() > 1 ||
        (action != QLatin1String("show") && action != QLatin1String("set") && action != QLatin1String("prune")))
        return usageError(context.command, tr("give show, set or prune"));
    const bool anyAge =
        parser.isSet(succeeded) || parser.isSet(runs) || parser.isSet(minuteStats) || parser.isSet(hourStats);
    if (action != QLatin1String("set") && anyAge)
        return usageError(context.command, tr("ages go with retention set"));
    if (action == QLatin1String("set") && !anyAge)
        return usageError(context.command,
                          tr("retention set needs --succeeded, --runs, --minute-stats or --hour-stats"));
    std::map<const QCommandLineOption*, qint64> ages;
    for (const QCommandLineOption* option : {&succeeded, &runs, &minuteStats, &hourStats}) {
        if (!parser.isSet(*option))
            continue;
        auto ms = parseDurationMs(parser.value(*option));
        if (!ms)
            return usageError(context.command, ms.error().message);
        ages[option] = *ms;
    }

    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto settings = (*store)->retention();
    if (!settings)
        return fail(settings.error());
    if (action == QLatin1String("set")) {
        RetentionSettings changed = *settings;
        changed.succeededMs = ages.count(&succeeded) ? ages[&succeeded] : changed.succeededMs;
        changed.runsMs = ages.count(&runs) ? ages[&runs] : changed.runsMs;
        changed.minuteStatsMs = ages.count(&minuteStats) ? ages[&minuteStats] : changed.minuteStatsMs;
        changed.hourStatsMs = ages.count(&hourStats) ? ages[&hourStats] : changed.hourStatsMs;
        if (auto s = (*store)->setRetention(changed); !s)
            return fail(s.error());
        *settings = changed;
    }
    if (action == QLatin1String("prune")) {
        const QString holder = QStringLiteral("taskdeckctl@%1:%2")
                                   .arg(QSysInfo::machineHostName())
                                   .arg(QCoreApplication::applicationPid());
        PruneReport total;
        do {
            auto report = (*store)->prune(holder);
            if (!report)
                return fail(report.error());
            if (!report->tookTurn) {
                m_err << tr("taskdeckctl: a worker is pruning right now; nothing to do here") << Qt::endl;
                return int(ExitCode::Ok);
            }
            total.tasksRemoved += report->tasksRemoved;
            total.runsRemoved += report->runsRemoved;
            total.hoursRolledUp += report->hoursRolledUp;
            total.statsRowsRemoved += report->statsRowsRemoved;
            total.moreLeft = report->moreLeft;
            m_err << tr("… %1 tasks, %2 runs removed so far").arg(total.tasksRemoved).arg(total.runsRemoved)
                  << Qt::endl;
        } while (total.moreLeft);
        if (auto s = (*store)->releaseMaintenance(holder); !s)
            return fail(s.error());
        m_out << tr("removed %1 succeeded tasks and %2 runs, rolled up %3 hours of statistics, removed %4 old "
                    "statistics rows")
                     .arg(total.tasksRemoved)
                     .arg(total.runsRemoved)
                     .arg(total.hoursRolledUp)
                     .arg(total.statsRowsRemoved)
              << Qt::endl;
        return int(ExitCode::Ok);
    }
    if (parser.isSet(jsonOption())) {
        QJsonObject o;
        o[u"succeeded_ms"] = settings->succeededMs;
        o[u"runs_ms"] = settings->runsMs;
        o[u"minute_stats_ms"] = settings->minuteStatsMs;
        o[u"hour_stats_ms"] = settings->hourStatsMs;
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    m_out << tr("succeeded tasks   %1")
                 .arg(settings->succeededMs == 0 ? tr("removed at once") : formatDurationMs(settings->succeededMs))
          << '\n'
          << tr("runs              %1 after their task is removed").arg(formatDurationMs(settings->runsMs)) << '\n'
          << tr("minute statistics %1, then hourly").arg(formatDurationMs(settings->minuteStatsMs)) << '\n'
          << tr("hour statistics   %1").arg(formatDurationMs(settings->hourStatsMs)) << '\n'
          << tr("failed and cancelled tasks are kept until an operator acts") << Qt::endl;
    return int(ExitCode::Ok);
}

int CtlCommandLine::runAudit(const Context& context)
{
    QCommandLineParser parser;
    const QCommandLineOption limit(QStringLiteral("limit"), tr("Entries to show (default 50)."), QStringLiteral("N"));
    const QCommandLineOption before(QStringLiteral("before"), tr("Entries older than this entry id (paging)."),
                                    QStringLiteral("ID"));
    parser.addOptions({limit, before, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("The audit log: who (OS and database user) did what, when, to how many tasks."), &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("audit takes no arguments"));
    bool ok = true;
    const int count = parser.isSet(limit) ? parser.value(limit).toInt(&ok) : 50;
    if (!ok || count < 1 || count > 10'000)
        return usageError(context.command, tr("--limit takes a number from 1 to 10000"));
    const qint64 beforeId = parser.isSet(before) ? parser.value(before).toLongLong(&ok) : 0;
    if (!ok || beforeId < 0)
        return usageError(context.command, tr("--before takes an entry id"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    auto actions = (*store)->operatorActions(count, beforeId);
    if (!actions)
        return fail(actions.error());
    if (parser.isSet(jsonOption())) {
        QJsonArray array;
        for (const OperatorAction& a : std::as_const(*actions)) {
            QJsonObject o;
            o[u"id"] = a.id;
            o[u"at"] = jsonTime(a.at);
            o[u"actor"] = a.actor;
            o[u"db_user"] = a.databaseUser;
            o[u"action"] = a.action;
            o[u"task_count"] = a.taskCount;
            o[u"detail"] = a.detail;
            array.append(o);
        }
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("actions"), array}}));
        return int(ExitCode::Ok);
    }
    m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(tr("ID"), 6)
                 .arg(tr("AT (UTC)"), -24)
                 .arg(tr("WHO"), -24)
                 .arg(tr("DB USER"), -16)
                 .arg(tr("ACTION"), -16)
                 .arg(tr("TASKS"), 7)
                 .arg(tr("DETAIL"));
    for (const OperatorAction& a : std::as_const(*actions))
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(a.id, 6)
                     .arg(isoUtc(a.at), -24)
                     .arg(oneLine(a.actor, 24), -24)
                     .arg(oneLine(a.databaseUser.isEmpty() ? QStringLiteral("-") : a.databaseUser, 16), -16)
                     .arg(oneLine(a.action, 16), -16)
                     .arg(a.taskCount, 7)
                     .arg(oneLine(a.detail, 80));
    m_out.flush();
    return int(ExitCode::Ok);
}

int CtlCommandLine::runSearchIndex(const Context& context)
{
    QCommandLineParser parser;
    parser.addOptions({jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("[status | create | drop]"),
                      tr("An index that answers literal text searches (taskdeckctl list --search, the console's "
                         "search box) without reading every task. PostgreSQL only (pg_trgm); built without "
                         "stopping workers, but every enqueue then costs more. Run create and drop as the account "
                         "that owns the schema."),
                      &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0, QStringLiteral("status"));
    if (args.size() > 1 ||
        (action != QLatin1String("status") && action != QLatin1String("create") && action != QLatin1String("drop")))
        return usageError(context.command, tr("give status, create or drop"));
    auto store = openStore(parser, context);
    if (!store)
        return fail(store.error());
    if (action != QLatin1String("status")) {
        QElapsedTimer took;
        took.start();
        auto s = (*store)->setSearchIndexed(action == QLatin1String("create"),
                                            [this](const QString& line) { m_err << line << Qt::endl; });
        if (!s)
            return fail(s.error());
        m_err << tr("done in %1 s").arg(double(took.elapsed()) / 1000.0, 0, 'f', 1) << Qt::endl;
    }
    auto indexed = (*store)->searchIndexed();
    if (!indexed)
        return fail(indexed.error());
    if (parser.isSet(jsonOption())) {
        printJson(QJsonDocument(QJsonObject{{QStringLiteral("search_index"), *indexed}}));
        return int(ExitCode::Ok);
    }
    m_out << (*indexed ? tr("search index: in place — literal text searches use it")
                       : tr("search index: none — literal text searches read every task"))
          << Qt::endl;
    return int(ExitCode::Ok);
}

} // namespace taskdeck
