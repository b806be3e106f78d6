#include "db/MariaDbDialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace taskdeck {

namespace {

const QString kEpoch = QStringLiteral("TIMESTAMP'1970-01-01 00:00:00'");

} // namespace

MariaDbDialect::MariaDbDialect(Flavor flavor)
    : m_flavor(flavor)
{
    m_traits.foldsTaskCounts = true;
    m_traits.claimMethod = DialectTraits::ClaimMethod::LockThenMark; // no UPDATE … RETURNING
    // See insertTasksFromJsonSql(): without unique keys only, and not on MySQL.
    if (flavor == Flavor::MariaDb)
        m_traits.batchInsert = DialectTraits::BatchInsert::FromJson;
    m_traits.batchSuccess = DialectTraits::BatchSuccess::ByPairs;
    m_traits.insertReturnsId = false; // MySQL has no INSERT … RETURNING; LAST_INSERT_ID() works on both
    m_values = DriverValues(DriverValues::TextBinding::Utf8Bytes);
}

QString MariaDbDialect::name() const
{
    return QStringLiteral("mariadb");
}

bool MariaDbDialect::isPermissionDenied(const QSqlError& error) const
{
    // ER_DBACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR,
    // ER_COLUMNACCESS_DENIED_ERROR, ER_PROCACCESS_DENIED_ERROR
    return hasNativeCode(error, {1044, 1227, 1142, 1143, 1370});
}

QString MariaDbDialect::collation() const
{
    // Binary and NO PAD: keys compare byte for byte, trailing spaces included.
    return m_flavor == Flavor::MySql ? QStringLiteral("utf8mb4_0900_bin") : QStringLiteral("utf8mb4_nopad_bin");
}

QString MariaDbDialect::addMs(const QString& time, const QString& msPlaceholder) const
{
    return QStringLiteral("TIMESTAMPADD(MICROSECOND, CAST(%1 AS SIGNED) * 1000, %2)").arg(msPlaceholder, time);
}

Status MariaDbDialect::configureConnection(QSqlDatabase& db) const
{
    // READ COMMITTED: a claim's locking read must not take gap locks that serialise every worker. UTC session:
    // DATETIME has no zone, and people reading the tables should see UTC.
    // A row-lock wait ends with an error after 10 s (not InnoDB's 50): see PostgresDialect::configureConnection.
    const QStringList statements{QStringLiteral("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"),
                                 QStringLiteral("SET time_zone = '+00:00'"),
                                 QStringLiteral("SET SESSION innodb_lock_wait_timeout = 10")};
    for (const QString& statement : statements) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return makeError(
                ErrorCode::Database,
                tr("cannot configure the MariaDB session (%1): %2").arg(statement, query.lastError().text()));
    }
    return {};
}

