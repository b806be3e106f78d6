#include "db/SqlServerDialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace taskdeck {

namespace {

// Names and keys compare byte for byte (code point for code point), as on the other databases: 'a' ≠ 'A'.
const QString kBin = QStringLiteral(" COLLATE Latin1_General_100_BIN2");
const QString kEpoch = QStringLiteral("CAST('19700101' AS datetime2(3))");

// A name as the SQL API checks it: not empty, no leading or trailing spaces (compared by length, because '=' in
// T-SQL ignores trailing spaces), no control characters.
QString checkName(const QString& parameter, int maxLength, const QString& what)
{
    return QStringLiteral(
               " IF %1 IS NULL OR LEN(%1) = 0 OR LEN(%1) > %2"
               " OR DATALENGTH(%1) <> DATALENGTH(LTRIM(RTRIM(%1)))"
               " OR PATINDEX(N'%[' + NCHAR(1) + N'-' + NCHAR(31) + N']%', %1%4) > 0"
               " THROW 50022, N'taskdeck: %3 must be 1 to %2 characters, without control characters or leading or"
               " trailing spaces', 1;")
        .arg(parameter)
        .arg(maxLength)
        .arg(what, kBin);
}

// ISJSON accepts objects and arrays (and, from SQL Server 2022, any JSON value).
QString checkPayload(const QString& parameter)
{
    return QStringLiteral(" SET %1 = COALESCE(NULLIF(%1, N''), N'{}');"
                          " IF ISJSON(%1) = 0 THROW 50022, N'taskdeck: the payload is not valid JSON', 1;")
        .arg(parameter);
}

} // namespace

SqlServerDialect::SqlServerDialect()
{
    m_traits.foldsTaskCounts = true;
    m_traits.failedStatementKeepsTransaction = false; // XACT_ABORT ON (configureConnection)
    m_traits.triggersCountRunningTasks = true;
}

QString SqlServerDialect::name() const
{
    return QStringLiteral("sqlserver");
}

bool SqlServerDialect::isPermissionDenied(const QSqlError& error) const
{
    // 229/230 permission denied on an object or column, 262 in the database, 297 user cannot perform the action,
    // 300 a server-level permission, 916 cannot access the database
    return hasNativeCode(error, {229, 230, 262, 297, 300, 916});
}

QStringList SqlServerDialect::sessionStatements()
{
    // XACT_ABORT: any error ends the whole transaction, so nothing half-done is ever committed (the store treats every
    // failed statement as fatal for the transaction). A lock wait ends after 10 s, as on the other servers. The ANSI
    // options are those that filtered indexes require of every session that writes the table.
    return {QStringLiteral("SET XACT_ABORT ON"),
            QStringLiteral("SET LOCK_TIMEOUT 10000"),
            QStringLiteral("SET ANSI_NULLS ON"),
            QStringLiteral("SET ANSI_PADDING ON"),
            QStringLiteral("SET ANSI_WARNINGS ON"),
            QStringLiteral("SET ARITHABORT ON"),
            QStringLiteral("SET CONCAT_NULL_YIELDS_NULL ON"),
            QStringLiteral("SET QUOTED_IDENTIFIER ON"),
            QStringLiteral("SET NUMERIC_ROUNDABORT OFF")};
}

QString SqlServerDialect::migrationLockSql()
{
    // Held by the migration's transaction, released when it ends.
    return QStringLiteral("DECLARE @result int; EXEC @result = sp_getapplock @Resource = N'taskdeck.migrate',"
                          " @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 60000;"
                          " SELECT @result AS result");
}

Status SqlServerDialect::configureConnection(QSqlDatabase& db) const
{
    for (const QString& statement : sessionStatements()) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return makeError(
                ErrorCode::Database,
                tr("cannot configure the SQL Server session (%1): %2").arg(statement, query.lastError().text()));
    }
    return {};
}

Status SqlServerDialect::lockForMigration(QSqlDatabase& db) const
{
    QSqlQuery query(db);
    if (!query.exec(migrationLockSql()) || !query.next())
        return makeError(ErrorCode::Database, tr("cannot take the migration lock: %1").arg(query.lastError().text()));
    if (query.value(0).toInt() < 0)
        return makeError(ErrorCode::Database,
                         tr("another process has held the migration lock for 60 seconds: wait for "
                            "its `init` to finish, then try again"));
    return {};
}

