// taskdeckctl agent: the seed design's one-off SQL Server Agent jobs, shown and repaired as they are.

#include "app/ctl/commands/AgentCommand.h"

#include "agent/AgentJobs.h"
#include "app/ctl/CtlOutput.h"
#include "common/Duration.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace taskdeck {

namespace {

QJsonObject agentJobToJson(const AgentJob& job)
{
    QJsonObject o;
    o[u"id"] = job.id;
    o[u"name"] = job.name;
    o[u"enabled"] = job.enabled;
    o[u"state"] = agentJobStateName(job.state);
    o[u"created_at"] = jsonTime(job.createdAt);
    o[u"started_at"] = jsonTime(job.startedAt);
    o[u"finished_at"] = jsonTime(job.finishedAt);
    o[u"duration_s"] = job.lastDurationS >= 0 ? QJsonValue(job.lastDurationS) : QJsonValue(QJsonValue::Null);
    o[u"message"] = job.lastMessage;
    o[u"command"] = job.command;
    return o;
}

} // namespace

int AgentCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption state(QStringLiteral("state"),
                                   tr("With list: only jobs in this state (failed, running, "
                                      "queued, succeeded, never)."),
                                   QStringLiteral("S"));
    const QCommandLineOption since(QStringLiteral("since"), tr("With stats: over this last period (default 1h)."),
                                   QStringLiteral("D"));
    parser.addOptions({state, since, jsonOption()});
    int code = 0;
    if (!parseCommand(parser, context, QStringLiteral("list | show NAME | retry NAME | delete NAME | stats"),
                      tr("SQL Server Agent's one-off jobs (the async-task pattern): list them with their state, show "
                         "one with its step command and async_task_logs rows, start a failed one again or delete it. "
                         "Needs a SQL Server locator (odbc:…)."),
                      &code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const bool named =
        action == QLatin1String("show") || action == QLatin1String("retry") || action == QLatin1String("delete");
    if (named ? args.size() != 2
              : (action != QLatin1String("list") && action != QLatin1String("stats")) || args.size() != 1)
        return usageError(context.command, tr("give list, show NAME, retry NAME, delete NAME or stats"));
    if (parser.isSet(state) && action != QLatin1String("list"))
        return usageError(context.command, tr("--state goes with agent list"));
    if (parser.isSet(since) && action != QLatin1String("stats"))
        return usageError(context.command, tr("--since goes with agent stats"));
    qint64 windowMs = 3'600'000;
    if (parser.isSet(since)) {
        auto ms = parseDurationMs(parser.value(since));
        if (!ms || *ms <= 0)
            return usageError(context.command, ms ? tr("--since must be longer than 0") : ms.error().message);
        windowMs = *ms;
    }
    static const QStringList states{QStringLiteral("failed"), QStringLiteral("running"), QStringLiteral("queued"),
                                    QStringLiteral("succeeded"), QStringLiteral("never")};
    if (parser.isSet(state) && !states.contains(parser.value(state)))
        return usageError(context.command, tr("--state takes one of %1").arg(states.join(QLatin1String(", "))));

    bool isDefault = false;
    auto locator = resolveLocator(parser, context, &isDefault);
    if (!locator)
        return fail(locator.error());
    auto opened = AgentJobStore::open(*locator);
    if (!opened)
        return fail(opened.error());
    AgentJobStore& agent = **opened;

    if (action == QLatin1String("stats")) {
        auto history = agent.history(QDateTime::currentDateTimeUtc().addMSecs(-windowMs));
        if (!history)
            return fail(history.error());
        qint64 succeeded = 0;
        qint64 failed = 0;
        for (const AgentRunCount& count : std::as_const(*history)) {
            succeeded += count.succeeded;
            failed += count.failed;
        }
        m_out << tr("Agent jobs in the last %1: %2 succeeded, %3 failed")
                     .arg(formatDurationMs(windowMs))
                     .arg(succeeded)
                     .arg(failed)
              << Qt::endl;
        return int(ExitCode::Ok);
    }

    auto jobs = agent.jobs();
    if (!jobs)
        return fail(jobs.error());
    if (action == QLatin1String("list")) {
        QList<AgentJob> shown;
        for (const AgentJob& job : std::as_const(*jobs)) {
            const QString name = agentJobStateName(job.state);
            if (!parser.isSet(state) || name.startsWith(parser.value(state)))
                shown << job;
        }
        if (parser.isSet(jsonOption())) {
            QJsonArray array;
            for (const AgentJob& job : std::as_const(shown))
                array.append(agentJobToJson(job));
            printJson(QJsonDocument(QJsonObject{{QStringLiteral("jobs"), array}}));
            return int(ExitCode::Ok);
        }
        m_out << QStringLiteral("%1 %2 %3 %4\n")
                     .arg(tr("STATE"), -10)
                     .arg(tr("NAME"), -40)
                     .arg(tr("LAST RUN (UTC)"), -24)
                     .arg(tr("MESSAGE"));
        for (const AgentJob& job : std::as_const(shown))
            m_out << QStringLiteral("%1 %2 %3 %4\n")
                         .arg(agentJobStateName(job.state), -10)
                         .arg(oneLine(job.name, 40), -40)
                         .arg(isoUtc(job.startedAt), -24)
                         .arg(oneLine(job.lastMessage, 80));
        if (!agent.hasLogTable())
            m_err << tr("note: this database has no dbo.async_task_logs table (with a job_name, task_name, job or "
                        "name column): log rows are not shown")
                  << Qt::endl;
        m_out.flush();
        return int(ExitCode::Ok);
    }

    const QString name = args.at(1);
    const auto found =
        std::find_if(jobs->cbegin(), jobs->cend(), [&name](const AgentJob& job) { return job.name == name; });
    if (found == jobs->cend()) {
        m_err << tr("taskdeckctl: there is no one-off Agent job named '%1' (see `agent list`)").arg(name) << Qt::endl;
        return int(ExitCode::NoSuchTask);
    }
    const AgentJob job = *found;
    if (action == QLatin1String("retry")) {
        if (job.state == AgentJobState::Running || job.state == AgentJobState::Queued) {
            m_err << tr("taskdeckctl: job '%1' is %2: wait for it to end").arg(name, agentJobStateName(job.state))
                  << Qt::endl;
            return int(ExitCode::Error);
        }
        if (auto s = agent.startJob(job); !s)
            return fail(s.error());
        m_out << tr("job '%1' started again").arg(name) << Qt::endl;
        return int(ExitCode::Ok);
    }
    if (action == QLatin1String("delete")) {
        if (auto s = agent.deleteJob(job); !s)
            return fail(s.error());
        m_out << tr("job '%1' deleted").arg(name) << Qt::endl;
        return int(ExitCode::Ok);
    }

    auto logs = agent.logRows(job.name);
    if (!logs)
        return fail(logs.error());
    if (parser.isSet(jsonOption())) {
        QJsonObject o = agentJobToJson(job);
        QJsonArray rows;
        for (const AgentLogRow& row : std::as_const(*logs)) {
            QJsonObject entry;
            for (const auto& [column, value] : row)
                entry[column] = value;
            rows.append(entry);
        }
        o[u"async_task_logs"] = rows;
        printJson(QJsonDocument(o));
        return int(ExitCode::Ok);
    }
    m_out << tr("job %1: %2").arg(job.name, agentJobStateName(job.state)) << '\n'
          << tr("  id %1 · %2").arg(job.id, job.enabled ? tr("enabled") : tr("disabled")) << '\n'
          << tr("  created %1 · last run %2").arg(isoUtc(job.createdAt), isoUtc(job.startedAt)) << '\n';
    if (!job.lastMessage.isEmpty())
        m_out << tr("  last message: %1").arg(job.lastMessage) << '\n';
    m_out << tr("  step command (shown as text, never run by TaskDeck):") << '\n';
    for (const QString& line : job.command.split(QLatin1Char('\n')))
        m_out << "    " << line << '\n';
    if (!logs->isEmpty()) {
        m_out << tr("  async_task_logs:") << '\n';
        for (const AgentLogRow& row : std::as_const(*logs)) {
            QStringList fields;
            for (const auto& [column, value] : row)
                fields << column + QLatin1Char('=') + value;
            m_out << "    " << fields.join(QLatin1String(" · ")) << '\n';
        }
    }
    m_out.flush();
    return int(ExitCode::Ok);
}

} // namespace taskdeck