QList<Migration> MariaDbDialect::migrations() const
{
    // DDL commits implicitly here: each statement is idempotent (IF NOT EXISTS, indexes declared with their
    // table) so that a migration interrupted half-way is completed by the next `init`.
    const QString table = QStringLiteral(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=") + collation();
    Migration initial;
    initial.version = 1;
    initial.oldestCompatible = 1;
    initial.description = QStringLiteral("tasks, runs, workers, queues, stats, operator actions");
    initial.statements = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_schema_version ("
                       " version INT NOT NULL PRIMARY KEY,"
                       " oldest_compatible INT NOT NULL,"
                       " description VARCHAR(255) NOT NULL,"
                       " applied_at DATETIME(6) NOT NULL)") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_tasks ("
                       " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       " queue VARCHAR(128) NOT NULL,"
                       " handler VARCHAR(200) NOT NULL,"
                       " payload LONGTEXT NOT NULL,"
                       " priority INT NOT NULL DEFAULT 0,"
                       " run_at DATETIME(6) NOT NULL,"
                       " state VARCHAR(16) NOT NULL,"
                       " attempts INT NOT NULL DEFAULT 0,"
                       " max_attempts INT NOT NULL,"
                       " unique_key VARCHAR(255) NULL,"
                       " timeout_s INT NULL,"
                       " locked_by VARCHAR(200) NULL,"
                       " locked_until DATETIME(6) NULL,"
                       " cancel_requested TINYINT NOT NULL DEFAULT 0,"
                       " created_at DATETIME(6) NOT NULL,"
                       " started_at DATETIME(6) NULL,"
                       " finished_at DATETIME(6) NULL,"
                       " last_error LONGTEXT NULL,"
                       " result LONGTEXT NULL,"
                       " progress INT NULL,"
                       " progress_message VARCHAR(1000) NULL,"
                       " CONSTRAINT taskdeck_tasks_state_check CHECK (state IN ('pending', 'running', 'succeeded',"
                       " 'failed', 'cancelled')),"
                       // The claim reads the next tasks straight off this index, in claim order.
                       " KEY taskdeck_tasks_claim (state, priority DESC, run_at, id),"
                       " KEY taskdeck_tasks_lease (state, locked_until),"
                       " KEY taskdeck_tasks_state (state, queue, run_at),"
                       " KEY taskdeck_tasks_created (created_at),"
                       " UNIQUE KEY taskdeck_tasks_unique_key (unique_key))") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_task_runs ("
                       " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       " task_id BIGINT NOT NULL,"
                       " attempt INT NOT NULL,"
                       " worker VARCHAR(200) NULL,"
                       " started_at DATETIME(6) NULL,"
                       " finished_at DATETIME(6) NOT NULL,"
                       " outcome VARCHAR(16) NOT NULL,"
                       " message LONGTEXT NULL,"
                       " duration_ms BIGINT NULL,"
                       " KEY taskdeck_task_runs_task (task_id, attempt),"
                       " KEY taskdeck_task_runs_finished (finished_at))") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_workers ("
                       " id VARCHAR(200) NOT NULL PRIMARY KEY,"
                       " name VARCHAR(200) NOT NULL,"
                       " host VARCHAR(255) NOT NULL,"
                       " pid BIGINT NOT NULL,"
                       " version VARCHAR(64) NOT NULL,"
                       " queues TEXT NOT NULL,"
                       " handlers TEXT NOT NULL,"
                       " concurrency INT NOT NULL,"
                       " in_flight INT NOT NULL DEFAULT 0,"
                       " started_at DATETIME(6) NOT NULL,"
                       " heartbeat_at DATETIME(6) NOT NULL,"
                       " stopping TINYINT NOT NULL DEFAULT 0)") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_queues ("
                       " name VARCHAR(128) NOT NULL PRIMARY KEY,"
                       " paused TINYINT NOT NULL DEFAULT 0,"
                       " concurrency_limit INT NULL,"
                       " default_max_attempts INT NULL,"
                       " backoff_base_ms BIGINT NULL,"
                       " backoff_max_ms BIGINT NULL,"
                       " default_timeout_s INT NULL)") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_stats ("
                       " minute DATETIME(6) NOT NULL,"
                       " queue VARCHAR(128) NOT NULL,"
                       " outcome VARCHAR(16) NOT NULL,"
                       " shard INT NOT NULL,"
                       " count BIGINT NOT NULL,"
                       " duration_ms_sum BIGINT NOT NULL,"
                       " latency_ms_sum BIGINT NOT NULL,"
                       " PRIMARY KEY (minute, queue, outcome, shard))") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_operator_actions ("
                       " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       " at DATETIME(6) NOT NULL,"
                       " actor VARCHAR(255) NOT NULL,"
                       " action VARCHAR(32) NOT NULL,"
                       " task_count BIGINT NOT NULL,"
                       " detail TEXT NOT NULL,"
                       " KEY taskdeck_operator_actions_at (at))") +
            table,
    };

    Migration schedules;
    schedules.version = 2;
    schedules.oldestCompatible = 1;
    schedules.description = QStringLiteral("schedules, subscriptions, settings, maintenance, audit database user");
    schedules.statements = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_schedules ("
                       " name VARCHAR(128) NOT NULL PRIMARY KEY,"
                       " cron VARCHAR(255) NOT NULL,"
                       " time_zone VARCHAR(64) NOT NULL,"
                       " queue VARCHAR(128) NOT NULL,"
                       " handler VARCHAR(200) NOT NULL,"
                       " payload LONGTEXT NOT NULL,"
                       " priority INT NOT NULL DEFAULT 0,"
                       " max_attempts INT NULL,"
                       " missed VARCHAR(8) NOT NULL,"
                       " enabled TINYINT NOT NULL DEFAULT 1,"
                       " next_run_at DATETIME(6) NULL,"
                       " last_run_at DATETIME(6) NULL,"
                       " last_task_id BIGINT NULL,"
                       " revision BIGINT NOT NULL DEFAULT 0,"
                       " created_at DATETIME(6) NOT NULL,"
                       " updated_at DATETIME(6) NOT NULL,"
                       " CONSTRAINT taskdeck_schedules_missed_check CHECK (missed IN ('skip', 'once')),"
                       " KEY taskdeck_schedules_due (enabled, next_run_at))") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_subscriptions ("
                       " event VARCHAR(200) NOT NULL,"
                       " handler VARCHAR(200) NOT NULL,"
                       " queue VARCHAR(128) NOT NULL,"
                       " priority INT NOT NULL DEFAULT 0,"
                       " created_at DATETIME(6) NOT NULL,"
                       " PRIMARY KEY (event, handler))") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_settings ("
                       " name VARCHAR(128) NOT NULL PRIMARY KEY,"
                       " value VARCHAR(1000) NOT NULL)") +
            table,
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_maintenance ("
                       " name VARCHAR(64) NOT NULL PRIMARY KEY,"
                       " holder VARCHAR(200) NULL,"
                       " held_until DATETIME(6) NULL,"
                       " last_run_at DATETIME(6) NULL)") +
            table,
        QStringLiteral("INSERT IGNORE INTO taskdeck_maintenance (name) VALUES ('prune')"),
        QStringLiteral("ALTER TABLE taskdeck_operator_actions ADD COLUMN IF NOT EXISTS"
                       " db_user VARCHAR(255) NOT NULL DEFAULT ''"),
    };

    // The SQL API (procedures): what an application calls inside its own transaction. SQL SECURITY DEFINER, so a
    // caller needs only EXECUTE (roles.sql). Errors are SQLSTATE 22023 with a message naming the argument; an error
    // in MariaDB ends the statement, not the caller's transaction.
    Migration sqlApi;
    sqlApi.version = 3;
    sqlApi.oldestCompatible = 1;
    sqlApi.description = QStringLiteral("SQL API: enqueue, publish, cancel_by_key, task_status");
    const QString checkName =
        QStringLiteral(" IF %1 IS NULL OR %1 = '' OR CHAR_LENGTH(%1) > %2 OR %1 <> TRIM(%1) OR %1 REGEXP '[[:cntrl:]]'"
                       " THEN SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'taskdeck: %3 must be 1 to %2 characters,"
                       " without control characters or leading or trailing spaces'; END IF;");
    const QString checkPayload = QStringLiteral(
        " SET %1 = COALESCE(NULLIF(%1, ''), '{}');"
        " IF JSON_VALID(%1) = 0 THEN SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'taskdeck: the payload is not valid"
        " JSON'; END IF;");
    sqlApi.statements = {
        QStringLiteral("DROP PROCEDURE IF EXISTS taskdeck_enqueue"),
        QStringLiteral("CREATE PROCEDURE taskdeck_enqueue(IN p_handler VARCHAR(200), IN p_payload LONGTEXT,"
                       " IN p_queue VARCHAR(128), IN p_delay_ms BIGINT, IN p_run_at DATETIME(6), IN p_priority INT,"
                       " IN p_unique_key VARCHAR(255), IN p_max_attempts INT, OUT p_id BIGINT)"
                       " MODIFIES SQL DATA SQL SECURITY DEFINER BEGIN"
                       " DECLARE v_now DATETIME(6) DEFAULT UTC_TIMESTAMP(3);"
                       // A concurrent insert of the same key: answered with the holder's id below.
                       " DECLARE CONTINUE HANDLER FOR 1062 SET p_id = NULL;"
                       " SET p_queue = COALESCE(p_queue, 'default');") +
            checkName.arg(QStringLiteral("p_handler")).arg(200).arg(QStringLiteral("the handler")) +
            checkName.arg(QStringLiteral("p_queue")).arg(128).arg(QStringLiteral("the queue")) +
            checkPayload.arg(QStringLiteral("p_payload")) +
            QStringLiteral(
                " IF p_unique_key IS NOT NULL AND (p_unique_key = '' OR p_unique_key REGEXP '[[:cntrl:]]') THEN"
                " SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'taskdeck: the unique key must be 1 to 255 characters"
                " without control characters'; END IF;"
                " IF p_max_attempts IS NOT NULL AND (p_max_attempts < 1 OR p_max_attempts > 1000) THEN"
                " SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'taskdeck: max_attempts must be between 1 and 1000';"
                " END IF;"
                " SET p_id = NULL;"
                " INSERT INTO taskdeck_tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                " unique_key, created_at) SELECT p_queue, p_handler, p_payload, COALESCE(p_priority, 0),"
                " COALESCE(p_run_at, TIMESTAMPADD(MICROSECOND, COALESCE(p_delay_ms, 0) * 1000, v_now)), 'pending',"
                " COALESCE(p_max_attempts, (SELECT default_max_attempts FROM taskdeck_queues WHERE name = p_queue),"
                " 5), p_unique_key, v_now FROM DUAL WHERE p_unique_key IS NULL"
                " OR NOT EXISTS (SELECT 1 FROM taskdeck_tasks WHERE unique_key = p_unique_key);"
                " IF ROW_COUNT() = 1 THEN SET p_id = LAST_INSERT_ID();"
                " ELSE SELECT id INTO p_id FROM taskdeck_tasks WHERE unique_key = p_unique_key; END IF;"
                " END"),
        QStringLiteral("DROP PROCEDURE IF EXISTS taskdeck_publish"),
        QStringLiteral("CREATE PROCEDURE taskdeck_publish(IN p_event VARCHAR(200), IN p_payload LONGTEXT,"
                       " OUT p_count INT) MODIFIES SQL DATA SQL SECURITY DEFINER BEGIN"
                       " DECLARE v_now DATETIME(6) DEFAULT UTC_TIMESTAMP(3);") +
            checkName.arg(QStringLiteral("p_event")).arg(200).arg(QStringLiteral("the event")) +
            checkPayload.arg(QStringLiteral("p_payload")) +
            QStringLiteral(
                " INSERT INTO taskdeck_tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                " created_at) SELECT s.queue, s.handler, p_payload, s.priority, v_now, 'pending',"
                " COALESCE((SELECT q.default_max_attempts FROM taskdeck_queues q WHERE q.name = s.queue), 5), v_now"
                " FROM taskdeck_subscriptions s WHERE s.event = p_event ORDER BY s.handler;"
                " SET p_count = ROW_COUNT(); END"),
        QStringLiteral("DROP PROCEDURE IF EXISTS taskdeck_cancel_by_key"),
        QStringLiteral(
            "CREATE PROCEDURE taskdeck_cancel_by_key(IN p_unique_key VARCHAR(255), OUT p_count INT)"
            " MODIFIES SQL DATA SQL SECURITY DEFINER BEGIN"
            " UPDATE taskdeck_tasks SET state = 'cancelled', finished_at = UTC_TIMESTAMP(3),"
            " last_error = 'cancelled by key' WHERE unique_key = p_unique_key AND state = 'pending';"
            " SET p_count = ROW_COUNT();"
            " UPDATE taskdeck_tasks SET cancel_requested = 1 WHERE unique_key = p_unique_key AND state = 'running'"
            " AND cancel_requested = 0;"
            " SET p_count = p_count + ROW_COUNT(); END"),
        QStringLiteral("DROP FUNCTION IF EXISTS taskdeck_task_status"),
        // As PostgreSQL's taskdeck.task_status: 'succeeded' also after retention removed the row.
        QStringLiteral(
            "CREATE FUNCTION taskdeck_task_status(p_id BIGINT) RETURNS VARCHAR(16) CHARACTER SET utf8mb4"
            " READS SQL DATA SQL SECURITY DEFINER BEGIN"
            " DECLARE v_state VARCHAR(16) DEFAULT NULL;"
            " SELECT state INTO v_state FROM taskdeck_tasks WHERE id = p_id;"
            " IF v_state IS NOT NULL THEN RETURN v_state; END IF;"
            " IF EXISTS (SELECT 1 FROM taskdeck_task_runs WHERE task_id = p_id AND outcome = 'succeeded') THEN"
            " RETURN 'succeeded'; END IF;"
            " IF EXISTS (SELECT 1 FROM taskdeck_task_runs WHERE task_id = p_id) THEN RETURN 'deleted'; END IF;"
            " RETURN NULL; END"),
    };
    return {initial, schedules, sqlApi,
            overviewIndexMigration(
                4,
                {
                    QStringLiteral("ALTER TABLE taskdeck_tasks DROP INDEX taskdeck_tasks_state,"
                                   " ADD INDEX taskdeck_tasks_state (state, queue, run_at, attempts, handler)"),
                }),
            hourlyStatsMigration(5),
            taskCountsMigration(6, 5, taskCountStatements(table), {QStringLiteral("UNLOCK TABLES")}),
            // The triggers go first: none may write to the table between its drop and its making again.
            handlerCountsMigration(7,
                                   QStringList{
                                       QStringLiteral("DROP TRIGGER IF EXISTS taskdeck_tasks_count_insert"),
                                       QStringLiteral("DROP TRIGGER IF EXISTS taskdeck_tasks_count_update"),
                                       QStringLiteral("DROP TRIGGER IF EXISTS taskdeck_tasks_count_delete"),
                                       QStringLiteral("DROP TABLE IF EXISTS taskdeck_task_counts"),
                                   } + taskCountStatements(table),
                                   {QStringLiteral("UNLOCK TABLES")})};
}