QList<Migration> SqlServerDialect::migrations() const
{
    const QString states = QStringLiteral("('pending', 'running', 'succeeded', 'failed', 'cancelled')");
    const QString outcomes = QStringLiteral("('succeeded', 'failed', 'timed_out', 'cancelled', 'lost')");
    Migration initial;
    initial.version = 1;
    initial.oldestCompatible = 1;
    initial.description = QStringLiteral("tasks, runs, workers, queues, stats, operator actions");
    initial.statements = {
        QStringLiteral("CREATE SCHEMA taskdeck"),
        QStringLiteral("CREATE TABLE taskdeck.schema_version ("
                       " version int NOT NULL CONSTRAINT schema_version_pk PRIMARY KEY,"
                       " oldest_compatible int NOT NULL,"
                       " description nvarchar(255) NOT NULL,"
                       " applied_at datetime2(3) NOT NULL)"),
        QStringLiteral("CREATE TABLE taskdeck.tasks ("
                       " id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT tasks_pk PRIMARY KEY,"
                       " queue nvarchar(128)%1 NOT NULL,"
                       " handler nvarchar(200)%1 NOT NULL,"
                       " payload nvarchar(max) NOT NULL CONSTRAINT tasks_payload_default DEFAULT N'{}',"
                       " priority int NOT NULL CONSTRAINT tasks_priority_default DEFAULT 0,"
                       " run_at datetime2(3) NOT NULL,"
                       " state varchar(16) NOT NULL CONSTRAINT tasks_state_check CHECK (state IN %2),"
                       " attempts int NOT NULL CONSTRAINT tasks_attempts_default DEFAULT 0,"
                       " max_attempts int NOT NULL,"
                       " unique_key nvarchar(255)%1 NULL,"
                       " timeout_s int NULL,"
                       " locked_by nvarchar(200)%1 NULL,"
                       " locked_until datetime2(3) NULL,"
                       " cancel_requested bit NOT NULL CONSTRAINT tasks_cancel_default DEFAULT 0,"
                       " created_at datetime2(3) NOT NULL,"
                       " started_at datetime2(3) NULL,"
                       " finished_at datetime2(3) NULL,"
                       " last_error nvarchar(max) NULL,"
                       " result nvarchar(max) NULL,"
                       " progress int NULL,"
                       " progress_message nvarchar(1000) NULL)")
            .arg(kBin, states),
        // Exactly the claim's filter and order: a claim reads the next tasks straight off this index.
        QStringLiteral(
            "CREATE INDEX tasks_claim ON taskdeck.tasks (priority DESC, run_at, id) WHERE state = 'pending'"),
        QStringLiteral("CREATE INDEX tasks_lease ON taskdeck.tasks (locked_until) WHERE state = 'running'"),
        QStringLiteral("CREATE INDEX tasks_state ON taskdeck.tasks (state, queue, run_at)"),
        QStringLiteral("CREATE INDEX tasks_created ON taskdeck.tasks (created_at)"),
        QStringLiteral(
            "CREATE UNIQUE INDEX tasks_unique_key ON taskdeck.tasks (unique_key) WHERE unique_key IS NOT NULL"),
        QStringLiteral("CREATE TABLE taskdeck.task_runs ("
                       " id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT task_runs_pk PRIMARY KEY,"
                       " task_id bigint NOT NULL,"
                       " attempt int NOT NULL,"
                       " worker nvarchar(200) NULL,"
                       " started_at datetime2(3) NULL,"
                       " finished_at datetime2(3) NOT NULL,"
                       " outcome varchar(16) NOT NULL CONSTRAINT task_runs_outcome_check CHECK (outcome IN %1),"
                       " message nvarchar(max) NULL,"
                       " duration_ms bigint NULL)")
            .arg(outcomes),
        QStringLiteral("CREATE INDEX task_runs_task ON taskdeck.task_runs (task_id, attempt)"),
        QStringLiteral("CREATE INDEX task_runs_finished ON taskdeck.task_runs (finished_at)"),
        QStringLiteral("CREATE TABLE taskdeck.workers ("
                       " id nvarchar(200)%1 NOT NULL CONSTRAINT workers_pk PRIMARY KEY,"
                       " name nvarchar(200) NOT NULL,"
                       " host nvarchar(255) NOT NULL,"
                       " pid bigint NOT NULL,"
                       " version nvarchar(64) NOT NULL,"
                       " queues nvarchar(max) NOT NULL CONSTRAINT workers_queues_default DEFAULT N'',"
                       " handlers nvarchar(max) NOT NULL CONSTRAINT workers_handlers_default DEFAULT N'',"
                       " concurrency int NOT NULL,"
                       " in_flight int NOT NULL CONSTRAINT workers_in_flight_default DEFAULT 0,"
                       " started_at datetime2(3) NOT NULL,"
                       " heartbeat_at datetime2(3) NOT NULL,"
                       " stopping bit NOT NULL CONSTRAINT workers_stopping_default DEFAULT 0)")
            .arg(kBin),
        QStringLiteral("CREATE TABLE taskdeck.queues ("
                       " name nvarchar(128)%1 NOT NULL CONSTRAINT queues_pk PRIMARY KEY,"
                       " paused bit NOT NULL CONSTRAINT queues_paused_default DEFAULT 0,"
                       " concurrency_limit int NULL,"
                       " default_max_attempts int NULL,"
                       " backoff_base_ms bigint NULL,"
                       " backoff_max_ms bigint NULL,"
                       " default_timeout_s int NULL)")
            .arg(kBin),
        QStringLiteral("CREATE TABLE taskdeck.stats ("
                       " minute datetime2(3) NOT NULL,"
                       " queue nvarchar(128)%1 NOT NULL,"
                       " outcome varchar(16) NOT NULL,"
                       " shard int NOT NULL,"
                       " count bigint NOT NULL,"
                       " duration_ms_sum bigint NOT NULL,"
                       " latency_ms_sum bigint NOT NULL,"
                       " CONSTRAINT stats_pk PRIMARY KEY (minute, queue, outcome, shard))")
            .arg(kBin),
        QStringLiteral("CREATE TABLE taskdeck.operator_actions ("
                       " id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT operator_actions_pk PRIMARY KEY,"
                       " at datetime2(3) NOT NULL,"
                       " actor nvarchar(255) NOT NULL,"
                       " action nvarchar(32) NOT NULL,"
                       " task_count bigint NOT NULL,"
                       " detail nvarchar(max) NOT NULL CONSTRAINT operator_actions_detail_default DEFAULT N'')"),
        QStringLiteral("CREATE INDEX operator_actions_at ON taskdeck.operator_actions (at)"),
    };

    Migration schedules;
    schedules.version = 2;
    schedules.oldestCompatible = 1;
    schedules.description = QStringLiteral("schedules, subscriptions, settings, maintenance, audit database user");
    schedules.statements = {
        QStringLiteral(
            "CREATE TABLE taskdeck.schedules ("
            " name nvarchar(128)%1 NOT NULL CONSTRAINT schedules_pk PRIMARY KEY,"
            " cron nvarchar(255) NOT NULL,"
            " time_zone nvarchar(64) NOT NULL,"
            " queue nvarchar(128)%1 NOT NULL,"
            " handler nvarchar(200)%1 NOT NULL,"
            " payload nvarchar(max) NOT NULL CONSTRAINT schedules_payload_default DEFAULT N'{}',"
            " priority int NOT NULL CONSTRAINT schedules_priority_default DEFAULT 0,"
            " max_attempts int NULL,"
            " missed varchar(8) NOT NULL CONSTRAINT schedules_missed_check CHECK (missed IN ('skip', 'once')),"
            " enabled bit NOT NULL CONSTRAINT schedules_enabled_default DEFAULT 1,"
            " next_run_at datetime2(3) NULL,"
            " last_run_at datetime2(3) NULL,"
            " last_task_id bigint NULL,"
            " revision bigint NOT NULL CONSTRAINT schedules_revision_default DEFAULT 0,"
            " created_at datetime2(3) NOT NULL,"
            " updated_at datetime2(3) NOT NULL)")
            .arg(kBin),
        QStringLiteral("CREATE INDEX schedules_due ON taskdeck.schedules (next_run_at) WHERE enabled = 1"),
        QStringLiteral("CREATE TABLE taskdeck.subscriptions ("
                       " event nvarchar(200)%1 NOT NULL,"
                       " handler nvarchar(200)%1 NOT NULL,"
                       " queue nvarchar(128)%1 NOT NULL,"
                       " priority int NOT NULL CONSTRAINT subscriptions_priority_default DEFAULT 0,"
                       " created_at datetime2(3) NOT NULL,"
                       " CONSTRAINT subscriptions_pk PRIMARY KEY (event, handler))")
            .arg(kBin),
        QStringLiteral("CREATE TABLE taskdeck.settings ("
                       " name nvarchar(128)%1 NOT NULL CONSTRAINT settings_pk PRIMARY KEY,"
                       " value nvarchar(1000) NOT NULL)")
            .arg(kBin),
        QStringLiteral("CREATE TABLE taskdeck.maintenance ("
                       " name nvarchar(64)%1 NOT NULL CONSTRAINT maintenance_pk PRIMARY KEY,"
                       " holder nvarchar(200) NULL,"
                       " held_until datetime2(3) NULL,"
                       " last_run_at datetime2(3) NULL)")
            .arg(kBin),
        QStringLiteral("INSERT INTO taskdeck.maintenance (name) VALUES (N'prune')"),
        QStringLiteral("ALTER TABLE taskdeck.operator_actions ADD db_user nvarchar(255) NOT NULL"
                       " CONSTRAINT operator_actions_db_user_default DEFAULT N''"),
    };

    // The SQL API: the safe successor of the seed design's proc_create_async_task, which built an EXEC string from
    // its arguments. Here every argument is a parameter; nothing is executed as text.
    Migration sqlApi;
    sqlApi.version = 3;
    sqlApi.oldestCompatible = 1;
    sqlApi.description = QStringLiteral("SQL API: enqueue, publish, cancel_by_key, task_status");
    const QString now = QStringLiteral(" DECLARE @now datetime2(3) = CAST(SYSUTCDATETIME() AS datetime2(3));");
    sqlApi.statements = {
        QStringLiteral("CREATE PROCEDURE taskdeck.enqueue @handler nvarchar(200), @payload nvarchar(max) = N'{}',"
                       " @queue nvarchar(128) = N'default', @delay_ms bigint = 0, @run_at datetime2(3) = NULL,"
                       " @priority int = 0, @unique_key nvarchar(255) = NULL, @max_attempts int = NULL,"
                       " @id bigint = NULL OUTPUT AS BEGIN SET NOCOUNT ON;") +
            now + QStringLiteral(" DECLARE @inserted TABLE (id bigint);") +
            checkName(QStringLiteral("@handler"), 200, QStringLiteral("the handler")) +
            checkName(QStringLiteral("@queue"), 128, QStringLiteral("the queue")) +
            checkPayload(QStringLiteral("@payload")) +
            QStringLiteral(
                " IF @unique_key IS NOT NULL AND (LEN(@unique_key) = 0 OR LEN(@unique_key) > 255)"
                " THROW 50022, N'taskdeck: the unique key must be 1 to 255 characters', 1;"
                " IF @max_attempts IS NOT NULL AND (@max_attempts < 1 OR @max_attempts > 1000)"
                " THROW 50022, N'taskdeck: max_attempts must be between 1 and 1000', 1;"
                // UPDLOCK, HOLDLOCK: two callers with the same key take turns instead of both inserting.
                " INSERT INTO taskdeck.tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                " unique_key, created_at) OUTPUT inserted.id INTO @inserted (id)"
                " SELECT @queue, @handler, @payload, COALESCE(@priority, 0), COALESCE(@run_at, %1), 'pending',"
                " COALESCE(@max_attempts, (SELECT q.default_max_attempts FROM taskdeck.queues AS q"
                " WHERE q.name = @queue), 5), @unique_key, @now"
                " WHERE @unique_key IS NULL OR NOT EXISTS (SELECT 1 FROM taskdeck.tasks AS u WITH (UPDLOCK, HOLDLOCK)"
                " WHERE u.unique_key = @unique_key);"
                " SELECT @id = i.id FROM @inserted AS i;"
                " IF @id IS NULL SELECT @id = t.id FROM taskdeck.tasks AS t WHERE t.unique_key = @unique_key;"
                " SELECT @id AS id; END")
                .arg(addMs(QStringLiteral("@now"), QStringLiteral("COALESCE(@delay_ms, 0)"))),
        QStringLiteral("CREATE PROCEDURE taskdeck.publish @event nvarchar(200), @payload nvarchar(max) = N'{}'"
                       " AS BEGIN SET NOCOUNT ON;") +
            now + QStringLiteral(" DECLARE @inserted TABLE (id bigint);") +
            checkName(QStringLiteral("@event"), 200, QStringLiteral("the event")) +
            checkPayload(QStringLiteral("@payload")) +
            QStringLiteral(
                " INSERT INTO taskdeck.tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                " created_at) OUTPUT inserted.id INTO @inserted (id)"
                " SELECT s.queue, s.handler, @payload, s.priority, @now, 'pending',"
                " COALESCE((SELECT q.default_max_attempts FROM taskdeck.queues AS q WHERE q.name = s.queue), 5),"
                " @now FROM taskdeck.subscriptions AS s WHERE s.event = @event;"
                " SELECT i.id FROM @inserted AS i ORDER BY i.id; END"),
        QStringLiteral("CREATE PROCEDURE taskdeck.cancel_by_key @unique_key nvarchar(255), @count int = NULL OUTPUT"
                       " AS BEGIN SET NOCOUNT ON;") +
            now +
            QStringLiteral(
                " UPDATE taskdeck.tasks SET state = 'cancelled', finished_at = @now, last_error = N'cancelled by key'"
                " WHERE unique_key = @unique_key AND state = 'pending';"
                " SET @count = @@ROWCOUNT;"
                " UPDATE taskdeck.tasks SET cancel_requested = 1"
                " WHERE unique_key = @unique_key AND state = 'running' AND cancel_requested = 0;"
                " SET @count = @count + @@ROWCOUNT;"
                " SELECT @count AS cancelled; END"),
        // 'succeeded' also after retention removed the row, 'deleted' when it ran and was removed otherwise, NULL
        // when it never existed.
        QStringLiteral("CREATE FUNCTION taskdeck.task_status (@id bigint) RETURNS varchar(16) AS BEGIN"
                       " DECLARE @state varchar(16);"
                       " SELECT @state = t.state FROM taskdeck.tasks AS t WHERE t.id = @id;"
                       " IF @state IS NOT NULL RETURN @state;"
                       " IF EXISTS (SELECT 1 FROM taskdeck.task_runs AS r WHERE r.task_id = @id"
                       " AND r.outcome = 'succeeded') RETURN 'succeeded';"
                       " IF EXISTS (SELECT 1 FROM taskdeck.task_runs AS r WHERE r.task_id = @id) RETURN 'deleted';"
                       " RETURN NULL; END"),
    };
    return {
        initial,
        schedules,
        sqlApi,
        overviewIndexMigration(
            4,
            {
                QStringLiteral("DROP INDEX tasks_state ON taskdeck.tasks"),
                QStringLiteral(
                    "CREATE INDEX tasks_state ON taskdeck.tasks (state, queue, run_at) INCLUDE (attempts, handler)"),
            }),
        hourlyStatsMigration(5),
        taskCountsMigration(6, 5, taskCountStatements()),
        handlerCountsMigration(7,
                               QStringList{
                                   QStringLiteral("DROP TRIGGER taskdeck.tasks_count"),
                                   QStringLiteral("DROP TABLE taskdeck.task_counts"),
                               } + taskCountStatements())};
}

