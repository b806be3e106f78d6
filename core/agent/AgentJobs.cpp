#include "agent/AgentJobs.h"

#include "common/Translate.h"
#include "db/SqlThreadGuard.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <map>

namespace taskdeck {

namespace {

QDateTime timeOf(const QVariant& value)
{
    if (value.isNull() || !value.isValid())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// sysjobhistory.run_duration is HHMMSS as a number.
qint64 durationSeconds(const QVariant& value)
{
    if (value.isNull() || !value.isValid())
        return -1;
    const qint64 hhmmss = value.toLongLong();
    return (hhmmss / 10'000) * 3600 + (hhmmss / 100 % 100) * 60 + hhmmss % 100;
}

} // namespace

QString agentJobStateName(AgentJobState state)
{
    switch (state) {
    case AgentJobState::Queued:
        return QStringLiteral("queued");
    case AgentJobState::Running:
        return QStringLiteral("running");
    case AgentJobState::Failed:
        return QStringLiteral("failed");
    case AgentJobState::Succeeded:
        return QStringLiteral("succeeded");
    case AgentJobState::NeverRan:
        break;
    }
    return QStringLiteral("never ran");
}

QList<AgentJob> readAgentJobs(const QList<QVariantList>& rows)
{
    QList<AgentJob> jobs;
    for (const QVariantList& row : rows) {
        if (row.size() < 12)
            continue;
        AgentJob job;
        job.id = row.at(0).toString();
        job.name = row.at(1).toString();
        job.enabled = row.at(2).toInt() != 0;
        job.createdAt = timeOf(row.at(3));
        const QDateTime started = timeOf(row.at(4));
        const QDateTime stopped = timeOf(row.at(5));
        const QDateTime requested = timeOf(row.at(6));
        const QVariant status = row.at(7);
        const QDateTime lastRun = timeOf(row.at(8));
        job.lastDurationS = durationSeconds(row.at(9));
        job.lastMessage = row.at(10).toString();
        job.command = row.at(11).toString();
        if (started.isValid() && !stopped.isValid()) {
            job.state = AgentJobState::Running;
            job.startedAt = started;
        } else if (requested.isValid() && (!started.isValid() || started < requested)) {
            job.state = AgentJobState::Queued;
        } else if (status.isNull() || !status.isValid()) {
            job.state = AgentJobState::NeverRan;
        } else {
            // sysjobhistory.run_status: 0 failed, 1 succeeded, 2 retry, 3 cancelled, 4 in progress.
            switch (status.toInt()) {
            case 1:
                job.state = AgentJobState::Succeeded;
                break;
            case 2:
            case 4:
                job.state = AgentJobState::Running;
                break;
            default:
                job.state = AgentJobState::Failed;
                break;
            }
            job.startedAt = lastRun.isValid() ? lastRun : started;
            job.finishedAt = stopped;
        }
        jobs << job;
    }
    return jobs;
}

QList<AgentRunCount> readAgentHistory(const QList<QVariantList>& rows)
{
    std::map<qint64, AgentRunCount> byMinute;
    for (const QVariantList& row : rows) {
        if (row.size() < 3 || row.at(0).isNull())
            continue;
        const qint64 ms = row.at(0).toLongLong();
        const qint64 minuteMs = ms - ((ms % 60'000) + 60'000) % 60'000;
        AgentRunCount& count = byMinute[minuteMs];
        count.minute = QDateTime::fromMSecsSinceEpoch(minuteMs, Qt::UTC);
        if (row.at(1).toInt() == 1)
            ++count.succeeded;
        else if (row.at(1).toInt() == 0 || row.at(1).toInt() == 3)
            ++count.failed;
        count.durationSSum += std::max<qint64>(0, durationSeconds(row.at(2)));
    }
    QList<AgentRunCount> counts;
    for (const auto& [minute, count] : byMinute)
        counts << count;
    return counts;
}

QString explainAgentRefusal(const QString& action, const QString& jobName, const QString& driverText)
{
    const QString said = driverText.trimmed();
    if (said.contains(QLatin1String("229")) || said.contains(QLatin1String("permission"), Qt::CaseInsensitive))
        return tr("SQL Server refused to %1 job '%2': this login needs the SQLAgentOperatorRole role in msdb, or must "
                  "own the job (the server said: %3)")
            .arg(action, jobName, said);
    if (said.contains(QLatin1String("22022")) || said.contains(QLatin1String("already running"), Qt::CaseInsensitive))
        return tr("job '%1' is already running: wait for it to end").arg(jobName);
    if (said.contains(QLatin1String("14262")) || said.contains(QLatin1String("does not exist"), Qt::CaseInsensitive))
        return tr("job '%1' no longer exists: it may have succeeded and deleted itself, or someone deleted it")
            .arg(jobName);
    return tr("cannot %1 job '%2': %3").arg(action, jobName, said);
}

namespace {

// The live source: statements on a SQL Server connection.
class SqlAgentRowSource final : public AgentRowSource
{
public:
    explicit SqlAgentRowSource(std::unique_ptr<DatabaseConnection> connection)
        : m_connection(std::move(connection))
    { }

    Result<AgentRows> run(const QString& sql, const QList<QPair<QString, QVariant>>& bindings) override
    {
        SqlThreadGuard::noteDatabaseWork("statement");
        QSqlQuery query(m_connection->database());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return makeError(ErrorCode::Database, query.lastError().text());
        for (const auto& [name, value] : bindings)
            query.bindValue(name, value);
        if (!query.exec())
            return makeError(ErrorCode::Database, query.lastError().text());
        AgentRows result;
        const QSqlRecord record = query.record();
        for (int i = 0; i < record.count(); ++i)
            result.columns << record.fieldName(i);
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < record.count(); ++i)
                row << query.value(i);
            result.rows << row;
        }
        return result;
    }

    QString describe() const override { return m_connection->locator().redacted(); }

private:
    std::unique_ptr<DatabaseConnection> m_connection;
};

} // namespace

Result<std::unique_ptr<AgentJobStore>> AgentJobStore::open(const Locator& locator)
{
    auto connection = DatabaseConnection::open(locator);
    if (!connection)
        return connection.error();
    if ((*connection)->dialect().name() != QLatin1String("sqlserver"))
        return makeError(ErrorCode::Unsupported,
                         tr("Agent-job mode reads SQL Server Agent's jobs: %1 is not a SQL Server database")
                             .arg(locator.redacted()));
    return withSource(std::make_unique<SqlAgentRowSource>(std::move(*connection)));
}

Result<std::unique_ptr<AgentJobStore>> AgentJobStore::withSource(std::unique_ptr<AgentRowSource> source)
{
    std::unique_ptr<AgentJobStore> store(new AgentJobStore(std::move(source)));
    auto columns = store->run(AgentSql::logTableColumns(), {}, tr("look for the async_task_logs table"));
    if (!columns)
        return columns.error();
    for (const QString& candidate : AgentSql::kLogNameColumns) {
        for (const QVariantList& column : std::as_const(columns->rows)) {
            if (column.value(0).toString().compare(candidate, Qt::CaseInsensitive) == 0) {
                store->m_logColumn = candidate;
                break;
            }
        }
        if (!store->m_logColumn.isEmpty())
            break;
    }
    return store;
}

AgentJobStore::AgentJobStore(std::unique_ptr<AgentRowSource> source)
    : m_source(std::move(source))
{ }

Result<AgentRows> AgentJobStore::run(const QString& sql, const QList<QPair<QString, QVariant>>& bindings,
                                     const QString& what)
{
    auto result = m_source->run(sql, bindings);
    if (!result)
        return makeError(result.error().code,
                         tr("cannot %1 on %2: %3").arg(what, m_source->describe(), result.error().message));
    return result;
}

Result<QList<AgentJob>> AgentJobStore::jobs()
{
    auto result = run(AgentSql::jobs(), {}, tr("read SQL Server Agent's jobs"));
    if (!result) {
        if (result.error().message.contains(QLatin1String("permission"), Qt::CaseInsensitive))
            return makeError(ErrorCode::Database,
                             tr("this login may not read SQL Server Agent's job list: it needs the "
                                "SQLAgentReaderRole role in msdb (%1)")
                                 .arg(result.error().message));
        return result.error();
    }
    return readAgentJobs(result->rows);
}

Result<QList<AgentLogRow>> AgentJobStore::logRows(const QString& jobName)
{
    if (m_logColumn.isEmpty())
        return QList<AgentLogRow>();
    auto result =
        run(AgentSql::logRows(m_logColumn), {{QStringLiteral(":job_name"), jobName}}, tr("read async_task_logs"));
    if (!result)
        return result.error();
    QList<AgentLogRow> rows;
    for (const QVariantList& values : std::as_const(result->rows)) {
        AgentLogRow row;
        for (qsizetype i = 0; i < values.size() && i < result->columns.size(); ++i)
            row << qMakePair(result->columns.at(i), values.at(i).toString());
        rows << row;
    }
    return rows;
}

Result<QList<AgentRunCount>> AgentJobStore::history(const QDateTime& since)
{
    // run_date is the server's local date: a day of margin, then exact filtering on the UTC times.
    const int sinceDate = since.toUTC().addDays(-1).date().toString(QStringLiteral("yyyyMMdd")).toInt();
    auto result = run(AgentSql::history(), {{QStringLiteral(":since_date"), sinceDate}},
                      tr("read SQL Server Agent's job history"));
    if (!result)
        return result.error();
    QList<AgentRunCount> counts;
    for (const AgentRunCount& count : readAgentHistory(result->rows)) {
        if (count.minute >= since.addSecs(-60))
            counts << count;
    }
    return counts;
}

Status AgentJobStore::startJob(const AgentJob& job)
{
    auto result = m_source->run(AgentSql::startJob(), {{QStringLiteral(":job_id"), job.id}});
    if (!result)
        return makeError(ErrorCode::Database, explainAgentRefusal(tr("start"), job.name, result.error().message));
    return {};
}

Status AgentJobStore::deleteJob(const AgentJob& job)
{
    auto result = m_source->run(AgentSql::deleteJob(), {{QStringLiteral(":job_id"), job.id}});
    if (!result)
        return makeError(ErrorCode::Database, explainAgentRefusal(tr("delete"), job.name, result.error().message));
    return {};
}

} // namespace taskdeck
