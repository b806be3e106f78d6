#include "db/SqliteDialect.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace taskdeck {

namespace {

// SQLITE_BUSY and SQLITE_LOCKED, with or without their extended codes.
bool isLocked(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok && ((code & 0xff) == 5 || (code & 0xff) == 6);
}

Status execPragma(QSqlDatabase& db, const QString& statement, const QString& expected = QString())
{
    QSqlQuery query(db);
    // Switching the journal mode needs the file to itself for a moment, and SQLite answers "locked" at once there
    // instead of waiting through its busy handler: when several processes open one database together (workers
    // started at once — seen under Wine), the pragma is tried again within the connection's busy timeout.
    QDeadlineTimer busyTimeout(10'000);
    bool done = query.exec(statement);
    while (!done && isLocked(query.lastError()) && !busyTimeout.hasExpired()) {
        QThread::msleep(20);
        done = query.exec(statement);
    }
    if (!done)
        return makeError(ErrorCode::Database,
                         tr("cannot configure the SQLite database (%1): %2").arg(statement, query.lastError().text()));
    if (!expected.isEmpty()) {
        const QString answer = query.next() ? query.value(0).toString() : QString();
        if (answer.compare(expected, Qt::CaseInsensitive) != 0)
            return makeError(ErrorCode::Database,
                             tr("SQLite answered '%1' to %2 instead of '%3': the database file may be on a file "
                                "system that does not support write-ahead logging (use a local disk)")
                                 .arg(answer, statement, expected));
    }
    return {};
}

} // namespace

SqliteDialect::SqliteDialect()
{
    m_traits.refreshesPlannerStatistics = true;
    m_traits.batchInsert = m_traits.batchInsertWithUniqueKeys = DialectTraits::BatchInsert::RowsOfParameters;
    m_traits.statementsCostRoundTrips = false; // in-process: no round trip to save
    m_traits.writersRunConcurrently = false;
}

QString SqliteDialect::name() const
{
    return QStringLiteral("sqlite");
}

bool SqliteDialect::isPermissionDenied(const QSqlError& error) const
{
    // SQLITE_READONLY: the file (or its folder, for the journal) may not be written by this account;
    // SQLITE_AUTH: an authorizer refused
    return hasNativeCode(error, {8, 23});
}

Status SqliteDialect::configureConnection(QSqlDatabase& db) const
{
    // WAL lets readers (the console) run beside the writer; NORMAL sync is durable across application crashes and
    // loses at most the last transactions on power loss, the usual trade for an embedded queue.
    if (auto status = execPragma(db, QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("wal")); !status)
        return status;
    if (auto status = execPragma(db, QStringLiteral("PRAGMA synchronous=NORMAL")); !status)
        return status;
    return execPragma(db, QStringLiteral("PRAGMA foreign_keys=ON"));
}

Status SqliteDialect::beginWriteTransaction(QSqlDatabase& db) const
{
    // A deferred BEGIN (what QSqlDatabase::transaction() issues) fails at its first write with SQLITE_BUSY_SNAPSHOT
    // whatever the busy timeout; IMMEDIATE takes the write lock up front and waits for it.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return makeError(ErrorCode::Database,
                         tr("cannot start a write transaction on the SQLite database: %1 — another process may "
                            "hold the write lock for longer than the busy timeout")
                             .arg(query.lastError().text()));
    return {};
}

