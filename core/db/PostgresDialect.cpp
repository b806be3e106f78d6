#include "db/PostgresDialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <utility>

namespace taskdeck {

namespace {

// One trigram index per searched column: a search is then a BitmapOr of three index scans.
constexpr std::array<std::pair<const char*, const char*>, 3> kSearchIndexes{
    {{"tasks_search_payload", "payload"}, {"tasks_search_error", "last_error"}, {"tasks_search_key", "unique_key"}}};

QString searchIndexNames()
{
    QStringList names;
    for (const auto& [index, column] : kSearchIndexes)
        names << QLatin1Char('\'') + QLatin1String(index) + QLatin1Char('\'');
    return names.join(QLatin1String(", "));
}

} // namespace

PostgresDialect::PostgresDialect()
{
    m_traits.notifiesListeningWorkers = true;
    m_traits.foldsTaskCounts = true;
    m_traits.batchInsert = m_traits.batchInsertWithUniqueKeys = DialectTraits::BatchInsert::FromArrays;
    m_traits.batchSuccess = DialectTraits::BatchSuccess::FromJson;
    m_traits.hasSearchIndex = true;
    m_traits.loneInsertMayAutocommit = true;
    m_traits.loneClaimMayAutocommit = true;
    m_traits.insertTaskNotifiesWorkers = true;
    m_traits.failedStatementKeepsTransaction = false; // one failed statement aborts the whole transaction (25P02)
    m_traits.triggersCountRunningTasks = true;
}

QString PostgresDialect::name() const
{
    return QStringLiteral("postgresql");
}

QString PostgresDialect::batchSql(BatchSql statement, const BatchShape& shape) const
{
    switch (statement) {
    case BatchSql::FinishSucceededFromJson:
        return finishSucceededFromJsonSql(false);
    case BatchSql::RemoveSucceededFromJson:
        return finishSucceededFromJsonSql(true);
    case BatchSql::InsertTasksFromArrays:
        return insertTasksFromArraysSql(shape.uniqueKeys);
    default:
        return Dialect::batchSql(statement, shape);
    }
}

QString PostgresDialect::finishSucceededFromJsonSql(bool remove) const
{
    // A join with the batch's rows: an OR of 500 (id, attempt) pairs cost 16 µs of server time per task in a drain,
    // this 8. The ids also go to the primary key as an array: joined on its own, the planner read every running
    // task of the table off the lease index (10,000 running across 20 workers: 3.2 ms for a batch of 64, 0.4 with
    // the array). The state as stateCheckForRowsById() writes it.
    const QString rows = QStringLiteral("WITH u AS MATERIALIZED (SELECT * FROM json_to_recordset(CAST(:rows AS json))"
                                        " AS u(i bigint, a integer, r text)) ");
    const QString fence =
        QStringLiteral(" WHERE t.id = ANY (ARRAY(SELECT u.i FROM u)) AND t.id = u.i AND t.attempts = u.a"
                       " AND t.locked_by = :worker AND %1 RETURNING t.id")
            .arg(stateCheckForRowsById(QStringLiteral("t.state = 'running'")));
    if (remove)
        return rows + QStringLiteral("DELETE FROM taskdeck.tasks AS t USING u") + fence;
    return rows +
        QStringLiteral("UPDATE taskdeck.tasks AS t SET state = 'succeeded', finished_at = {now}, locked_by = NULL,"
                       " locked_until = NULL, last_error = NULL, result = u.r FROM u") +
        fence;
}

bool PostgresDialect::isPermissionDenied(const QSqlError& error) const
{
    // SQLSTATE 42501 insufficient_privilege: QPSQL reports the SQLSTATE, psqlODBC the server's message.
    return error.nativeErrorCode() == QLatin1String("42501") ||
        error.databaseText().contains(QLatin1String("permission denied"), Qt::CaseInsensitive) ||
        error.driverText().contains(QLatin1String("permission denied"), Qt::CaseInsensitive);
}

Status PostgresDialect::configureConnection(QSqlDatabase& db) const
{
    // Times travel as epoch milliseconds, so the zone only matters to people reading the session; UTC keeps it
    // honest for them too.
    // A lock wait ends with an error after 10 s instead of never: a worker stuck behind someone else's lock goes
    // through its reconnect path (its lease watchdog has stopped its handlers by then).
    // A statement whose client has gone must not go on: an SQL handler's statement of a killed worker would otherwise
    // run (and commit) to its end beside the rescued attempt (measured: a 20 s statement ran on 18 s after its worker
    // was killed; bench/sql-handler-after-kill.sh). From PostgreSQL 14 the server checks every second whether the
    // client is still there while a statement runs; keepalives tell it within about 11 s when the client's machine
    // vanished without closing the connection.
    for (const QString& statement :
         {QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("SET lock_timeout = '10s'"),
          QStringLiteral("SET tcp_keepalives_idle = 5"), QStringLiteral("SET tcp_keepalives_interval = 2"),
          QStringLiteral("SET tcp_keepalives_count = 3"),
          QStringLiteral("SELECT set_config('client_connection_check_interval', '1000', false)"
                         " WHERE current_setting('server_version_num')::integer >= 140000")}) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return makeError(
                ErrorCode::Database,
                tr("cannot configure the PostgreSQL session (%1): %2").arg(statement, query.lastError().text()));
    }
    return {};
}

