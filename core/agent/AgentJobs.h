#pragma once

#include "common/Result.h"
#include "db/AgentSql.h"
#include "db/DatabaseConnection.h"
#include "db/Locator.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace taskdeck {

// Agent-job mode: the seed design as it runs today on SQL Server — one SQL Server Agent job per async task, created
// by proc_create_async_task; a wrapper runs the handler, logs to async_task_logs, deletes the job on success and
// keeps it on failure. TaskDeck shows those one-off jobs (jobs without a schedule), their step command and log rows,
// and lets an operator start a failed job again or delete it. Names and commands are data: they are shown, never
// executed; jobs are started and deleted by their id, bound as a parameter.

enum class AgentJobState {
    Queued, // start requested, not started yet
    Running,
    Failed, // last run failed or was cancelled: kept for inspection
    Succeeded, // last run succeeded (the seed deletes these; a job that stayed is shown)
    NeverRan,
};

QString agentJobStateName(AgentJobState state);

struct AgentJob
{
    QString id; // msdb job_id (uniqueidentifier, as text)
    QString name;
    bool enabled = true;
    QDateTime createdAt; // UTC
    AgentJobState state = AgentJobState::NeverRan;
    QDateTime startedAt; // current or last run, UTC
    QDateTime finishedAt;
    qint64 lastDurationS = -1;
    QString lastMessage; // sysjobhistory message of the last run
    QString command; // the first step's command, as text
};

inline bool operator==(const AgentJob& a, const AgentJob& b)
{
    return a.id == b.id && a.name == b.name && a.enabled == b.enabled && a.state == b.state &&
        a.startedAt == b.startedAt && a.finishedAt == b.finishedAt && a.lastDurationS == b.lastDurationS &&
        a.lastMessage == b.lastMessage && a.command == b.command;
}

// One row of the seed's async_task_logs, whatever its columns are: name → value as text.
using AgentLogRow = QList<QPair<QString, QString>>;

struct AgentRunCount
{
    QDateTime minute; // UTC
    qint64 succeeded = 0;
    qint64 failed = 0;
    qint64 durationSSum = 0;
};

// Rows as the jobs() statement returns them (its column order) into jobs: the one path from msdb's answer to what
// the CLI and the console show, also fed by recorded result sets in the tests.
QList<AgentJob> readAgentJobs(const QList<QVariantList>& rows);
// history() rows into per-minute counts.
QList<AgentRunCount> readAgentHistory(const QList<QVariantList>& rows);
// What SQL Server's refusal of a start or delete means for the operator.
QString explainAgentRefusal(const QString& action, const QString& jobName, const QString& driverText);

// Where Agent-job mode's rows come from: a SQL Server connection, or (tests, demonstrations) recorded answers to the
// same statements. Everything above this seam is the same code either way.
struct AgentRows
{
    QStringList columns;
    QList<QVariantList> rows;
};
class AgentRowSource
{
public:
    virtual ~AgentRowSource() = default;
    virtual Result<AgentRows> run(const QString& sql, const QList<QPair<QString, QVariant>>& bindings) = 0;
    virtual QString describe() const = 0; // for messages: the redacted locator
};

// Agent-job mode on one SQL Server database. Belongs to the thread that opened it.
class AgentJobStore
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::AgentJobStore)
public:
    static Result<std::unique_ptr<AgentJobStore>> open(const Locator& locator);
    static Result<std::unique_ptr<AgentJobStore>> withSource(std::unique_ptr<AgentRowSource> source);

    // The seed's log table, if this database has one, and the column that names the job in it.
    bool hasLogTable() const { return !m_logColumn.isEmpty(); }
    QString describe() const { return m_source->describe(); }
    Result<QList<AgentJob>> jobs();
    Result<QList<AgentLogRow>> logRows(const QString& jobName);
    Result<QList<AgentRunCount>> history(const QDateTime& since);
    Status startJob(const AgentJob& job);
    Status deleteJob(const AgentJob& job);

private:
    explicit AgentJobStore(std::unique_ptr<AgentRowSource> source);
    Result<AgentRows> run(const QString& sql, const QList<QPair<QString, QVariant>>& bindings, const QString& what);

    std::unique_ptr<AgentRowSource> m_source;
    QString m_logColumn;
};

} // namespace taskdeck