QList<Migration> SqliteDialect::migrations() const
{
    Migration initial;
    initial.version = 1;
    initial.oldestCompatible = 1;
    initial.description = QStringLiteral("tasks, runs, workers, queues, stats, operator actions");
    initial.statements = {
        QStringLiteral("CREATE TABLE taskdeck_schema_version ("
                       " version INTEGER PRIMARY KEY,"
                       " oldest_compatible INTEGER NOT NULL,"
                       " description TEXT NOT NULL,"
                       " applied_at INTEGER NOT NULL) STRICT"),
        QStringLiteral("CREATE TABLE taskdeck_tasks ("
                       " id INTEGER PRIMARY KEY,"
                       " queue TEXT NOT NULL,"
                       " handler TEXT NOT NULL,"
                       " payload TEXT NOT NULL DEFAULT '{}',"
                       " priority INTEGER NOT NULL DEFAULT 0,"
                       " run_at INTEGER NOT NULL,"
                       " state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'succeeded', 'failed',"
                       " 'cancelled')),"
                       " attempts INTEGER NOT NULL DEFAULT 0,"
                       " max_attempts INTEGER NOT NULL,"
                       " unique_key TEXT,"
                       " timeout_s INTEGER,"
                       " locked_by TEXT,"
                       " locked_until INTEGER,"
                       " cancel_requested INTEGER NOT NULL DEFAULT 0,"
                       " created_at INTEGER NOT NULL,"
                       " started_at INTEGER,"
                       " finished_at INTEGER,"
                       " last_error TEXT,"
                       " result TEXT,"
                       " progress INTEGER,"
                       " progress_message TEXT) STRICT"),
        // Exactly the claim query's filter and order, so a claim reads the next tasks straight off the index.
        QStringLiteral("CREATE INDEX taskdeck_tasks_claim ON taskdeck_tasks (priority DESC, run_at, id)"
                       " WHERE state = 'pending'"),
        QStringLiteral("CREATE INDEX taskdeck_tasks_lease ON taskdeck_tasks (locked_until) WHERE state = 'running'"),
        QStringLiteral("CREATE INDEX taskdeck_tasks_state ON taskdeck_tasks (state, queue, run_at)"),
        QStringLiteral("CREATE INDEX taskdeck_tasks_created ON taskdeck_tasks (created_at)"),
        QStringLiteral("CREATE UNIQUE INDEX taskdeck_tasks_unique_key ON taskdeck_tasks (unique_key)"
                       " WHERE unique_key IS NOT NULL"),
        // No foreign key to tasks: runs are the history and outlive the tasks they describe.
        QStringLiteral("CREATE TABLE taskdeck_task_runs ("
                       " id INTEGER PRIMARY KEY,"
                       " task_id INTEGER NOT NULL,"
                       " attempt INTEGER NOT NULL,"
                       " worker TEXT,"
                       " started_at INTEGER,"
                       " finished_at INTEGER NOT NULL,"
                       " outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'timed_out', 'cancelled',"
                       " 'lost')),"
                       " message TEXT,"
                       " duration_ms INTEGER) STRICT"),
        QStringLiteral("CREATE INDEX taskdeck_task_runs_task ON taskdeck_task_runs (task_id, attempt)"),
        QStringLiteral("CREATE INDEX taskdeck_task_runs_finished ON taskdeck_task_runs (finished_at)"),
        QStringLiteral("CREATE TABLE taskdeck_workers ("
                       " id TEXT PRIMARY KEY,"
                       " name TEXT NOT NULL,"
                       " host TEXT NOT NULL,"
                       " pid INTEGER NOT NULL,"
                       " version TEXT NOT NULL,"
                       " queues TEXT NOT NULL DEFAULT '',"
                       " handlers TEXT NOT NULL DEFAULT '',"
                       " concurrency INTEGER NOT NULL,"
                       " in_flight INTEGER NOT NULL DEFAULT 0,"
                       " started_at INTEGER NOT NULL,"
                       " heartbeat_at INTEGER NOT NULL,"
                       " stopping INTEGER NOT NULL DEFAULT 0) STRICT"),
        QStringLiteral("CREATE TABLE taskdeck_queues ("
                       " name TEXT PRIMARY KEY,"
                       " paused INTEGER NOT NULL DEFAULT 0,"
                       " concurrency_limit INTEGER,"
                       " default_max_attempts INTEGER,"
                       " backoff_base_ms INTEGER,"
                       " backoff_max_ms INTEGER,"
                       " default_timeout_s INTEGER) STRICT"),
        // One row per minute × queue × outcome × shard: workers write to their own shard, so no row is hot.
        QStringLiteral("CREATE TABLE taskdeck_stats ("
                       " minute INTEGER NOT NULL,"
                       " queue TEXT NOT NULL,"
                       " outcome TEXT NOT NULL,"
                       " shard INTEGER NOT NULL,"
                       " count INTEGER NOT NULL,"
                       " duration_ms_sum INTEGER NOT NULL,"
                       " latency_ms_sum INTEGER NOT NULL,"
                       " PRIMARY KEY (minute, queue, outcome, shard)) STRICT, WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE taskdeck_operator_actions ("
                       " id INTEGER PRIMARY KEY,"
                       " at INTEGER NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " task_count INTEGER NOT NULL,"
                       " detail TEXT NOT NULL DEFAULT '') STRICT"),
        QStringLiteral("CREATE INDEX taskdeck_operator_actions_at ON taskdeck_operator_actions (at)"),
    };

    Migration schedules;
    schedules.version = 2;
    schedules.oldestCompatible = 1;
    schedules.description = QStringLiteral("schedules, subscriptions, settings, maintenance, audit database user");
    schedules.statements = {
        QStringLiteral("CREATE TABLE taskdeck_schedules ("
                       " name TEXT PRIMARY KEY,"
                       " cron TEXT NOT NULL,"
                       " time_zone TEXT NOT NULL,"
                       " queue TEXT NOT NULL,"
                       " handler TEXT NOT NULL,"
                       " payload TEXT NOT NULL DEFAULT '{}',"
                       " priority INTEGER NOT NULL DEFAULT 0,"
                       " max_attempts INTEGER,"
                       " missed TEXT NOT NULL CHECK (missed IN ('skip', 'once')),"
                       " enabled INTEGER NOT NULL DEFAULT 1,"
                       " next_run_at INTEGER,"
                       " last_run_at INTEGER,"
                       " last_task_id INTEGER,"
                       " revision INTEGER NOT NULL DEFAULT 0,"
                       " created_at INTEGER NOT NULL,"
                       " updated_at INTEGER NOT NULL) STRICT"),
        QStringLiteral("CREATE INDEX taskdeck_schedules_due ON taskdeck_schedules (next_run_at) WHERE enabled = 1"),
        QStringLiteral("CREATE TABLE taskdeck_subscriptions ("
                       " event TEXT NOT NULL,"
                       " handler TEXT NOT NULL,"
                       " queue TEXT NOT NULL,"
                       " priority INTEGER NOT NULL DEFAULT 0,"
                       " created_at INTEGER NOT NULL,"
                       " PRIMARY KEY (event, handler)) STRICT"),
        QStringLiteral("CREATE TABLE taskdeck_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT"),
        QStringLiteral("CREATE TABLE taskdeck_maintenance ("
                       " name TEXT PRIMARY KEY,"
                       " holder TEXT,"
                       " held_until INTEGER,"
                       " last_run_at INTEGER) STRICT"),
        QStringLiteral("INSERT INTO taskdeck_maintenance (name) VALUES ('prune')"),
        QStringLiteral("ALTER TABLE taskdeck_operator_actions ADD COLUMN db_user TEXT NOT NULL DEFAULT ''"),
    };
    return {
        initial,
        schedules,
        overviewIndexMigration(
            3,
            {
                QStringLiteral("DROP INDEX taskdeck_tasks_state"),
                QStringLiteral(
                    "CREATE INDEX taskdeck_tasks_state ON taskdeck_tasks (state, queue, run_at, attempts, handler)"),
                QStringLiteral("ANALYZE taskdeck_tasks"), // the dropped index's statistics went with it
                QStringLiteral("INSERT INTO taskdeck_maintenance (name, last_run_at) VALUES ('analyze', NULL)"),
            }),
        hourlyStatsMigration(4),
        taskCountsMigration(5, 4, taskCountStatements()),
        taskIdFloorMigration(6),
        handlerCountsMigration(7,
                               QStringList{
                                   QStringLiteral("DROP TRIGGER taskdeck_tasks_count_insert"),
                                   QStringLiteral("DROP TRIGGER taskdeck_tasks_count_update"),
                                   QStringLiteral("DROP TRIGGER taskdeck_tasks_count_delete"),
                                   QStringLiteral("DROP TABLE taskdeck_task_counts"),
                               } + taskCountStatements())};
}