QList<Migration> PostgresDialect::migrations() const
{
    Migration initial;
    initial.version = 1;
    initial.oldestCompatible = 1;
    initial.description = QStringLiteral("tasks, runs, workers, queues, stats, operator actions");
    const QString states = QStringLiteral("('pending', 'running', 'succeeded', 'failed', 'cancelled')");
    const QString outcomes = QStringLiteral("('succeeded', 'failed', 'timed_out', 'cancelled', 'lost')");
    initial.statements = {
        QStringLiteral("CREATE SCHEMA IF NOT EXISTS taskdeck"),
        QStringLiteral("CREATE TABLE taskdeck.schema_version ("
                       " version integer PRIMARY KEY,"
                       " oldest_compatible integer NOT NULL,"
                       " description text NOT NULL,"
                       " applied_at timestamptz NOT NULL)"),
        QStringLiteral("CREATE TABLE taskdeck.tasks ("
                       " id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                       " queue text NOT NULL,"
                       " handler text NOT NULL,"
                       " payload text NOT NULL DEFAULT '{}',"
                       " priority integer NOT NULL DEFAULT 0,"
                       " run_at timestamptz NOT NULL,"
                       " state text NOT NULL CHECK (state IN %1),"
                       " attempts integer NOT NULL DEFAULT 0,"
                       " max_attempts integer NOT NULL,"
                       " unique_key text,"
                       " timeout_s integer,"
                       " locked_by text,"
                       " locked_until timestamptz,"
                       " cancel_requested boolean NOT NULL DEFAULT false,"
                       " created_at timestamptz NOT NULL,"
                       " started_at timestamptz,"
                       " finished_at timestamptz,"
                       " last_error text,"
                       " result text,"
                       " progress integer,"
                       " progress_message text)")
            .arg(states),
        // Exactly the claim's filter and order: a claim reads the next tasks straight off this index.
        QStringLiteral(
            "CREATE INDEX tasks_claim ON taskdeck.tasks (priority DESC, run_at, id) WHERE state = 'pending'"),
        QStringLiteral("CREATE INDEX tasks_lease ON taskdeck.tasks (locked_until) WHERE state = 'running'"),
        QStringLiteral("CREATE INDEX tasks_state ON taskdeck.tasks (state, queue, run_at)"),
        QStringLiteral("CREATE INDEX tasks_created ON taskdeck.tasks (created_at)"),
        QStringLiteral("CREATE UNIQUE INDEX tasks_unique_key ON taskdeck.tasks (unique_key)"
                       " WHERE unique_key IS NOT NULL"),
        QStringLiteral("CREATE TABLE taskdeck.task_runs ("
                       " id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                       " task_id bigint NOT NULL,"
                       " attempt integer NOT NULL,"
                       " worker text,"
                       " started_at timestamptz,"
                       " finished_at timestamptz NOT NULL,"
                       " outcome text NOT NULL CHECK (outcome IN %1),"
                       " message text,"
                       " duration_ms bigint)")
            .arg(outcomes),
        QStringLiteral("CREATE INDEX task_runs_task ON taskdeck.task_runs (task_id, attempt)"),
        QStringLiteral("CREATE INDEX task_runs_finished ON taskdeck.task_runs (finished_at)"),
        QStringLiteral("CREATE TABLE taskdeck.workers ("
                       " id text PRIMARY KEY,"
                       " name text NOT NULL,"
                       " host text NOT NULL,"
                       " pid bigint NOT NULL,"
                       " version text NOT NULL,"
                       " queues text NOT NULL DEFAULT '',"
                       " handlers text NOT NULL DEFAULT '',"
                       " concurrency integer NOT NULL,"
                       " in_flight integer NOT NULL DEFAULT 0,"
                       " started_at timestamptz NOT NULL,"
                       " heartbeat_at timestamptz NOT NULL,"
                       " stopping boolean NOT NULL DEFAULT false)"),
        QStringLiteral("CREATE TABLE taskdeck.queues ("
                       " name text PRIMARY KEY,"
                       " paused boolean NOT NULL DEFAULT false,"
                       " concurrency_limit integer,"
                       " default_max_attempts integer,"
                       " backoff_base_ms bigint,"
                       " backoff_max_ms bigint,"
                       " default_timeout_s integer)"),
        QStringLiteral("CREATE TABLE taskdeck.stats ("
                       " minute timestamptz NOT NULL,"
                       " queue text NOT NULL,"
                       " outcome text NOT NULL,"
                       " shard integer NOT NULL,"
                       " count bigint NOT NULL,"
                       " duration_ms_sum bigint NOT NULL,"
                       " latency_ms_sum bigint NOT NULL,"
                       " PRIMARY KEY (minute, queue, outcome, shard))"),
        QStringLiteral("CREATE TABLE taskdeck.operator_actions ("
                       " id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                       " at timestamptz NOT NULL,"
                       " actor text NOT NULL,"
                       " action text NOT NULL,"
                       " task_count bigint NOT NULL,"
                       " detail text NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX operator_actions_at ON taskdeck.operator_actions (at)"),
    };

    Migration schedules;
    schedules.version = 2;
    schedules.oldestCompatible = 1;
    schedules.description = QStringLiteral("schedules, subscriptions, settings, maintenance, audit database user");
    schedules.statements = {
        QStringLiteral("CREATE TABLE taskdeck.schedules ("
                       " name text PRIMARY KEY,"
                       " cron text NOT NULL,"
                       " time_zone text NOT NULL,"
                       " queue text NOT NULL,"
                       " handler text NOT NULL,"
                       " payload text NOT NULL DEFAULT '{}',"
                       " priority integer NOT NULL DEFAULT 0,"
                       " max_attempts integer,"
                       " missed text NOT NULL CHECK (missed IN ('skip', 'once')),"
                       " enabled boolean NOT NULL DEFAULT true,"
                       " next_run_at timestamptz,"
                       " last_run_at timestamptz,"
                       " last_task_id bigint,"
                       " revision bigint NOT NULL DEFAULT 0,"
                       " created_at timestamptz NOT NULL,"
                       " updated_at timestamptz NOT NULL)"),
        QStringLiteral("CREATE INDEX schedules_due ON taskdeck.schedules (next_run_at) WHERE enabled"),
        QStringLiteral("CREATE TABLE taskdeck.subscriptions ("
                       " event text NOT NULL,"
                       " handler text NOT NULL,"
                       " queue text NOT NULL,"
                       " priority integer NOT NULL DEFAULT 0,"
                       " created_at timestamptz NOT NULL,"
                       " PRIMARY KEY (event, handler))"),
        QStringLiteral("CREATE TABLE taskdeck.settings (name text PRIMARY KEY, value text NOT NULL)"),
        QStringLiteral("CREATE TABLE taskdeck.maintenance ("
                       " name text PRIMARY KEY,"
                       " holder text,"
                       " held_until timestamptz,"
                       " last_run_at timestamptz)"),
        QStringLiteral("INSERT INTO taskdeck.maintenance (name) VALUES ('prune')"),
        QStringLiteral("ALTER TABLE taskdeck.operator_actions ADD COLUMN db_user text NOT NULL DEFAULT ''"),
    };

    // The SQL API: what an application calls inside its own transaction (the transactional outbox). SECURITY
    // DEFINER with a pinned search_path, so a caller needs only EXECUTE (roles.sql grants it) and cannot redirect
    // the functions to objects of its own. Errors use SQLSTATE 22023 with a message naming the argument.
    Migration sqlApi;
    sqlApi.version = 3;
    sqlApi.oldestCompatible = 1;
    sqlApi.description = QStringLiteral("SQL API: enqueue, publish, cancel_by_key, task_status");
    const QString header = QStringLiteral(" LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp");
    const QString checkName = QStringLiteral(
        " IF %1 IS NULL OR %1 = '' OR length(%1) > %2 OR %1 <> btrim(%1, ' ') OR %1 ~ '[[:cntrl:]]' THEN"
        " RAISE EXCEPTION 'taskdeck: %3 must be 1 to %2 characters, without control characters or leading or"
        " trailing spaces' USING ERRCODE = '22023'; END IF;");
    const QString checkPayload = QStringLiteral(
        " IF %1 IS NULL OR %1 = '' THEN %1 := '{}'; END IF;"
        " BEGIN PERFORM CAST(%1 AS jsonb); EXCEPTION WHEN others THEN"
        " RAISE EXCEPTION 'taskdeck: the payload is not valid JSON: %', SQLERRM USING ERRCODE = '22023'; END;");
    sqlApi.statements = {
        QStringLiteral(
            "CREATE FUNCTION taskdeck.enqueue(handler text, payload text DEFAULT '{}', queue text DEFAULT 'default',"
            " delay_ms bigint DEFAULT 0, run_at timestamptz DEFAULT NULL, priority integer DEFAULT 0,"
            " unique_key text DEFAULT NULL, max_attempts integer DEFAULT NULL) RETURNS bigint") +
            // use_column: in ON CONFLICT (unique_key) the name means the column; parameters are always qualified.
            header +
            QStringLiteral(" AS $$ #variable_conflict use_column\n DECLARE new_id bigint;"
                           " now_ms timestamptz := date_trunc('milliseconds', now()); BEGIN") +
            checkName.arg(QStringLiteral("enqueue.handler")).arg(200).arg(QStringLiteral("the handler")) +
            checkName.arg(QStringLiteral("enqueue.queue")).arg(128).arg(QStringLiteral("the queue")) +
            checkPayload.arg(QStringLiteral("enqueue.payload")) +
            QStringLiteral(
                " IF enqueue.unique_key IS NOT NULL AND (enqueue.unique_key = '' OR length(enqueue.unique_key) > 255"
                " OR enqueue.unique_key ~ '[[:cntrl:]]') THEN RAISE EXCEPTION"
                " 'taskdeck: the unique key must be 1 to 255 characters without control characters'"
                " USING ERRCODE = '22023'; END IF;"
                " IF enqueue.max_attempts IS NOT NULL AND (enqueue.max_attempts < 1 OR enqueue.max_attempts > 1000)"
                " THEN RAISE EXCEPTION 'taskdeck: max_attempts must be between 1 and 1000' USING ERRCODE = '22023';"
                " END IF;"
                // ON CONFLICT: a duplicate key must not abort the caller's transaction.
                " INSERT INTO taskdeck.tasks AS t (queue, handler, payload, priority, run_at, state, max_attempts,"
                " unique_key, created_at) VALUES (enqueue.queue, enqueue.handler, enqueue.payload,"
                " COALESCE(enqueue.priority, 0), COALESCE(enqueue.run_at, now_ms + COALESCE(enqueue.delay_ms, 0) *"
                " INTERVAL '1 millisecond'), 'pending', COALESCE(enqueue.max_attempts, (SELECT q.default_max_attempts"
                " FROM taskdeck.queues q WHERE q.name = enqueue.queue), 5), enqueue.unique_key, now_ms)"
                " ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING RETURNING t.id INTO new_id;"
                " IF new_id IS NULL THEN"
                " SELECT t.id INTO new_id FROM taskdeck.tasks t WHERE t.unique_key = enqueue.unique_key;"
                " ELSE PERFORM pg_notify('taskdeck_tasks', ''); END IF;"
                " RETURN new_id; END $$"),
        QStringLiteral("CREATE FUNCTION taskdeck.publish(event text, payload text DEFAULT '{}') RETURNS SETOF bigint") +
            header +
            QStringLiteral(" AS $$ DECLARE new_id bigint; any_task boolean := false;"
                           " now_ms timestamptz := date_trunc('milliseconds', now()); BEGIN") +
            checkName.arg(QStringLiteral("publish.event")).arg(200).arg(QStringLiteral("the event")) +
            checkPayload.arg(QStringLiteral("publish.payload")) +
            QStringLiteral(
                " FOR new_id IN INSERT INTO taskdeck.tasks AS t (queue, handler, payload, priority, run_at, state,"
                " max_attempts, created_at) SELECT s.queue, s.handler, publish.payload, s.priority, now_ms, 'pending',"
                " COALESCE((SELECT q.default_max_attempts FROM taskdeck.queues q WHERE q.name = s.queue), 5), now_ms"
                " FROM taskdeck.subscriptions s WHERE s.event = publish.event ORDER BY s.handler RETURNING t.id"
                " LOOP any_task := true; RETURN NEXT new_id; END LOOP;"
                " IF any_task THEN PERFORM pg_notify('taskdeck_tasks', ''); END IF;"
                " RETURN; END $$"),
        QStringLiteral("CREATE FUNCTION taskdeck.cancel_by_key(unique_key text) RETURNS integer") + header +
            QStringLiteral(
                " AS $$ DECLARE cancelled integer; requested integer; BEGIN"
                " UPDATE taskdeck.tasks t SET state = 'cancelled', finished_at = date_trunc('milliseconds', now()),"
                " last_error = 'cancelled by key' WHERE t.unique_key = cancel_by_key.unique_key"
                " AND t.state = 'pending';"
                " GET DIAGNOSTICS cancelled = ROW_COUNT;"
                " UPDATE taskdeck.tasks t SET cancel_requested = true WHERE t.unique_key = cancel_by_key.unique_key"
                " AND t.state = 'running' AND NOT t.cancel_requested;"
                " GET DIAGNOSTICS requested = ROW_COUNT;"
                " RETURN cancelled + requested; END $$"),
        // The state of a task; 'succeeded' also when it succeeded and retention removed it, 'deleted' when it ran
        // and was removed otherwise, NULL when it never existed (or only succeeded without recorded runs).
        QStringLiteral("CREATE FUNCTION taskdeck.task_status(id bigint) RETURNS text") + header +
            QStringLiteral(" STABLE AS $$ DECLARE found_state text; BEGIN"
                           " SELECT t.state INTO found_state FROM taskdeck.tasks t WHERE t.id = task_status.id;"
                           " IF found_state IS NOT NULL THEN RETURN found_state; END IF;"
                           " IF EXISTS (SELECT 1 FROM taskdeck.task_runs r WHERE r.task_id = task_status.id"
                           " AND r.outcome = 'succeeded') THEN RETURN 'succeeded'; END IF;"
                           " IF EXISTS (SELECT 1 FROM taskdeck.task_runs r WHERE r.task_id = task_status.id) THEN"
                           " RETURN 'deleted'; END IF;"
                           " RETURN NULL; END $$"),
        // Nobody but the owner until roles.sql grants EXECUTE to the roles that may call them.
        QStringLiteral("REVOKE ALL ON FUNCTION taskdeck.enqueue(text, text, text, bigint, timestamptz, integer, text,"
                       " integer), taskdeck.publish(text, text), taskdeck.cancel_by_key(text),"
                       " taskdeck.task_status(bigint) FROM PUBLIC"),
    };
    // A claim changes a task's state, so PostgreSQL writes the new row version into every index of the table. The
    // state index serves the overview and the console's lists of waiting and finished tasks; running ones are
    // counted by the triggers, and the lease index, which holds exactly them, now leads with their queue: the
    // console's running tasks of a queue and a claim's count of a limited queue's running tasks read it instead
    // (a rescue reads all its entries, one per running task, for the expired ones). Left out of the state index,
    // each claimed task costs one index entry fewer (high-throughput drain: bench/RESULTS.md, 2026-12-07).
    Migration runningOutOfStateIndex;
    runningOutOfStateIndex.version = 8;
    runningOutOfStateIndex.oldestCompatible = 7; // only indexes change: builds of version 7 run as before
    runningOutOfStateIndex.description = QStringLiteral(
        "running tasks leave the state index for the lease index, led by their queue: one index entry fewer per claim");
    runningOutOfStateIndex.statements = {
        QStringLiteral("DROP INDEX taskdeck.tasks_state"),
        QStringLiteral("CREATE INDEX tasks_state ON taskdeck.tasks (state, queue, run_at) INCLUDE (attempts, handler)"
                       " WHERE state <> 'running'"),
        QStringLiteral("DROP INDEX taskdeck.tasks_lease"),
        QStringLiteral("CREATE INDEX tasks_lease ON taskdeck.tasks (queue, locked_until) WHERE state = 'running'"),
    };
    return {
        initial,
        schedules,
        sqlApi,
        overviewIndexMigration(
            4,
            {
                QStringLiteral("DROP INDEX taskdeck.tasks_state"),
                QStringLiteral(
                    "CREATE INDEX tasks_state ON taskdeck.tasks (state, queue, run_at) INCLUDE (attempts, handler)"),
            }),
        hourlyStatsMigration(5),
        taskCountsMigration(6, 5, taskCountStatements()),
        handlerCountsMigration(7,
                               QStringList{
                                   QStringLiteral("DROP TRIGGER tasks_count_insert ON taskdeck.tasks"),
                                   QStringLiteral("DROP TRIGGER tasks_count_update ON taskdeck.tasks"),
                                   QStringLiteral("DROP TRIGGER tasks_count_delete ON taskdeck.tasks"),
                                   QStringLiteral("DROP FUNCTION taskdeck.count_task_changes()"),
                                   QStringLiteral("DROP TABLE taskdeck.task_counts"),
                               } + taskCountStatements()),
        runningOutOfStateIndex};
}