QStringList SqlServerDialect::taskCountStatements() const
{
    // One trigger per statement, whatever it changed (inserted and deleted hold its rows), appending a few rows
    // rather than updating a counter row so that concurrent writers never wait on it; a maintenance pass folds
    // them. NOCOUNT: the trigger's own INSERT must not add a row count to what the client sees. The table and the
    // trigger have the schema's owner: callers need no rights on task_counts (ownership chaining).
    return {
        QStringLiteral("CREATE TABLE taskdeck.task_counts ("
                       " id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT task_counts_pk PRIMARY KEY,"
                       " queue nvarchar(128)%1 NOT NULL,"
                       " handler nvarchar(200)%1 NOT NULL,"
                       " count_key varchar(16) NOT NULL,"
                       " task_count bigint NOT NULL)")
            .arg(kBin),
        QStringLiteral("CREATE TRIGGER taskdeck.tasks_count ON taskdeck.tasks AFTER INSERT, UPDATE, DELETE AS BEGIN"
                       " SET NOCOUNT ON;"
                       " INSERT INTO taskdeck.task_counts (queue, handler, count_key, task_count)"
                       " SELECT c.queue, c.handler, c.count_key, SUM(c.task_change) FROM (") +
            countedRowsSelect(QStringLiteral("deleted"), QStringLiteral("-1")) + QStringLiteral(" UNION ALL ") +
            countedRowsSelect(QStringLiteral("inserted"), QStringLiteral("1")) +
            QStringLiteral(") AS c GROUP BY c.queue, c.handler, c.count_key HAVING SUM(c.task_change) <> 0; END"),
    };
}