Migration SqliteDialect::taskIdFloorMigration(int version)
{
    // SQLite gives a new row the highest id in the table plus one: deleting the newest task would hand its id to
    // the next one, which would then show the deleted task's runs (runs outlive their tasks) and its audit entries.
    // The floor remembers the highest id ever deleted; every insert takes its id above both. Existing databases
    // start from their highest task id or run's task id, the deleted ids they still remember.
    Migration migration;
    migration.version = version;
    migration.oldestCompatible = 4; // older builds ignore the floor, as they always did
    migration.description = QStringLiteral("the ids of deleted tasks are never given to new ones");
    migration.statements = {
        QStringLiteral("CREATE TABLE taskdeck_task_id_floor (last_id INTEGER NOT NULL) STRICT"),
        QStringLiteral("INSERT INTO taskdeck_task_id_floor (last_id) SELECT MAX(COALESCE((SELECT MAX(id) FROM"
                       " taskdeck_tasks), 0), COALESCE((SELECT MAX(task_id) FROM taskdeck_task_runs), 0))"),
        // Only deleting a row above the floor writes to it: pruning old tasks leaves it alone.
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_id_floor AFTER DELETE ON taskdeck_tasks"
                       " WHEN old.id > (SELECT last_id FROM taskdeck_task_id_floor)"
                       " BEGIN UPDATE taskdeck_task_id_floor SET last_id = old.id; END"),
    };
    return migration;
}