QStringList PostgresDialect::taskCountStatements() const
{
    // Statement-level triggers: one INSERT of a few rows per statement, however many tasks it changed, and
    // appended rather than updated, so that concurrent writers never wait on a counter row (a maintenance pass
    // folds them). SECURITY DEFINER: a producer that may only call taskdeck.enqueue() is counted as well.
    const QString insert = QStringLiteral(" INSERT INTO taskdeck.task_counts (queue, handler, count_key, task_count)");
    return {
        QStringLiteral("CREATE TABLE taskdeck.task_counts ("
                       " queue text NOT NULL,"
                       " handler text NOT NULL,"
                       " count_key text NOT NULL,"
                       " task_count bigint NOT NULL)"),
        QStringLiteral("CREATE FUNCTION taskdeck.count_task_changes() RETURNS trigger LANGUAGE plpgsql"
                       " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ BEGIN"
                       " IF TG_OP = 'INSERT' THEN") +
            insert + QStringLiteral(" SELECT c.queue, c.handler, c.count_key, count(*) FROM (") +
            countedRowsSelect(QStringLiteral("new_rows"), QStringLiteral("1")) +
            QStringLiteral(") c GROUP BY c.queue, c.handler, c.count_key;"
                           " ELSIF TG_OP = 'DELETE' THEN") +
            insert + QStringLiteral(" SELECT c.queue, c.handler, c.count_key, -count(*) FROM (") +
            countedRowsSelect(QStringLiteral("old_rows"), QStringLiteral("-1")) +
            QStringLiteral(") c GROUP BY c.queue, c.handler, c.count_key;"
                           // An update: what left each counter and what entered it; rows that stayed cancel out.
                           " ELSE") +
            insert + QStringLiteral(" SELECT c.queue, c.handler, c.count_key, sum(c.task_change) FROM (") +
            countedRowsSelect(QStringLiteral("old_rows"), QStringLiteral("-1")) + QStringLiteral(" UNION ALL ") +
            countedRowsSelect(QStringLiteral("new_rows"), QStringLiteral("1")) +
            QStringLiteral(") c GROUP BY c.queue, c.handler, c.count_key HAVING sum(c.task_change) <> 0;"
                           " END IF; RETURN NULL; END $$"),
        QStringLiteral("CREATE TRIGGER tasks_count_insert AFTER INSERT ON taskdeck.tasks REFERENCING NEW TABLE AS"
                       " new_rows FOR EACH STATEMENT EXECUTE FUNCTION taskdeck.count_task_changes()"),
        QStringLiteral("CREATE TRIGGER tasks_count_update AFTER UPDATE ON taskdeck.tasks REFERENCING OLD TABLE AS"
                       " old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION"
                       " taskdeck.count_task_changes()"),
        QStringLiteral("CREATE TRIGGER tasks_count_delete AFTER DELETE ON taskdeck.tasks REFERENCING OLD TABLE AS"
                       " old_rows FOR EACH STATEMENT EXECUTE FUNCTION taskdeck.count_task_changes()"),
    };
}