QStringList MariaDbDialect::taskCountStatements(const QString& table) const
{
    // Row triggers (MariaDB has no others) that append a row per change rather than update a counter row, so that
    // concurrent writers never wait on one another for it; a maintenance pass folds them. DDL commits here: the
    // tables stay locked from creating the triggers until the tasks are counted, so that no change is counted
    // twice or not at all, and the steps before the count are undone and redone if an earlier attempt stopped
    // half-way.
    const QString insert = QStringLiteral(" INSERT INTO taskdeck_task_counts (queue, handler, count_key, task_count)"
                                          " VALUES (%1.queue, %1.handler, %2, %3);");
    const QString newKey = countKeyExpression(QStringLiteral("NEW"));
    const QString oldKey = countKeyExpression(QStringLiteral("OLD"));
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS taskdeck_task_counts ("
                       " id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       " queue VARCHAR(128) NOT NULL,"
                       " handler VARCHAR(200) NOT NULL,"
                       " count_key VARCHAR(16) NOT NULL,"
                       " task_count BIGINT NOT NULL)") +
            table,
        // The count (Sql::RecountTaskCounts) reads the tasks as t.
        QStringLiteral("LOCK TABLES taskdeck_tasks WRITE, taskdeck_tasks AS t READ, taskdeck_task_counts WRITE"),
        QStringLiteral("DROP TRIGGER IF EXISTS taskdeck_tasks_count_insert"),
        QStringLiteral("DROP TRIGGER IF EXISTS taskdeck_tasks_count_update"),
        QStringLiteral("DROP TRIGGER IF EXISTS taskdeck_tasks_count_delete"),
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_count_insert AFTER INSERT ON taskdeck_tasks FOR EACH ROW"
                       " BEGIN IF %1 IS NOT NULL THEN")
                .arg(newKey) +
            insert.arg(QStringLiteral("NEW"), newKey, QStringLiteral("1")) + QStringLiteral(" END IF; END"),
        // Only when the row moves to another counter: not for heartbeats or progress, nor for a running task that
        // succeeds (neither is counted here).
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_count_update AFTER UPDATE ON taskdeck_tasks FOR EACH ROW"
                       " BEGIN IF NOT (OLD.queue <=> NEW.queue AND OLD.handler <=> NEW.handler AND %1 <=> %2) THEN"
                       " IF %1 IS NOT NULL THEN")
                .arg(oldKey, newKey) +
            insert.arg(QStringLiteral("OLD"), oldKey, QStringLiteral("-1")) +
            QStringLiteral(" END IF; IF %1 IS NOT NULL THEN").arg(newKey) +
            insert.arg(QStringLiteral("NEW"), newKey, QStringLiteral("1")) + QStringLiteral(" END IF; END IF; END"),
        QStringLiteral("CREATE TRIGGER taskdeck_tasks_count_delete AFTER DELETE ON taskdeck_tasks FOR EACH ROW"
                       " BEGIN IF %1 IS NOT NULL THEN")
                .arg(oldKey) +
            insert.arg(QStringLiteral("OLD"), oldKey, QStringLiteral("-1")) + QStringLiteral(" END IF; END"),
        QStringLiteral("DELETE FROM taskdeck_task_counts"),
    };
}