QStringList SqliteDialect::taskCountStatements() const
{
    // One writer at a time: each change updates its counter row in place.
    const QString add = QStringLiteral(
        "INSERT INTO taskdeck_task_counts (queue, handler, count_key, task_count) SELECT %1.queue, %1.handler, %2, %3"
        " WHERE %2 IS NOT NULL ON CONFLICT (queue, handler, count_key) DO UPDATE SET task_count = task_count +"
        " excluded.task_count;");
    const QString oldKey = countKeyExpression(QStringLiteral("old"));
    const QString newKey = countKeyExpression(QStringLiteral("new"));
    const QString removeOld = add.arg(QStringLiteral("old"), oldKey, QStringLiteral("-1"));
    const QString addNew = add.arg(QStringLiteral("new"), newKey, QStringLiteral("1"));
    return {
        QStringLiteral("CREATE TABLE taskdeck_task_counts ("
                       " queue TEXT NOT NULL,"
                       " handler TEXT NOT NULL,"
                       " count_key TEXT NOT NULL,"
                       " task_count INTEGER NOT NULL,"
                       " PRIMARY KEY (queue, handler, count_key)) STRICT, WITHOUT ROWID"),
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_count_insert AFTER INSERT ON taskdeck_tasks BEGIN ") + addNew +
            QStringLiteral(" END"),
        // Only when the row moves to another counter: not for heartbeats or progress, nor for a running task that
        // succeeds (neither is counted here).
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_count_update AFTER UPDATE OF queue, handler, state, attempts"
                       " ON taskdeck_tasks WHEN %1 IS NOT %2 OR ((old.queue IS NOT new.queue OR old.handler IS NOT"
                       " new.handler) AND COALESCE(%1, %2) IS NOT NULL) BEGIN ")
                .arg(oldKey, newKey) +
            removeOld + QLatin1Char(' ') + addNew + QStringLiteral(" END"),
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_count_delete AFTER DELETE ON taskdeck_tasks BEGIN ") + removeOld +
            QStringLiteral(" END"),
    };
}