QString SqlServerDialect::sql(Sql statement) const
{
    switch (statement) {
    case Sql::DeleteTaskCounts:
        return QStringLiteral(
            "DELETE FROM taskdeck.task_counts OUTPUT deleted.queue, deleted.count_key, deleted.task_count,"
            " deleted.handler");
    case Sql::SchemaTableExists:
        return QStringLiteral(
            "SELECT 1 AS found FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id"
            " WHERE s.name = N'taskdeck' AND t.name = N'schema_version'");
    case Sql::InsertTask:
        // NOCOUNT until the last SELECT: the id is the batch's first result. UPDLOCK, HOLDLOCK on the key check:
        // two transactions with the same unique key take turns instead of both inserting.
        return QStringLiteral(
                   "SET NOCOUNT ON; DECLARE @inserted TABLE (id bigint);"
                   " INSERT INTO taskdeck.tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                   " unique_key, timeout_s, created_at) OUTPUT inserted.id INTO @inserted (id)"
                   " SELECT :queue, :handler, :payload, :priority, COALESCE(%1, %2), 'pending',"
                   " COALESCE(:max_attempts, (SELECT q.default_max_attempts FROM taskdeck.queues AS q"
                   " WHERE q.name = :queue), :default_max_attempts), :unique_key, :timeout_s, {now}"
                   " WHERE :unique_key IS NULL OR NOT EXISTS (SELECT 1 FROM taskdeck.tasks AS u WITH (UPDLOCK,"
                   " HOLDLOCK) WHERE u.unique_key = :unique_key);"
                   " SET NOCOUNT OFF; SELECT i.id FROM @inserted AS i")
            .arg(timeParameter(QStringLiteral(":run_at")), addMs(QStringLiteral("{now}"), QStringLiteral(":delay_ms")));
    case Sql::UpsertStats:
        return QStringLiteral(
                   "SET NOCOUNT ON; DECLARE @now datetime2(3) = {now};"
                   " DECLARE @minute datetime2(3) = DATEADD(minute, DATEDIFF(minute, %1, @now), %1);"
                   " UPDATE taskdeck.stats WITH (UPDLOCK, SERIALIZABLE) SET count = count + :count,"
                   " duration_ms_sum = duration_ms_sum + :duration_ms, latency_ms_sum = latency_ms_sum + :latency_ms"
                   " WHERE minute = @minute AND queue = :queue AND outcome = :outcome AND shard = :shard;"
                   " IF @@ROWCOUNT = 0 INSERT INTO taskdeck.stats (minute, queue, outcome, shard, count,"
                   " duration_ms_sum, latency_ms_sum) VALUES (@minute, :queue, :outcome, :shard, :count,"
                   " :duration_ms, :latency_ms);"
                   " DECLARE @hour datetime2(3) = DATEADD(hour, DATEDIFF(hour, %1, @now), %1);"
                   " UPDATE taskdeck.stats WITH (UPDLOCK, SERIALIZABLE) SET count = count + :count,"
                   " duration_ms_sum = duration_ms_sum + :duration_ms, latency_ms_sum = latency_ms_sum + :latency_ms"
                   " WHERE minute = @hour AND queue = :queue AND outcome = :outcome AND shard = :hour_shard;"
                   " IF @@ROWCOUNT = 0 INSERT INTO taskdeck.stats (minute, queue, outcome, shard, count,"
                   " duration_ms_sum, latency_ms_sum) VALUES (@hour, :queue, :outcome, :hour_shard, :count,"
                   " :duration_ms, :latency_ms);"
                   " SET NOCOUNT OFF")
            .arg(QStringLiteral("CAST('20000101' AS datetime2(3))"));
    case Sql::SumMinuteStatsIntoHours:
        return QStringLiteral(
                   "MERGE taskdeck.stats AS t USING (SELECT DATEADD(hour, DATEDIFF(hour, %1, minute), %1)"
                   " AS minute, queue, outcome, -1 - shard AS shard, SUM(count) AS count, SUM(duration_ms_sum) AS"
                   " duration_ms_sum, SUM(latency_ms_sum) AS latency_ms_sum FROM taskdeck.stats WHERE shard >= 0"
                   " GROUP BY DATEADD(hour, DATEDIFF(hour, %1, minute), %1), queue, outcome, shard) AS s"
                   " ON t.minute = s.minute AND t.queue = s.queue AND t.outcome = s.outcome AND t.shard = s.shard"
                   " WHEN MATCHED THEN UPDATE SET count = t.count + s.count,"
                   " duration_ms_sum = t.duration_ms_sum + s.duration_ms_sum,"
                   " latency_ms_sum = t.latency_ms_sum + s.latency_ms_sum"
                   " WHEN NOT MATCHED THEN INSERT (minute, queue, outcome, shard, count, duration_ms_sum,"
                   " latency_ms_sum) VALUES (s.minute, s.queue, s.outcome, s.shard, s.count, s.duration_ms_sum,"
                   " s.latency_ms_sum);")
            .arg(QStringLiteral("CAST('20000101' AS datetime2(3))"));
    case Sql::SelectStats:
        // T-SQL cannot group by a column alias: the bucket is computed in a derived table.
        return QStringLiteral("SELECT s.bucket, s.queue, s.outcome, SUM(s.count), SUM(s.duration_ms_sum),"
                              " SUM(s.latency_ms_sum) FROM (SELECT %1 - %1 % CAST(:bucket_ms AS bigint) AS bucket,"
                              " queue, outcome, count, duration_ms_sum, latency_ms_sum FROM taskdeck.stats"
                              " WHERE minute >= %2 AND {shards}) AS s GROUP BY s.bucket, s.queue, s.outcome"
                              " ORDER BY s.bucket, s.queue, s.outcome")
            .arg(timeColumn(QStringLiteral("minute")), timeParameter(QStringLiteral(":since")));
    case Sql::EnsureQueue:
        return QStringLiteral(
            "IF NOT EXISTS (SELECT 1 FROM taskdeck.queues WITH (UPDLOCK, HOLDLOCK) WHERE name = :queue)"
            " INSERT INTO taskdeck.queues (name) VALUES (:queue)");
    case Sql::LockLimitedQueues:
        // Held until the claim commits: claims that could exceed a queue's limit take turns.
        return QStringLiteral("SELECT name, concurrency_limit FROM taskdeck.queues WITH (UPDLOCK, HOLDLOCK)"
                              " WHERE concurrency_limit IS NOT NULL ORDER BY name");
    case Sql::CountTasks:
        // T-SQL cannot group by a column alias.
        return QStringLiteral(
                   "SELECT s.queue, s.display_state, COUNT(*) FROM (SELECT queue, %1 AS display_state FROM"
                   " taskdeck.tasks) AS s GROUP BY s.queue, s.display_state ORDER BY s.queue, s.display_state")
            .arg(displayStateExpression());
    case Sql::RetryTasks:
        return QStringLiteral(
            "UPDATE t SET state = 'pending', run_at = {now},"
            " max_attempts = t.attempts + COALESCE((SELECT q.default_max_attempts FROM taskdeck.queues AS q"
            " WHERE q.name = t.queue), :default_max_attempts),"
            " finished_at = NULL, locked_by = NULL, locked_until = NULL, cancel_requested = 0, result = NULL"
            " FROM taskdeck.tasks AS t WHERE t.id IN ({ids}) AND t.state IN ('failed', 'cancelled')");
    case Sql::AnalyzeTasks:
        return QStringLiteral("UPDATE STATISTICS taskdeck.tasks");
    default:
        break;
    }
    return Dialect::sql(statement);
}