Status MariaDbDialect::lockForMigration(QSqlDatabase& db) const
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT GET_LOCK('taskdeck.migrate', 60)")) || !query.next())
        return makeError(ErrorCode::Database, tr("cannot take the migration lock: %1").arg(query.lastError().text()));
    if (query.value(0).toInt() != 1)
        return makeError(ErrorCode::Database,
                         tr("another process has held the migration lock for 60 seconds: wait "
                            "for its `init` to finish, then try again"));
    return {};
}

void MariaDbDialect::unlockAfterMigration(QSqlDatabase& db) const
{
    // Best effort: the lock also ends with the session.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT RELEASE_LOCK('taskdeck.migrate')")))
        qWarning("TaskDeck: cannot release the migration lock: %s", qPrintable(query.lastError().text()));
}

QString MariaDbDialect::sql(Sql statement) const
{
    const QString now = QStringLiteral("{now}");
    switch (statement) {
    case Sql::DeleteTaskCounts:
        // In slices, oldest first: a pass never sends more than that many rows back.
        return QStringLiteral("DELETE FROM taskdeck_task_counts ORDER BY id LIMIT 100000"
                              " RETURNING queue, count_key, task_count, handler");
    case Sql::SchemaTableExists:
        return QStringLiteral("SELECT 1 FROM information_schema.tables"
                              " WHERE table_schema = DATABASE() AND table_name = 'taskdeck_schema_version'");
    case Sql::InsertTask:
        // Inserts nothing when the unique key is taken; the store then reads the holder's id.
        return QStringLiteral(
                   "INSERT INTO taskdeck_tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
                   " unique_key, timeout_s, created_at)"
                   " SELECT :queue, :handler, :payload, :priority, COALESCE(%1, %2), 'pending',"
                   " COALESCE(:max_attempts, (SELECT default_max_attempts FROM taskdeck_queues WHERE name = :queue),"
                   " :default_max_attempts), :unique_key,"
                   " :timeout_s, {now}"
                   " FROM DUAL WHERE :unique_key IS NULL"
                   " OR NOT EXISTS (SELECT 1 FROM taskdeck_tasks WHERE unique_key = :unique_key)")
            .arg(timeParameter(QStringLiteral(":run_at")), addMs(now, QStringLiteral(":delay_ms")));
    case Sql::SelectLastInsertId:
        return QStringLiteral("SELECT LAST_INSERT_ID()");
    case Sql::UpsertStats:
        return QStringLiteral(
                   "INSERT INTO taskdeck_stats (minute, queue, outcome, shard, count, duration_ms_sum, latency_ms_sum)"
                   " VALUES (TIMESTAMPADD(MINUTE, TIMESTAMPDIFF(MINUTE, %1, {now}), %1), :queue, :outcome, :shard,"
                   " :count, :duration_ms, :latency_ms),"
                   " (TIMESTAMPADD(HOUR, TIMESTAMPDIFF(HOUR, %1, {now}), %1), :queue, :outcome, :hour_shard,"
                   " :count, :duration_ms, :latency_ms)"
                   " ON DUPLICATE KEY UPDATE count = count + VALUES(count),"
                   " duration_ms_sum = duration_ms_sum + VALUES(duration_ms_sum),"
                   " latency_ms_sum = latency_ms_sum + VALUES(latency_ms_sum)")
            .arg(kEpoch);
    case Sql::SumMinuteStatsIntoHours:
        return QStringLiteral("INSERT INTO taskdeck_stats (minute, queue, outcome, shard, count, duration_ms_sum,"
                              " latency_ms_sum) SELECT TIMESTAMPADD(HOUR, TIMESTAMPDIFF(HOUR, %1, minute), %1),"
                              " queue, outcome, -1 - shard, SUM(count), SUM(duration_ms_sum), SUM(latency_ms_sum)"
                              " FROM taskdeck_stats WHERE shard >= 0"
                              " GROUP BY TIMESTAMPADD(HOUR, TIMESTAMPDIFF(HOUR, %1, minute), %1), queue, outcome,"
                              " shard ON DUPLICATE KEY UPDATE count = count + VALUES(count),"
                              " duration_ms_sum = duration_ms_sum + VALUES(duration_ms_sum),"
                              " latency_ms_sum = latency_ms_sum + VALUES(latency_ms_sum)")
            .arg(kEpoch);
    case Sql::SelectStats:
        return QStringLiteral(
                   "SELECT s.bucket, s.queue, s.outcome, CAST(SUM(s.count) AS SIGNED),"
                   " CAST(SUM(s.duration_ms_sum) AS SIGNED), CAST(SUM(s.latency_ms_sum) AS SIGNED) FROM"
                   " (SELECT %1 - %1 % CAST(:bucket_ms AS SIGNED) AS bucket, queue, outcome, count,"
                   " duration_ms_sum, latency_ms_sum FROM taskdeck_stats WHERE minute >= %2 AND {shards}) AS s"
                   " GROUP BY s.bucket, s.queue, s.outcome ORDER BY s.bucket, s.queue, s.outcome")
            .arg(timeColumn(QStringLiteral("minute")), timeParameter(QStringLiteral(":since")));
    case Sql::AnalyzeTasks:
        return QStringLiteral("ANALYZE TABLE taskdeck_tasks");
    case Sql::EnsureQueue:
        return QStringLiteral("INSERT INTO taskdeck_queues (name) VALUES (:queue)"
                              " ON DUPLICATE KEY UPDATE name = name");
    case Sql::LockLimitedQueues:
        // Held until the claim commits: claims that could exceed a queue's limit take turns.
        return Dialect::sql(statement) + QLatin1String(" FOR UPDATE");
    default:
        break;
    }
    return Dialect::sql(statement);
}

