#include "db/AgentSql.h"

namespace taskdeck {

namespace {

// msdb keeps Agent times in the server's local time: shifted by the server's current offset to UTC, then as epoch
// milliseconds, as every time crosses the driver in TaskDeck. (A run within an hour of a DST change may be shown an
// hour off.)
QString utcMs(const QString& localTime)
{
    return QStringLiteral("DATEDIFF_BIG(millisecond, CAST('19700101' AS datetime2(3)),"
                          " DATEADD(minute, DATEDIFF(minute, GETDATE(), GETUTCDATE()), %1))")
        .arg(localTime);
}

QString agentTime(const QString& alias)
{
    return QStringLiteral("CASE WHEN %1.run_date IS NULL OR %1.run_date = 0 THEN NULL"
                          " ELSE msdb.dbo.agent_datetime(%1.run_date, %1.run_time) END")
        .arg(alias);
}

} // namespace

namespace AgentSql {

QString logTableColumns()
{
    return QStringLiteral("SELECT c.name FROM sys.columns AS c WHERE c.object_id = OBJECT_ID(N'dbo.async_task_logs')"
                          " ORDER BY c.column_id");
}

QString jobs()
{
    // One-off jobs are those without a schedule: what proc_create_async_task creates. The latest activity row
    // (current Agent session) says queued or running; the latest job outcome (step 0) says how the last run ended.
    return QStringLiteral(
               "SELECT CONVERT(nvarchar(36), j.job_id) AS job_id, j.name, j.enabled, %1 AS created_ms,"
               " %2 AS started_ms, %3 AS stopped_ms, %4 AS requested_ms, h.run_status, %5 AS last_run_ms,"
               " h.run_duration, h.message, s.command"
               " FROM msdb.dbo.sysjobs AS j"
               " OUTER APPLY (SELECT TOP (1) ja.start_execution_date, ja.stop_execution_date, ja.run_requested_date"
               " FROM msdb.dbo.sysjobactivity AS ja WHERE ja.job_id = j.job_id ORDER BY ja.session_id DESC) AS a"
               " OUTER APPLY (SELECT TOP (1) jh.run_status, jh.run_date, jh.run_time, jh.run_duration, jh.message"
               " FROM msdb.dbo.sysjobhistory AS jh WHERE jh.job_id = j.job_id AND jh.step_id = 0"
               " ORDER BY jh.instance_id DESC) AS h"
               " OUTER APPLY (SELECT TOP (1) js.command FROM msdb.dbo.sysjobsteps AS js WHERE js.job_id = j.job_id"
               " ORDER BY js.step_id) AS s"
               " WHERE NOT EXISTS (SELECT 1 FROM msdb.dbo.sysjobschedules AS sc WHERE sc.job_id = j.job_id)"
               " ORDER BY j.date_created DESC")
        .arg(utcMs(QStringLiteral("j.date_created")), utcMs(QStringLiteral("a.start_execution_date")),
             utcMs(QStringLiteral("a.stop_execution_date")), utcMs(QStringLiteral("a.run_requested_date")),
             utcMs(agentTime(QStringLiteral("h"))));
}

QString logRows(const QString& logColumn)
{
    Q_ASSERT(kLogNameColumns.contains(logColumn));
    return QStringLiteral("SELECT TOP (50) * FROM dbo.async_task_logs WHERE %1 = :job_name ORDER BY 1 DESC")
        .arg(logColumn);
}

QString history()
{
    return QStringLiteral("SELECT %1 AS started_ms, h.run_status, h.run_duration FROM msdb.dbo.sysjobhistory AS h"
                          " WHERE h.step_id = 0 AND h.run_date >= :since_date ORDER BY h.instance_id")
        .arg(utcMs(agentTime(QStringLiteral("h"))));
}

QString startJob()
{
    return QStringLiteral("EXEC msdb.dbo.sp_start_job @job_id = :job_id");
}

QString deleteJob()
{
    return QStringLiteral("EXEC msdb.dbo.sp_delete_job @job_id = :job_id, @delete_unused_schedule = 1");
}

} // namespace AgentSql

} // namespace taskdeck