Status PostgresDialect::lockForMigration(QSqlDatabase& db) const
{
    // Held until the migration's transaction ends; DDL is transactional here, so a migration applies whole or not.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(hashtext('taskdeck.migrate'))")))
        return makeError(ErrorCode::Database, tr("cannot take the migration lock: %1").arg(query.lastError().text()));
    return {};
}

QString PostgresDialect::sql(Sql statement) const
{
    const QString ms = QStringLiteral(" * INTERVAL '1 millisecond'");
    switch (statement) {
    case Sql::SchemaTableExists:
        return QStringLiteral("SELECT 1 FROM pg_catalog.pg_tables"
                              " WHERE schemaname = 'taskdeck' AND tablename = 'schema_version'");
    case Sql::DeleteTaskCounts:
        return QStringLiteral("DELETE FROM taskdeck.task_counts RETURNING queue, count_key, task_count, handler");
    case Sql::AnalyzeTasks:
        // Benchmarks empty the table before each run: the dead rows go too, as in the peers' method.
        return QStringLiteral("VACUUM ANALYZE taskdeck.tasks");
    case Sql::InsertTask:
        // The notification goes out with the insert (delivered at commit, only if a task was inserted): one
        // statement is the whole enqueue, which then needs no transaction of its own
        // (DialectTraits::loneInsertMayAutocommit).
        return QStringLiteral(
                   "WITH inserted AS (INSERT INTO taskdeck.tasks (queue, handler, payload, priority, run_at, state,"
                   " max_attempts, unique_key, timeout_s, created_at)"
                   " VALUES (:queue, :handler, :payload, CAST(:priority AS integer),"
                   " COALESCE(%1, {now} + CAST(:delay_ms AS bigint)%2), 'pending',"
                   " COALESCE(CAST(:max_attempts AS integer),"
                   " (SELECT default_max_attempts FROM taskdeck.queues WHERE name = :queue),"
                   " CAST(:default_max_attempts AS integer)), :unique_key,"
                   " CAST(:timeout_s AS integer), {now})"
                   " ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING RETURNING id)"
                   " SELECT i.id, CAST(pg_notify('taskdeck_tasks', '') AS text) FROM inserted AS i")
            .arg(timeParameter(QStringLiteral(":run_at")), ms);
    case Sql::UpsertStats:
        return QStringLiteral(
            "INSERT INTO taskdeck.stats AS s (minute, queue, outcome, shard, count, duration_ms_sum, latency_ms_sum)"
            " VALUES (date_trunc('minute', {now}), :queue, :outcome, CAST(:shard AS integer), CAST(:count AS bigint),"
            " CAST(:duration_ms AS bigint), CAST(:latency_ms AS bigint)),"
            " (date_trunc('hour', {now}), :queue, :outcome, CAST(:hour_shard AS integer), CAST(:count AS bigint),"
            " CAST(:duration_ms AS bigint), CAST(:latency_ms AS bigint))"
            " ON CONFLICT (minute, queue, outcome, shard) DO UPDATE SET count = s.count + EXCLUDED.count,"
            " duration_ms_sum = s.duration_ms_sum + EXCLUDED.duration_ms_sum,"
            " latency_ms_sum = s.latency_ms_sum + EXCLUDED.latency_ms_sum");
    case Sql::SumMinuteStatsIntoHours:
        return QStringLiteral(
            "INSERT INTO taskdeck.stats AS s (minute, queue, outcome, shard, count, duration_ms_sum,"
            " latency_ms_sum) SELECT date_trunc('hour', minute), queue, outcome, -1 - shard, SUM(count),"
            " SUM(duration_ms_sum), SUM(latency_ms_sum) FROM taskdeck.stats WHERE shard >= 0"
            " GROUP BY date_trunc('hour', minute), queue, outcome, shard"
            " ON CONFLICT (minute, queue, outcome, shard) DO UPDATE SET count = s.count + EXCLUDED.count,"
            " duration_ms_sum = s.duration_ms_sum + EXCLUDED.duration_ms_sum,"
            " latency_ms_sum = s.latency_ms_sum + EXCLUDED.latency_ms_sum");
    case Sql::SelectStats:
        return QStringLiteral(
                   "SELECT s.bucket, s.queue, s.outcome, CAST(SUM(s.count) AS bigint),"
                   " CAST(SUM(s.duration_ms_sum) AS bigint), CAST(SUM(s.latency_ms_sum) AS bigint) FROM"
                   " (SELECT %1 - %1 % CAST(:bucket_ms AS bigint) AS bucket, queue, outcome, count,"
                   " duration_ms_sum, latency_ms_sum FROM taskdeck.stats WHERE minute >= %2 AND {shards}) AS s"
                   " GROUP BY s.bucket, s.queue, s.outcome ORDER BY s.bucket, s.queue, s.outcome")
            .arg(timeColumn(QStringLiteral("minute")), timeParameter(QStringLiteral(":since")));
    case Sql::EnsureQueue:
        return QStringLiteral("INSERT INTO taskdeck.queues (name) VALUES (:queue) ON CONFLICT (name) DO NOTHING");
    case Sql::CountSearchIndexes:
        // Valid ones, and all: an interrupted CREATE INDEX CONCURRENTLY leaves an invalid index behind.
        return QStringLiteral("SELECT COUNT(*) FILTER (WHERE i.indisvalid), COUNT(*) FROM pg_index i"
                              " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                              " WHERE n.nspname = 'taskdeck' AND c.relname IN (%1)")
            .arg(searchIndexNames());
    case Sql::SelectSearchIndexSchema:
        return QStringLiteral("SELECT quote_ident(n.nspname) FROM pg_extension e"
                              " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'");
    case Sql::LockLimitedQueues:
        // Held until the claim commits: claims that could exceed a queue's limit take turns.
        return Dialect::sql(statement) + QLatin1String(" FOR UPDATE");
    case Sql::NotifyTasks:
        return QStringLiteral("SELECT pg_notify('taskdeck_tasks', '')");
    default:
        break;
    }
    return Dialect::sql(statement);
}

QString PostgresDialect::claimSql(const ClaimShape& shape) const
{
    const QString filter = claimFilter(shape);
    // MATERIALIZED: a plain IN (subquery … LIMIT) may be re-evaluated by the planner and claim more than asked.
    // The rows are then found again by = ANY (ARRAY(…)), a primary-key lookup whatever the table's size: a join
    // with the CTE was planned as a hash join over a sequential scan of the whole table once it had a few
    // thousand rows (24 ms instead of 2 for 500 tasks out of 50,000).
    return QStringLiteral(
               "WITH c AS MATERIALIZED (SELECT t.id FROM taskdeck.tasks t"
               " WHERE %7 AND t.run_at <= {now}%1"
               "%6 ORDER BY t.priority DESC, t.run_at, t.id LIMIT :limit FOR UPDATE OF t SKIP LOCKED)"
               " UPDATE taskdeck.tasks AS t SET state = 'running', attempts = t.attempts + 1, locked_by = :worker,"
               " locked_until = {now} + CAST(:lease_ms AS bigint) * INTERVAL '1 millisecond', started_at = {now},"
               " finished_at = NULL, cancel_requested = false, progress = NULL, progress_message = NULL"
               " WHERE t.id = ANY (ARRAY(SELECT c.id FROM c))"
               " RETURNING t.id, t.queue, t.handler, t.payload, t.priority, t.attempts, t.max_attempts, t.timeout_s,"
               " %2, %3, %4, %5")
        .arg(filter, timeColumn(QStringLiteral("t.run_at")), timeColumn(QStringLiteral("t.started_at")),
             timeColumn(QStringLiteral("t.locked_until")), timeColumn(QStringLiteral("t.created_at")),
             claimableQueueCondition(shape),
             shape.singleTask ? stateCheckForRowsById(QStringLiteral("t.state = 'pending'"))
                              : QStringLiteral("t.state = 'pending'"));
}

QString PostgresDialect::claimableQueueCondition(const ClaimShape& shape) const
{
    // NOT IN over the queues, not NOT EXISTS: the planner turns NOT EXISTS into an anti-join and estimates from the
    // queues table how many tasks it removes. Its guess for a table never analyzed (an empty one: no queue set up),
    // or for paused queues none of whose names the tasks use, is nearly all of them; it then reads every waiting
    // task and sorts them instead of taking the first few off the claim index (50-70 ms for a claim of 500 out of
    // 50,000, growing with the table). NOT IN is a hashed subplan, read once per claim, that leaves the estimate
    // alone. A queue name is never NULL, so NOT IN means what NOT EXISTS did.
    return QStringLiteral(" AND t.queue NOT IN (SELECT q.name FROM taskdeck.queues q WHERE %1)")
        .arg(shape.skipLimitedQueues ? QStringLiteral("q.paused OR q.concurrency_limit IS NOT NULL")
                                     : QStringLiteral("q.paused"));
}

QString PostgresDialect::stateCheckForRowsById(const QString& condition) const
{
    // "(…) IS TRUE", which no index can answer. Statistics taken while no task ran (after a bulk enqueue, on a quiet
    // night) put the running tasks at one row, and the planner then answered "state = 'running'" from the state
    // index: a worker finishing one task read every running task of the fleet (10,000 running: 3.9-5.5 ms for a
    // batch of 500 instead of 2.6-2.8 by the ids), the same for pending tasks after a drain.
    return QLatin1Char('(') + condition + QLatin1String(") IS TRUE");
}

QString PostgresDialect::notificationChannel() const
{
    return QStringLiteral("taskdeck_tasks");
}

QString PostgresDialect::currentUserExpression() const
{
    return QStringLiteral("CAST(current_user AS text)");
}

QString PostgresDialect::insertTasksFromArraysSql(bool uniqueKeys) const
{
    const QString values =
        QStringLiteral("unnest(CAST(:q AS text[]), CAST(:h AS text[]), CAST(:p AS text[]), CAST(:pr AS integer[]),"
                       " CAST(:r AS bigint[]), CAST(:d AS bigint[]), CAST(:m AS integer[]), CAST(:k AS text[]),"
                       " CAST(:t AS integer[])) WITH ORDINALITY AS x(q, h, p, pr, r, d, m, k, t, o)");
    if (!uniqueKeys) {
        // Every task is inserted, in the batch's order, and the identity column numbers the rows as they are
        // inserted: the ids alone say which task is which. Without drawing them first and joining them back to the
        // input, 1000 tasks took 8.4-17.5 ms of server time instead of 10-22.8.
        return QStringLiteral(
                   "INSERT INTO taskdeck.tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                   " unique_key, timeout_s, created_at)"
                   " SELECT x.q, x.h, x.p, x.pr, COALESCE(TIMESTAMPTZ 'epoch' + x.r * INTERVAL '1 millisecond',"
                   " {now} + x.d * INTERVAL '1 millisecond'), 'pending',"
                   " COALESCE(x.m, qs.default_max_attempts, CAST(:default_max_attempts AS integer)), NULL, x.t, {now}"
                   " FROM %1 LEFT JOIN taskdeck.queues AS qs ON qs.name = x.q ORDER BY x.o RETURNING id")
            .arg(values);
    }
    // The ids are drawn before the insert, in input order, so that the final join can tell which input row each
    // inserted id belongs to (a row ON CONFLICT skipped just leaves its id unused). The identity column's sequence
    // is looked up once per statement, not assumed by name.
    return QStringLiteral(
               "WITH input AS (SELECT nextval((SELECT CAST(pg_get_serial_sequence('taskdeck.tasks', 'id') AS"
               " regclass))) AS id, r.* FROM (SELECT x.o - 1 AS o, x.q, x.h, x.p, x.pr, x.r, x.d, x.m, x.k, x.t"
               " FROM %2 ORDER BY x.o) AS r),"
               " inserted AS (INSERT INTO taskdeck.tasks (id, queue, handler, payload, priority, run_at, state,"
               " max_attempts, unique_key, timeout_s, created_at)"
               " SELECT i.id, i.q, i.h, i.p, i.pr, COALESCE(TIMESTAMPTZ 'epoch' + i.r * INTERVAL '1 millisecond',"
               " {now} + i.d * INTERVAL '1 millisecond'), 'pending',"
               " COALESCE(i.m, qs.default_max_attempts, CAST(:default_max_attempts AS integer)), i.k, i.t, {now}"
               " FROM input AS i LEFT JOIN taskdeck.queues AS qs ON qs.name = i.q ORDER BY i.id%1 RETURNING id)"
               " SELECT i.o, n.id FROM input AS i JOIN inserted AS n ON n.id = i.id ORDER BY i.o")
        .arg(QStringLiteral(" ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING"), values);
}