QString SqlServerDialect::claimSql(const ClaimShape& shape) const
{
    // UPDATE TOP (n) alone would ignore ORDER BY and lose priority: the CTE orders, the UPDATE goes through it.
    // READPAST skips rows other claims hold; UPDLOCK keeps two claims from reading the same free row.
    return QStringLiteral(
               "SET NOCOUNT ON; DECLARE @claimed TABLE (id bigint PRIMARY KEY);"
               " WITH c AS (SELECT TOP (:limit) t.id, t.state, t.attempts, t.locked_by, t.locked_until, t.started_at,"
               " t.finished_at, t.cancel_requested, t.progress, t.progress_message"
               " FROM taskdeck.tasks AS t WITH (ROWLOCK, READPAST, UPDLOCK)"
               " WHERE t.state = 'pending' AND t.run_at <= {now}%1%7"
               " ORDER BY t.priority DESC, t.run_at, t.id)"
               " UPDATE c SET state = 'running', attempts = attempts + 1, locked_by = :worker, locked_until = %2,"
               " started_at = {now}, finished_at = NULL, cancel_requested = 0, progress = NULL, progress_message = NULL"
               " OUTPUT inserted.id INTO @claimed (id);"
               " SET NOCOUNT OFF;"
               " SELECT t.id, t.queue, t.handler, t.payload, t.priority, t.attempts, t.max_attempts, t.timeout_s, %3,"
               " %4, %5, %6 FROM taskdeck.tasks AS t JOIN @claimed AS c ON c.id = t.id"
               " ORDER BY t.priority DESC, t.run_at, t.id")
        .arg(claimFilter(shape), addMs(QStringLiteral("{now}"), QStringLiteral(":lease_ms")),
             timeColumn(QStringLiteral("t.run_at")), timeColumn(QStringLiteral("t.started_at")),
             timeColumn(QStringLiteral("t.locked_until")), timeColumn(QStringLiteral("t.created_at")),
             claimableQueueCondition(shape));
}