QString MariaDbDialect::claimLockSql(const ClaimShape& shape) const
{
    const QString filter = claimFilter(shape);
    return QStringLiteral("SELECT t.id FROM taskdeck_tasks t FORCE INDEX (taskdeck_tasks_claim)"
                          " WHERE t.state = 'pending' AND t.run_at <= {now}%1"
                          "%2 ORDER BY t.priority DESC, t.run_at, t.id LIMIT :limit FOR UPDATE SKIP LOCKED")
        .arg(filter, claimableQueueCondition(shape));
}

QString MariaDbDialect::currentUserExpression() const
{
    return QStringLiteral("CURRENT_USER()");
}

namespace {

// " WHERE (id, attempts) IN ((:i0, :a0), …) AND …": a success's fence for rows tasks, as a row-constructor list,
// which MariaDB reads as ranges of the primary key. Not the JSON of the other servers: a DELETE or UPDATE cannot
// join it, and "id IN (SELECT … FROM JSON_TABLE(…))" is a dependent subquery, the batch's text parsed again for
// each running task.
QString fencedByPairs(int rows)
{
    QStringList pairs;
    pairs.reserve(rows);
    for (int row = 0; row < rows; ++row)
        pairs << QStringLiteral("(:i%1, :a%1)").arg(row);
    return QStringLiteral(" WHERE (id, attempts) IN (%1) AND locked_by = :worker AND state = 'running'")
        .arg(pairs.join(QLatin1String(", ")));
}

} // namespace