QString SqliteDialect::sql(Sql statement) const
{
    switch (statement) {
    case Sql::SchemaTableExists:
        return QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'taskdeck_schema_version'");
    case Sql::InsertTask:
        // A unique key that already exists inserts nothing and returns no row; the store then reads the holder.
        return QStringLiteral(
            "INSERT INTO taskdeck_tasks (id, queue, handler, payload, priority, run_at, state, max_attempts,"
            " unique_key, timeout_s, created_at)"
            " VALUES ((SELECT MAX(last_id, COALESCE((SELECT MAX(id) FROM taskdeck_tasks), 0)) + 1"
            " FROM taskdeck_task_id_floor),"
            " :queue, :handler, :payload, :priority, COALESCE(:run_at, {now} + :delay_ms), 'pending',"
            " COALESCE(:max_attempts, (SELECT default_max_attempts FROM taskdeck_queues WHERE name = :queue),"
            " :default_max_attempts), :unique_key, :timeout_s, {now})"
            " ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING RETURNING id");
    case Sql::SelectPlannerStatisticsDue:
        return QStringLiteral("SELECT 1 FROM taskdeck_maintenance WHERE name = 'analyze'"
                              " AND (last_run_at IS NULL OR last_run_at <= {now} - 86400000)");
    case Sql::RefreshPlannerStatistics:
        // Every row, not a sample: sampled statistics (analysis_limit) misjudge how many rows a state holds, and
        // the planner then sorts all failed tasks to list the first page. About 7 s at ten million tasks.
        return QStringLiteral("ANALYZE taskdeck_tasks");
    case Sql::FinishPlannerStatistics:
        return QStringLiteral("UPDATE taskdeck_maintenance SET last_run_at = {now} WHERE name = 'analyze'");
    case Sql::SelectTaskIdFloor:
        return QStringLiteral(
            "SELECT MAX(last_id, COALESCE((SELECT MAX(id) FROM taskdeck_tasks), 0)) FROM taskdeck_task_id_floor");
    case Sql::UpsertStats:
        return QStringLiteral(
            "INSERT INTO taskdeck_stats (minute, queue, outcome, shard, count, duration_ms_sum, latency_ms_sum)"
            " VALUES (({now} / 60000) * 60000, :queue, :outcome, :shard, :count, :duration_ms, :latency_ms),"
            " (({now} / 3600000) * 3600000, :queue, :outcome, :hour_shard, :count, :duration_ms, :latency_ms)"
            " ON CONFLICT (minute, queue, outcome, shard) DO UPDATE SET count = count + excluded.count,"
            " duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum,"
            " latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum");
    case Sql::SumMinuteStatsIntoHours:
        return QStringLiteral(
            "INSERT INTO taskdeck_stats (minute, queue, outcome, shard, count, duration_ms_sum, latency_ms_sum)"
            " SELECT minute - minute % 3600000, queue, outcome, -1 - shard, SUM(count), SUM(duration_ms_sum),"
            " SUM(latency_ms_sum) FROM taskdeck_stats WHERE shard >= 0"
            " GROUP BY minute - minute % 3600000, queue, outcome, shard"
            " ON CONFLICT (minute, queue, outcome, shard) DO UPDATE SET count = count + excluded.count,"
            " duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum,"
            " latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum");
    case Sql::SelectStats:
        return QStringLiteral(
            "SELECT minute - minute % :bucket_ms AS bucket, queue, outcome, SUM(count),"
            " SUM(duration_ms_sum), SUM(latency_ms_sum) FROM taskdeck_stats WHERE minute >= :since AND {shards}"
            " GROUP BY bucket, queue, outcome ORDER BY bucket, queue, outcome");
    case Sql::EnsureQueue:
        return QStringLiteral("INSERT INTO taskdeck_queues (name) VALUES (:queue) ON CONFLICT (name) DO NOTHING");
    default:
        break;
    }
    return Dialect::sql(statement);
}

QString SqliteDialect::claimSql(const ClaimShape& shape) const
{
    const QString filter = claimFilter(shape);
    // BEGIN IMMEDIATE around this statement (the store's write transaction) makes the select-and-update atomic.
    // INDEXED BY: without statistics the planner prefers the (state, …) index and sorts every pending task on each
    // claim; the claim index yields them in claim order, so a claim reads only the rows it takes.
    return QStringLiteral(
               "UPDATE taskdeck_tasks SET state = 'running', attempts = attempts + 1, locked_by = :worker,"
               " locked_until = {now} + :lease_ms, started_at = {now}, finished_at = NULL, cancel_requested = 0,"
               " progress = NULL, progress_message = NULL"
               " WHERE id IN (SELECT id FROM taskdeck_tasks t INDEXED BY taskdeck_tasks_claim"
               " WHERE state = 'pending' AND run_at <= {now}%1"
               "%2 ORDER BY priority DESC, run_at, id LIMIT :limit)"
               " RETURNING id, queue, handler, payload, priority, attempts, max_attempts, timeout_s, run_at,"
               " started_at, locked_until, created_at")
        .arg(filter, claimableQueueCondition(shape));
}

