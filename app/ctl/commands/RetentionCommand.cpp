// taskdeckctl retention: how long finished work is kept, and pruning it now.

#include "app/ctl/commands/RetentionCommand.h"

#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

int RetentionCommand::run(const Invocation& context)
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

} // namespace taskdeck