QString PostgresDialect::nowExpression() const
{
    // Milliseconds, like every time TaskDeck binds: keyset cursors then compare exactly what is stored.
    return QStringLiteral("date_trunc('milliseconds', now())");
}

QString PostgresDialect::timeColumn(const QString& column) const
{
    return QStringLiteral("CAST(EXTRACT(EPOCH FROM %1) * 1000 AS bigint)").arg(column);
}

QString PostgresDialect::timeParameter(const QString& placeholder) const
{
    return QStringLiteral("(TIMESTAMPTZ 'epoch' + CAST(%1 AS bigint) * INTERVAL '1 millisecond')").arg(placeholder);
}

QString PostgresDialect::addMs(const QString& time, const QString& msPlaceholder) const
{
    return QStringLiteral("(%1 + CAST(%2 AS bigint) * INTERVAL '1 millisecond')").arg(time, msPlaceholder);
}

QString PostgresDialect::tableName(const QString& logicalName) const
{
    return QLatin1String("taskdeck.") + logicalName;
}

QString PostgresDialect::containsLiteral(const QString& column, const QString& parameter) const
{
    // strpos() takes its argument literally, unlike LIKE with its % and _ wildcards.
    return QStringLiteral("strpos(lower(%1), lower(CAST(%2 AS text))) > 0").arg(column, parameter);
}