QString SqlServerDialect::boolLiteral(bool value) const
{
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

QString SqlServerDialect::boolFromParameter(const QString& placeholder) const
{
    return QStringLiteral("CASE WHEN %1 = 1 THEN 1 ELSE 0 END").arg(placeholder);
}

QString SqlServerDialect::isTrue(const QString& column) const
{
    return column + QLatin1String(" = 1");
}

QString SqlServerDialect::isFalse(const QString& column) const
{
    return column + QLatin1String(" = 0");
}

QString SqlServerDialect::currentUserExpression() const
{
    return QStringLiteral("SUSER_SNAME()");
}

QString SqlServerDialect::nowExpression() const
{
    return QStringLiteral("CAST(SYSUTCDATETIME() AS datetime2(3))");
}

QString SqlServerDialect::timeColumn(const QString& column) const
{
    return QStringLiteral("DATEDIFF_BIG(millisecond, %1, %2)").arg(kEpoch, column);
}

QString SqlServerDialect::timeParameter(const QString& placeholder) const
{
    return addMs(kEpoch, placeholder);
}

QString SqlServerDialect::addMs(const QString& time, const QString& msPlaceholder) const
{
    // DATEADD takes an int: whole days first, then the milliseconds left, so that any instant fits.
    return QStringLiteral("DATEADD(millisecond, CAST(CAST(%1 AS bigint) % 86400000 AS int),"
                          " DATEADD(day, CAST(CAST(%1 AS bigint) / 86400000 AS int), %2))")
        .arg(msPlaceholder, time);
}

QString SqlServerDialect::tableName(const QString& logicalName) const
{
    return QLatin1String("taskdeck.") + logicalName;
}

QString SqlServerDialect::containsLiteral(const QString& column, const QString& parameter) const
{
    // CHARINDEX takes its argument literally (LIKE would treat %, _ and [ as patterns).
    return QStringLiteral("CHARINDEX(LOWER(%2), LOWER(%1)) > 0").arg(column, parameter);
}

QString SqlServerDialect::textPrefix(const QString& column, int characters) const
{
    return QStringLiteral("LEFT(%1, %2)").arg(column).arg(characters);
}

QString SqlServerDialect::limited(const QString& select, const QString& count) const
{
    // TOP rather than OFFSET … FETCH: the same plan, and older tools (sqlfluff 1.4) read it.
    Q_ASSERT(select.startsWith(QLatin1String("SELECT ")));
    return QStringLiteral("SELECT TOP (%1) ").arg(count) + select.mid(7);
}

} // namespace taskdeck