QString MariaDbDialect::removeSucceededByPairsSql(int rows) const
{
    if (m_flavor == Flavor::MySql)
        return {}; // no DELETE … RETURNING
    return QStringLiteral("DELETE FROM taskdeck_tasks") + fencedByPairs(rows) + QStringLiteral(" RETURNING id");
}

QString MariaDbDialect::lockSucceededByPairsSql(int rows) const
{
    return QStringLiteral("SELECT id FROM taskdeck_tasks") + fencedByPairs(rows) + QStringLiteral(" FOR UPDATE");
}

QString MariaDbDialect::finishSucceededByPairsSql(int rows) const
{
    QString results;
    for (int row = 0; row < rows; ++row)
        results += QStringLiteral(" WHEN :c%1 THEN :r%1").arg(row);
    return QStringLiteral("UPDATE taskdeck_tasks SET result = CASE id%1 END, state = 'succeeded', finished_at = {now},"
                          " locked_by = NULL, locked_until = NULL, last_error = NULL")
               .arg(results) +
        fencedByPairs(rows);
}

QString MariaDbDialect::batchSql(BatchSql statement, const BatchShape& shape) const
{
    switch (statement) {
    case BatchSql::InsertTasksFromJson:
        return insertTasksFromJsonSql(shape.uniqueKeys);
    case BatchSql::RemoveSucceededByPairs:
        return removeSucceededByPairsSql(shape.rows);
    case BatchSql::LockSucceededByPairs:
        return lockSucceededByPairsSql(shape.rows);
    case BatchSql::FinishSucceededByPairs:
        return finishSucceededByPairsSql(shape.rows);
    default:
        return Dialect::batchSql(statement, shape);
    }
}