QString PostgresDialect::searchCondition(const QString& parameter) const
{
    // ILIKE folds case as lower() does and is what a pg_trgm index answers (searchIndexSql); without one, a
    // search reads the table. NULL columns simply do not match.
    return QStringLiteral("payload ILIKE CAST(%1 AS text) OR last_error ILIKE CAST(%1 AS text)"
                          " OR unique_key ILIKE CAST(%1 AS text)")
        .arg(parameter);
}

QString PostgresDialect::literalSearchValue(const QString& text) const
{
    return likeContainsPattern(text); // backslash is LIKE's default escape character
}

SearchIndexSql PostgresDialect::searchIndexSql() const
{
    SearchIndexSql index;
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner or anyone with CREATE on it may add it.
    // The indexes are built CONCURRENTLY, so that workers and producers go on while a large table is indexed.
    index.createSteps << QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA taskdeck");
    for (const auto& [name, column] : kSearchIndexes) {
        index.createSteps << QStringLiteral("CREATE INDEX CONCURRENTLY IF NOT EXISTS %1 ON taskdeck.tasks USING gin (%2"
                                            " {trgm_schema}.gin_trgm_ops)")
                                 .arg(QLatin1String(name), QLatin1String(column));
        index.dropSteps << QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS taskdeck.%1").arg(QLatin1String(name));
    }
    index.missingExtensionMessage = tr("the pg_trgm extension is not installed on %1: install the server's contrib "
                                       "package (postgresql-contrib) and try again");
    return index;
}

QString PostgresDialect::textPrefix(const QString& column, int characters) const
{
    return QStringLiteral("left(%1, %2)").arg(column).arg(characters);
}

} // namespace taskdeck