QString SqliteDialect::batchSql(BatchSql statement, const BatchShape& shape) const
{
    switch (statement) {
    case BatchSql::InsertTaskRows:
        return insertTaskRowsSql(shape.rows, shape.uniqueKeys);
    default:
        return Dialect::batchSql(statement, shape);
    }
}

QString SqliteDialect::insertTaskRowsSql(int rows, bool uniqueKeys) const
{
    // {now} once, in a row of its own: with a test clock it is a placeholder, and a placeholder that appears twice
    // makes Qt's driver de-duplicate all the values at a cost that grows with the square of their number. WHERE
    // true keeps ON CONFLICT from being read as a join constraint.
    QString values;
    values.reserve(rows * 64);
    for (int i = 0; i < rows; ++i) {
        const QString n = QString::number(i);
        values += (i ? QLatin1String(", (:i") : QLatin1String("(:i")) + n + QLatin1String(", :q") + n +
            QLatin1String(", :h") + n + QLatin1String(", :p") + n + QLatin1String(", :pr") + n + QLatin1String(", :r") +
            n + QLatin1String(", :d") + n + QLatin1String(", :m") + n + QLatin1String(", :k") + n +
            QLatin1String(", :t") + n + QLatin1Char(')');
    }
    return QStringLiteral("WITH v (i, q, h, p, pr, r, d, m, k, t) AS (VALUES %1), c (now) AS (SELECT {now})"
                          " INSERT INTO taskdeck_tasks (id, queue, handler, payload, priority, run_at, state,"
                          " max_attempts, unique_key, timeout_s, created_at)"
                          " SELECT v.i, v.q, v.h, v.p, v.pr, COALESCE(v.r, c.now + v.d), 'pending',"
                          " COALESCE(v.m, qs.default_max_attempts, :default_max_attempts), v.k, v.t, c.now"
                          " FROM v CROSS JOIN c LEFT JOIN taskdeck_queues AS qs ON qs.name = v.q WHERE true%2"
                          " RETURNING id")
        .arg(values,
             uniqueKeys ? QStringLiteral(" ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING")
                        : QString());
}

QString SqliteDialect::nowExpression() const
{
    // julianday('now') is fixed for the whole statement, so every {now} in one statement agrees.
    return QStringLiteral("CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)");
}

QString SqliteDialect::tableName(const QString& logicalName) const
{
    return QLatin1String("taskdeck_") + logicalName;
}

QString SqliteDialect::containsLiteral(const QString& column, const QString& parameter) const
{
    // instr() takes its argument literally (LIKE would treat % and _ as wildcards); lower() folds ASCII case.
    return QStringLiteral("instr(lower(%1), lower(%2)) > 0").arg(column, parameter);
}

QString SqliteDialect::searchCondition(const QString& parameter) const
{
    // LIKE folds ASCII case as lower() did, without building a lowered copy of every row: a search that reads every
    // task takes about a third of the time (0.84 → 0.29 s at a million tasks). NULL columns simply do not match.
    return QStringLiteral("payload LIKE %1 ESCAPE '\\' OR last_error LIKE %1 ESCAPE '\\'"
                          " OR unique_key LIKE %1 ESCAPE '\\'")
        .arg(parameter);
}

QString SqliteDialect::literalSearchValue(const QString& text) const
{
    return likeContainsPattern(text);
}

QString SqliteDialect::textPrefix(const QString& column, int characters) const
{
    return QStringLiteral("substr(%1, 1, %2)").arg(column).arg(characters);
}

} // namespace taskdeck