QString MariaDbDialect::insertTasksFromJsonSql(bool uniqueKeys) const
{
    // INSERT … RETURNING cannot return the input row's position, only the inserted columns: the ids come back in
    // insertion order, which ORDER BY makes the batch's order (InnoDB numbers the rows of one statement in the
    // order it inserts them). Only for tasks without unique keys, where every row is inserted; MySQL has no
    // INSERT … RETURNING at all.
    if (uniqueKeys || m_flavor == Flavor::MySql)
        return {};
    return QStringLiteral(
               "INSERT INTO taskdeck_tasks (queue, handler, payload, priority, run_at, state, max_attempts,"
               " unique_key, timeout_s, created_at)"
               " SELECT j.q, j.h, j.p, j.pr, COALESCE(%1, %2), 'pending',"
               " COALESCE(j.m, qs.default_max_attempts, :default_max_attempts), NULL, j.t, {now}"
               " FROM JSON_TABLE(CONVERT(:tasks USING utf8mb4), '$[*]' COLUMNS (o INT PATH '$.o',"
               " q VARCHAR(128) CHARACTER SET utf8mb4 PATH '$.q', h VARCHAR(200) CHARACTER SET utf8mb4 PATH '$.h',"
               " p LONGTEXT CHARACTER SET utf8mb4 PATH '$.p', pr INT PATH '$.pr', r BIGINT PATH '$.r',"
               " d BIGINT PATH '$.d', m INT PATH '$.m', t INT PATH '$.t')) AS j"
               " LEFT JOIN taskdeck_queues AS qs ON qs.name = j.q ORDER BY j.o RETURNING id")
        .arg(addMs(kEpoch, QStringLiteral("j.r")), addMs(QStringLiteral("{now}"), QStringLiteral("j.d")));
}

QString MariaDbDialect::nowExpression() const
{
    return QStringLiteral("UTC_TIMESTAMP(3)");
}

QString MariaDbDialect::timeColumn(const QString& column) const
{
    // Arithmetic from the epoch, not UNIX_TIMESTAMP(): independent of the session zone and not limited to 2038.
    return QStringLiteral("(TIMESTAMPDIFF(MICROSECOND, %1, %2) DIV 1000)").arg(kEpoch, column);
}

QString MariaDbDialect::timeParameter(const QString& placeholder) const
{
    return addMs(kEpoch, placeholder);
}

QString MariaDbDialect::tableName(const QString& logicalName) const
{
    return QLatin1String("taskdeck_") + logicalName;
}

QString MariaDbDialect::containsLiteral(const QString& column, const QString& parameter) const
{
    // LOCATE() takes its argument literally; the parameter arrives as bytes, so give it a character set first.
    return QStringLiteral("LOCATE(LOWER(CONVERT(%2 USING utf8mb4)), LOWER(%1)) > 0").arg(column, parameter);
}

QString MariaDbDialect::textPrefix(const QString& column, int characters) const
{
    return QStringLiteral("LEFT(%1, %2)").arg(column).arg(characters);
}

} // namespace taskdeck
