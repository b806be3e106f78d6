#include "db/Dialect.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace taskdeck {

Status Dialect::beginWriteTransaction(QSqlDatabase& db) const
{
    if (!db.transaction())
        return makeError(
            ErrorCode::Database,
            QCoreApplication::translate("Dialect", "cannot start a transaction: %1").arg(db.lastError().text()));
    return {};
}

Status Dialect::lockForMigration(QSqlDatabase& db) const
{
    Q_UNUSED(db);
    return {};
}

void Dialect::unlockAfterMigration(QSqlDatabase& db) const
{
    Q_UNUSED(db);
}

QString Dialect::statsSql(bool hourly) const
{
    return sql(Sql::SelectStats)
        .replace(QLatin1String("{shards}"), hourly ? QLatin1String("shard < 0") : QLatin1String("shard >= 0"));
}

QString Dialect::claimSql(const ClaimShape& shape) const
{
    Q_UNUSED(shape);
    return {};
}

QString Dialect::claimLockSql(const ClaimShape& shape) const
{
    Q_UNUSED(shape);
    return {};
}

Migration Dialect::overviewIndexMigration(int version, QStringList statements)
{
    // The overview counts waiting tasks by queue, attempts and run_at, and lists the handlers they name: with
    // attempts and handler in the state index, both read the index alone, not one table row per waiting task.
    Migration migration;
    migration.version = version;
    migration.oldestCompatible = 1;
    migration.description =
        QStringLiteral("the state index covers the overview's counts and its handlers without workers");
    migration.statements = std::move(statements);
    return migration;
}

QString Dialect::expandTokens(const QString& sqlTemplate, int idSlots, bool boundClock) const
{
    QString sql = sqlTemplate;
    if (idSlots > 0)
        sql.replace(QLatin1String("{ids}"), placeholderList(QStringLiteral("id"), idSlots));
    sql.replace(QLatin1String("{now}"), boundClock ? timeParameter(QStringLiteral(":now")) : nowExpression());
    return sql;
}

QString Dialect::batchSql(BatchSql statement, const BatchShape& shape) const
{
    return statement == BatchSql::InsertRuns ? insertRunsSql(shape.rows) : QString();
}

QString Dialect::insertRunsSql(int rowCount) const
{
    QStringList rows;
    for (int i = 0; i < rowCount; ++i) {
        rows << QStringLiteral("(:task_id%1, :attempt%1, :worker, %2, {now}, :outcome%1, :message%1, :duration_ms%1)")
                    .arg(QString::number(i), timeParameter(QStringLiteral(":started_at%1").arg(i)));
    }
    return QStringLiteral("INSERT INTO %1 (task_id, attempt, worker, started_at, finished_at, outcome, message,"
                          " duration_ms) VALUES ")
               .arg(tableName(QStringLiteral("task_runs"))) +
        rows.join(QLatin1String(", "));
}

QString Dialect::notificationChannel() const
{
    return {};
}

QString Dialect::boolLiteral(bool value) const
{
    return value ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
}

QString Dialect::boolFromParameter(const QString& placeholder) const
{
    return QStringLiteral("(%1 = 1)").arg(placeholder);
}

QString Dialect::isTrue(const QString& column) const
{
    return column;
}

QString Dialect::isFalse(const QString& column) const
{
    return QLatin1String("NOT ") + column;
}

QString Dialect::currentUserExpression() const
{
    return QStringLiteral("''");
}

QString Dialect::timeColumn(const QString& column) const
{
    return column;
}

QString Dialect::timeParameter(const QString& placeholder) const
{
    return placeholder;
}

QString Dialect::limitClause(const QString& parameter) const
{
    return QLatin1String(" LIMIT ") + parameter;
}

QString Dialect::limited(const QString& select, const QString& count) const
{
    return select + limitClause(count);
}

QString Dialect::addMs(const QString& time, const QString& msPlaceholder) const
{
    return QStringLiteral("(%1 + %2)").arg(time, msPlaceholder);
}

bool Dialect::hasNativeCode(const QSqlError& error, std::initializer_list<int> codes)
{
    static const QRegularExpression number(QStringLiteral("-?\\d+"));
    auto matches = number.globalMatch(error.nativeErrorCode());
    while (matches.hasNext()) {
        const int code = matches.next().captured().toInt();
        for (int wanted : codes) {
            if (code == wanted)
                return true;
        }
    }
    return false;
}

Migration Dialect::hourlyStatsMigration(int version) const
{
    Migration migration;
    migration.version = version;
    migration.oldestCompatible = version;
    migration.description =
        QStringLiteral("statistics are kept per hour beside per minute, so that a week's chart reads 168 rows");
    migration.statements = {sql(Sql::SumMinuteStatsIntoHours)};
    return migration;
}

Migration Dialect::taskCountsMigration(int version, int oldestCompatible, QStringList statements,
                                       const QStringList& after) const
{
    Migration migration;
    migration.version = version;
    migration.oldestCompatible = oldestCompatible;
    migration.description =
        QStringLiteral("task counts per queue and state kept by triggers, so that the overview does not count rows");
    migration.statements = std::move(statements);
    migration.statements << sql(Sql::RecountTaskCounts) << after;
    return migration;
}

Migration Dialect::handlerCountsMigration(int version, QStringList statements, const QStringList& after) const
{
    // The counts are dropped and made again, per handler as well, and the tasks counted anew. Builds from before
    // would fold the counts without their handler: they cannot run on this schema.
    Migration migration = taskCountsMigration(version, version, std::move(statements), after);
    migration.description = QStringLiteral("task counts per handler as well, so that the overview finds handlers"
                                           " that no worker has without reading the waiting tasks");
    return migration;
}

QString Dialect::countKeyExpression(const QString& row) const
{
    // No IN list: SQLite builds a temporary table for one each time a row trigger evaluates it (measured: claims
    // ten times slower).
    return QStringLiteral("CASE %1.state WHEN 'pending' THEN CASE WHEN %1.attempts > 0 THEN 'retrying' ELSE 'pending'"
                          " END%2 WHEN 'failed' THEN 'failed' WHEN 'cancelled' THEN 'cancelled' END")
        .arg(row, m_traits.triggersCountRunningTasks ? QStringLiteral(" WHEN 'running' THEN 'running'") : QString());
}

QString Dialect::countedRowsSelect(const QString& rows, const QString& change) const
{
    return QStringLiteral("SELECT r.queue, r.handler, %1 AS count_key, %2 AS task_change FROM %3 AS r"
                          " WHERE r.state IN ('pending', %4'failed', 'cancelled')")
        .arg(countKeyExpression(QStringLiteral("r")), change, rows,
             m_traits.triggersCountRunningTasks ? QStringLiteral("'running', ") : QString());
}

QString Dialect::sql(Sql statement) const
{
    const QString tasks = tableName(QStringLiteral("tasks"));
    const QString fenced = QStringLiteral(" WHERE id = :id AND locked_by = :worker AND attempts = :attempt AND ") +
        stateCheckForRowsById(QStringLiteral("state = 'running'"));
    const QString schedules = tableName(QStringLiteral("schedules"));
    const QString subscriptions = tableName(QStringLiteral("subscriptions"));
    const QString maintenance = tableName(QStringLiteral("maintenance"));
    const QString stats = tableName(QStringLiteral("stats"));
    const QString scheduleColumns =
        QStringLiteral("name, cron, time_zone, queue, handler, payload, priority, max_attempts, missed, enabled, %1,"
                       " %2, last_task_id, revision, %3, %4")
            .arg(timeColumn(QStringLiteral("next_run_at")), timeColumn(QStringLiteral("last_run_at")),
                 timeColumn(QStringLiteral("created_at")), timeColumn(QStringLiteral("updated_at")));
    // Several UPDATEs below assign state last: MariaDB evaluates assignments left to right, so a CASE that reads a
    // column must come before the assignment that changes it. The other databases read the old row either way.
    switch (statement) {
    case Sql::SelectSchemaVersion:
        return limited(QStringLiteral("SELECT version, oldest_compatible FROM %1 ORDER BY version DESC")
                           .arg(tableName(QStringLiteral("schema_version"))),
                       QStringLiteral("1"));
    case Sql::InsertSchemaVersion:
        return QStringLiteral("INSERT INTO %1 (version, oldest_compatible, description, applied_at)"
                              " VALUES (:version, :oldest_compatible, :description, {now})")
            .arg(tableName(QStringLiteral("schema_version")));
    case Sql::SelectTaskIdByUniqueKey:
        return QStringLiteral("SELECT id FROM %1 WHERE unique_key = :unique_key").arg(tasks);
    case Sql::FinishSucceeded:
        return QStringLiteral("UPDATE %1 SET state = 'succeeded', finished_at = {now}, locked_by = NULL,"
                              " locked_until = NULL, result = :result, last_error = NULL")
                   .arg(tasks) +
            fenced;
    case Sql::FinishFailed:
        return QStringLiteral(
                   "UPDATE %1 SET"
                   " run_at = CASE WHEN :retryable = 1 AND attempts < max_attempts THEN %2 ELSE run_at END,"
                   " finished_at = CASE WHEN :retryable = 1 AND attempts < max_attempts THEN NULL ELSE {now} END,"
                   " state = CASE WHEN :retryable = 1 AND attempts < max_attempts THEN 'pending' ELSE 'failed' END,"
                   " locked_by = NULL, locked_until = NULL, last_error = :message, result = :result")
                   .arg(tasks, addMs(QStringLiteral("{now}"), QStringLiteral(":delay_ms"))) +
            fenced;
    case Sql::FinishCancelled:
        return QStringLiteral("UPDATE %1 SET state = 'cancelled', finished_at = {now}, locked_by = NULL,"
                              " locked_until = NULL, last_error = :message")
                   .arg(tasks) +
            fenced;
    case Sql::InsertRun:
        return QStringLiteral("INSERT INTO %1 (task_id, attempt, worker, started_at, finished_at, outcome, message,"
                              " duration_ms) VALUES (:task_id, :attempt, :worker, %2, {now}, :outcome, :message,"
                              " :duration_ms)")
            .arg(tableName(QStringLiteral("task_runs")), timeParameter(QStringLiteral(":started_at")));
    case Sql::SelectQueuePolicies:
        return QStringLiteral("SELECT name, default_max_attempts, backoff_base_ms, backoff_max_ms FROM %1")
            .arg(tableName(QStringLiteral("queues")));
    case Sql::ExtendLeases:
        return QStringLiteral("UPDATE %1 SET locked_until = %2 WHERE %3 AND locked_by = :worker AND id IN ({ids})")
            .arg(tasks, addMs(QStringLiteral("{now}"), QStringLiteral(":lease_ms")),
                 stateCheckForRowsById(QStringLiteral("state = 'running'")));
    case Sql::SelectLeaseStates:
        return QStringLiteral(
                   "SELECT id, cancel_requested, %1 FROM %2 WHERE %3 AND locked_by = :worker AND id IN ({ids})")
            .arg(timeColumn(QStringLiteral("locked_until")), tasks,
                 stateCheckForRowsById(QStringLiteral("state = 'running'")));
    case Sql::SelectExpiredLeases:
        return limited(QStringLiteral("SELECT id, locked_by, attempts, max_attempts, cancel_requested, queue, %1, %2"
                                      " FROM %3 WHERE state = 'running' AND locked_until < {now} ORDER BY locked_until")
                           .arg(timeColumn(QStringLiteral("started_at")), timeColumn(QStringLiteral("run_at")), tasks),
                       QStringLiteral(":limit"));
    case Sql::RescueLease:
        return QStringLiteral("UPDATE %1 SET"
                              " run_at = CASE WHEN %3 AND attempts < max_attempts THEN %2 ELSE run_at END,"
                              " finished_at = CASE WHEN %3 AND attempts < max_attempts THEN NULL"
                              " ELSE {now} END,"
                              " state = CASE WHEN %4 THEN 'cancelled'"
                              " WHEN attempts < max_attempts THEN 'pending' ELSE 'failed' END,"
                              " locked_by = NULL, locked_until = NULL, last_error = :message")
                   .arg(tasks, addMs(QStringLiteral("{now}"), QStringLiteral(":delay_ms")),
                        isFalse(QStringLiteral("cancel_requested")), isTrue(QStringLiteral("cancel_requested"))) +
            fenced + QStringLiteral(" AND locked_until < {now}");
    case Sql::RetryTasks:
        // A fresh budget of attempts on top of those used: attempts only ever grow, because completions are
        // fenced on them.
        return QStringLiteral("UPDATE %1 SET state = 'pending', run_at = {now},"
                              " max_attempts = attempts + COALESCE((SELECT q.default_max_attempts FROM %2 q"
                              " WHERE q.name = %1.queue), :default_max_attempts),"
                              " finished_at = NULL, locked_by = NULL, locked_until = NULL, cancel_requested = %3,"
                              " result = NULL WHERE id IN ({ids}) AND %4")
            .arg(tasks, tableName(QStringLiteral("queues")), boolLiteral(false),
                 stateCheckForRowsById(QStringLiteral("state IN ('failed', 'cancelled')")));
    case Sql::MakeRunnableNow:
        return QStringLiteral("UPDATE %1 SET run_at = {now} WHERE id = :id AND %2")
            .arg(tasks, stateCheckForRowsById(QStringLiteral("state = 'pending'")));
    case Sql::DeleteTasks:
        return QStringLiteral("DELETE FROM %1 WHERE id IN ({ids})").arg(tasks);
    case Sql::CancelPendingTasks:
        return QStringLiteral("UPDATE %1 SET state = 'cancelled', finished_at = {now}, last_error = :message"
                              " WHERE id IN ({ids}) AND %2")
            .arg(tasks, stateCheckForRowsById(QStringLiteral("state = 'pending'")));
    case Sql::RequestCancelRunningTasks:
        return QStringLiteral("UPDATE %1 SET cancel_requested = %2 WHERE id IN ({ids}) AND %4 AND %3")
            .arg(tasks, boolLiteral(true), isFalse(QStringLiteral("cancel_requested")),
                 stateCheckForRowsById(QStringLiteral("state = 'running'")));
    case Sql::InsertOperatorAction:
        return QStringLiteral("INSERT INTO %1 (at, actor, db_user, action, task_count, detail)"
                              " VALUES ({now}, :actor, %2, :action, :task_count, :detail)")
            .arg(tableName(QStringLiteral("operator_actions")), currentUserExpression());
    case Sql::ProbeTaskWrite:
        return QStringLiteral("UPDATE %1 SET priority = priority WHERE id = 0 AND id = 1").arg(tasks);
    case Sql::SelectOperatorActions:
        return limited(QStringLiteral("SELECT id, %1, actor, db_user, action, task_count, detail FROM %2"
                                      " WHERE id < :before_id ORDER BY id DESC")
                           .arg(timeColumn(QStringLiteral("at")), tableName(QStringLiteral("operator_actions"))),
                       QStringLiteral(":limit"));
    case Sql::InsertSchedule:
        return QStringLiteral("INSERT INTO %1 (name, cron, time_zone, queue, handler, payload, priority, max_attempts,"
                              " missed, enabled, next_run_at, revision, created_at, updated_at) VALUES (:name, :cron,"
                              " :time_zone, :queue, :handler, :payload, :priority, :max_attempts, :missed,"
                              " %3, %2, 0, {now}, {now})")
            .arg(schedules, timeParameter(QStringLiteral(":next_run_at")),
                 boolFromParameter(QStringLiteral(":enabled")));
    case Sql::SelectSchedules:
        return QStringLiteral("SELECT %1 FROM %2 ORDER BY name").arg(scheduleColumns, schedules);
    case Sql::SelectSchedule:
        return QStringLiteral("SELECT %1 FROM %2 WHERE name = :name").arg(scheduleColumns, schedules);
    case Sql::SelectDueSchedules:
        return limited(QStringLiteral("SELECT %1 FROM %2 WHERE %3 AND next_run_at <= {now} ORDER BY next_run_at, name")
                           .arg(scheduleColumns, schedules, isTrue(QStringLiteral("enabled"))),
                       QStringLiteral(":limit"));
    case Sql::AdvanceSchedule:
        return QStringLiteral("UPDATE %1 SET next_run_at = %2,"
                              " last_run_at = CASE WHEN :fired = 1 THEN {now} ELSE last_run_at END,"
                              " revision = revision + 1 WHERE name = :name AND revision = :revision")
            .arg(schedules, timeParameter(QStringLiteral(":next_run_at")));
    case Sql::SetScheduleLastTask:
        return QStringLiteral("UPDATE %1 SET last_task_id = :task_id WHERE name = :name").arg(schedules);
    case Sql::UpdateScheduleEnabled:
        return QStringLiteral("UPDATE %1 SET enabled = %3, next_run_at = %2, revision = revision + 1,"
                              " updated_at = {now} WHERE name = :name")
            .arg(schedules, timeParameter(QStringLiteral(":next_run_at")),
                 boolFromParameter(QStringLiteral(":enabled")));
    case Sql::DeleteSchedule:
        return QStringLiteral("DELETE FROM %1 WHERE name = :name").arg(schedules);
    case Sql::SelectNextScheduleRun:
        return QStringLiteral("SELECT %1 FROM %2 WHERE %3")
            .arg(timeColumn(QStringLiteral("MIN(next_run_at)")), schedules, isTrue(QStringLiteral("enabled")));
    case Sql::InsertSubscription:
        return QStringLiteral("INSERT INTO %1 (event, handler, queue, priority, created_at)"
                              " VALUES (:event, :handler, :queue, :priority, {now})")
            .arg(subscriptions);
    case Sql::DeleteSubscription:
        return QStringLiteral("DELETE FROM %1 WHERE event = :event AND handler = :handler").arg(subscriptions);
    case Sql::SelectSubscriptions:
        return QStringLiteral("SELECT event, handler, queue, priority, %1 FROM %2 ORDER BY event, handler")
            .arg(timeColumn(QStringLiteral("created_at")), subscriptions);
    case Sql::SelectEventSubscriptions:
        return QStringLiteral("SELECT event, handler, queue, priority, %1 FROM %2 WHERE event = :event"
                              " ORDER BY handler")
            .arg(timeColumn(QStringLiteral("created_at")), subscriptions);
    case Sql::SelectSettings:
        return QStringLiteral("SELECT name, value FROM %1 ORDER BY name").arg(tableName(QStringLiteral("settings")));
    case Sql::DeleteSetting:
        return QStringLiteral("DELETE FROM %1 WHERE name = :name").arg(tableName(QStringLiteral("settings")));
    case Sql::InsertSetting:
        return QStringLiteral("INSERT INTO %1 (name, value) VALUES (:name, :value)")
            .arg(tableName(QStringLiteral("settings")));
    case Sql::TakeMaintenance:
        return QStringLiteral("UPDATE %1 SET holder = :holder, held_until = %2 WHERE name = :name"
                              " AND (holder IS NULL OR held_until IS NULL OR held_until < {now} OR holder = :holder)")
            .arg(maintenance, addMs(QStringLiteral("{now}"), QStringLiteral(":lease_ms")));
    case Sql::FinishMaintenance:
        return QStringLiteral("UPDATE %1 SET last_run_at = {now} WHERE name = :name AND holder = :holder")
            .arg(maintenance);
    case Sql::ReleaseMaintenance:
        return QStringLiteral("UPDATE %1 SET holder = NULL, held_until = NULL WHERE name = :name AND holder = :holder")
            .arg(maintenance);
    case Sql::DeleteSucceededFenced:
        return QStringLiteral("DELETE FROM %1").arg(tasks) + fenced;
    case Sql::SelectSucceededBefore:
        return limited(QStringLiteral("SELECT id FROM %1 WHERE state = 'succeeded' AND finished_at < %2 ORDER BY id")
                           .arg(tasks, addMs(QStringLiteral("{now}"), QStringLiteral(":minus_ms"))),
                       QStringLiteral(":limit"));
    case Sql::DeleteSucceededTasks:
        return QStringLiteral("DELETE FROM %1 WHERE id IN ({ids}) AND %2")
            .arg(tasks, stateCheckForRowsById(QStringLiteral("state = 'succeeded'")));
    case Sql::SelectRunsBefore:
        // A task's runs stay as long as the task does: a failed task keeps its history until an operator acts.
        return limited(
            QStringLiteral("SELECT r.id FROM %1 r WHERE r.finished_at < %2"
                           " AND NOT EXISTS (SELECT 1 FROM %3 t WHERE t.id = r.task_id) ORDER BY r.finished_at")
                .arg(tableName(QStringLiteral("task_runs")),
                     addMs(QStringLiteral("{now}"), QStringLiteral(":minus_ms")), tasks),
            QStringLiteral(":limit"));
    case Sql::DeleteRuns:
        return QStringLiteral("DELETE FROM %1 WHERE id IN ({ids})").arg(tableName(QStringLiteral("task_runs")));
    case Sql::SelectOldestMinuteStats:
        return QStringLiteral("SELECT %1 FROM %2 WHERE shard >= 0 AND minute < %3")
            .arg(timeColumn(QStringLiteral("MIN(minute)")), stats,
                 addMs(QStringLiteral("{now}"), QStringLiteral(":minus_ms")));
    case Sql::DeleteMinuteStatsInRange:
        return QStringLiteral("DELETE FROM %1 WHERE shard >= 0 AND minute >= %2 AND minute < %3")
            .arg(stats, timeParameter(QStringLiteral(":from")), timeParameter(QStringLiteral(":to")));
    case Sql::DeleteStatsInRange:
        return QStringLiteral("DELETE FROM %1 WHERE minute >= %2 AND minute < %3")
            .arg(stats, timeParameter(QStringLiteral(":from")), timeParameter(QStringLiteral(":to")));
    case Sql::InsertStatsRow:
        return QStringLiteral("INSERT INTO %1 (minute, queue, outcome, shard, count, duration_ms_sum, latency_ms_sum)"
                              " VALUES (%2, :queue, :outcome, :shard, :count, :duration_ms, :latency_ms)")
            .arg(stats, timeParameter(QStringLiteral(":minute")));
    case Sql::SelectTask:
        return QStringLiteral("SELECT %1 FROM %2 WHERE id = :id").arg(taskColumns(false), tasks);
    case Sql::SelectTaskRuns:
        return QStringLiteral("SELECT task_id, attempt, worker, %1, %2, outcome, message, duration_ms"
                              " FROM %3 WHERE task_id = :id ORDER BY attempt, id")
            .arg(timeColumn(QStringLiteral("started_at")), timeColumn(QStringLiteral("finished_at")),
                 tableName(QStringLiteral("task_runs")));
    case Sql::CountTasks:
        return QStringLiteral("SELECT queue, %1 AS display_state, COUNT(*) FROM %2 GROUP BY queue, display_state"
                              " ORDER BY queue, display_state")
            .arg(displayStateExpression(), tasks);
    case Sql::CountUnfinishedTasks:
        // The scheduled tasks of each queue are a range of the (state, queue, run_at, …) index, and so are the
        // running ones where the triggers do not count them.
        return QStringLiteral(
                   "SELECT c.queue, c.count_key, SUM(c.task_count) FROM %1 c GROUP BY c.queue, c.count_key"
                   " UNION ALL SELECT q.queue, 'scheduled', (SELECT COUNT(*) FROM %2 t WHERE t.state = 'pending'"
                   " AND t.queue = q.queue AND t.run_at > {now} AND t.attempts = 0)"
                   " FROM (SELECT DISTINCT d.queue FROM %1 d) q%3")
            .arg(tableName(QStringLiteral("task_counts")), tasks,
                 m_traits.triggersCountRunningTasks
                     ? QString()
                     : QStringLiteral(" UNION ALL SELECT r.queue, 'running', COUNT(*) FROM %1 r"
                                      " WHERE r.state = 'running' GROUP BY r.queue")
                           .arg(tasks));
    case Sql::RecountTaskCounts:
        return QStringLiteral(
                   "INSERT INTO %1 (queue, handler, count_key, task_count) SELECT c.queue, c.handler, c.count_key,"
                   " COUNT(*) FROM (SELECT t.queue, t.handler, %2 AS count_key FROM %3 t) c"
                   " WHERE c.count_key IS NOT NULL GROUP BY c.queue, c.handler, c.count_key")
            .arg(tableName(QStringLiteral("task_counts")), countKeyExpression(QStringLiteral("t")), tasks);
    case Sql::InsertTaskCount:
        return QStringLiteral("INSERT INTO %1 (queue, handler, count_key, task_count)"
                              " VALUES (:queue, :handler, :count_key, :task_count)")
            .arg(tableName(QStringLiteral("task_counts")));
    case Sql::DeleteTaskCounts:
        return {};
    case Sql::SelectDatabaseTime:
        return QLatin1String("SELECT ") + timeColumn(QStringLiteral("{now}"));
    case Sql::ClaimByIds:
        return QStringLiteral("UPDATE %1 SET state = 'running', attempts = attempts + 1, locked_by = :worker,"
                              " locked_until = %2, started_at = {now}, finished_at = NULL, cancel_requested = %3,"
                              " progress = NULL, progress_message = NULL WHERE id IN ({ids}) AND %4")
            .arg(tasks, addMs(QStringLiteral("{now}"), QStringLiteral(":lease_ms")), boolLiteral(false),
                 stateCheckForRowsById(QStringLiteral("state = 'pending'")));
    case Sql::SelectClaimedByIds:
        return QStringLiteral("SELECT id, queue, handler, payload, priority, attempts, max_attempts, timeout_s, %1, %2,"
                              " %3, %4 FROM %5 WHERE id IN ({ids})")
            .arg(timeColumn(QStringLiteral("run_at")), timeColumn(QStringLiteral("started_at")),
                 timeColumn(QStringLiteral("locked_until")), timeColumn(QStringLiteral("created_at")), tasks);
    case Sql::UpdateQueuePaused:
        return QStringLiteral("UPDATE %1 SET paused = %2 WHERE name = :queue")
            .arg(tableName(QStringLiteral("queues")), boolFromParameter(QStringLiteral(":paused")));
    case Sql::UpdateQueueSettings:
        // Each setting changes only when its :set_… flag is 1; a NULL value removes the queue's own setting.
        return QStringLiteral(
                   "UPDATE %1 SET"
                   " concurrency_limit = CASE WHEN :set_limit = 1 THEN :concurrency_limit ELSE concurrency_limit END,"
                   " default_max_attempts = CASE WHEN :set_attempts = 1 THEN :max_attempts"
                   " ELSE default_max_attempts END,"
                   " backoff_base_ms = CASE WHEN :set_backoff = 1 THEN :backoff_base_ms ELSE backoff_base_ms END,"
                   " backoff_max_ms = CASE WHEN :set_backoff = 1 THEN :backoff_max_ms ELSE backoff_max_ms END,"
                   " default_timeout_s = CASE WHEN :set_timeout = 1 THEN :timeout_s ELSE default_timeout_s END"
                   " WHERE name = :queue")
            .arg(tableName(QStringLiteral("queues")));
    case Sql::SelectQueues:
        return QStringLiteral("SELECT name, paused, concurrency_limit, default_max_attempts, backoff_base_ms,"
                              " backoff_max_ms, default_timeout_s FROM %1 ORDER BY name")
            .arg(tableName(QStringLiteral("queues")));
    case Sql::LockLimitedQueues:
        return QStringLiteral("SELECT name, concurrency_limit FROM %1 WHERE concurrency_limit IS NOT NULL"
                              " ORDER BY name")
            .arg(tableName(QStringLiteral("queues")));
    case Sql::CountRunningByQueue:
        return QStringLiteral("SELECT queue, COUNT(*) FROM %1 WHERE state = 'running' GROUP BY queue").arg(tasks);
    case Sql::UpdateProgress:
        return QStringLiteral("UPDATE %1 SET progress = :progress, progress_message = :progress_message").arg(tasks) +
            fenced;
    case Sql::ReleaseTask:
        // Never started: give the attempt back. Safe for fencing, because this worker never ran it.
        return QStringLiteral("UPDATE %1 SET state = 'pending', attempts = attempts - 1, locked_by = NULL,"
                              " locked_until = NULL, started_at = NULL")
                   .arg(tasks) +
            fenced;
    case Sql::RegisterWorker:
        return QStringLiteral("INSERT INTO %1 (id, name, host, pid, version, queues, handlers, concurrency,"
                              " in_flight, started_at, heartbeat_at, stopping) VALUES (:id, :name, :host, :pid,"
                              " :version, :queues, :handlers, :concurrency, 0, {now}, {now}, %2)")
            .arg(tableName(QStringLiteral("workers")), boolLiteral(false));
    case Sql::WorkerHeartbeat:
        return QStringLiteral(
                   "UPDATE %1 SET heartbeat_at = {now}, in_flight = :in_flight, stopping = %2 WHERE id = :id")
            .arg(tableName(QStringLiteral("workers")), boolFromParameter(QStringLiteral(":stopping")));
    case Sql::UnregisterWorker:
        return QStringLiteral("DELETE FROM %1 WHERE id = :id").arg(tableName(QStringLiteral("workers")));
    case Sql::DeleteStaleWorkers:
        return QStringLiteral("DELETE FROM %1 WHERE heartbeat_at < %2")
            .arg(tableName(QStringLiteral("workers")), addMs(QStringLiteral("{now}"), QStringLiteral(":minus_ms")));
    case Sql::SelectWorkers:
        return QStringLiteral("SELECT id, name, host, pid, version, queues, handlers, concurrency, in_flight, %1, %2,"
                              " stopping FROM %3 ORDER BY name, id")
            .arg(timeColumn(QStringLiteral("started_at")), timeColumn(QStringLiteral("heartbeat_at")),
                 tableName(QStringLiteral("workers")));
    case Sql::SelectOldestRunnable:
        return QStringLiteral("SELECT queue, %1, %2 FROM %3 WHERE state = 'pending' AND run_at <= {now} GROUP BY queue")
            .arg(timeColumn(QStringLiteral("MIN(run_at)")), timeColumn(QStringLiteral("{now}")), tasks);
    case Sql::CountRunnableAhead:
        // The claim's order: priority first, then run_at, then id. Each value bound once per use (ODBC drivers
        // take a placeholder once). Counted up to :limit rows, so that a task behind a million costs what one
        // behind a thousand does (bench_console: 28 ms → 9 ms on PostgreSQL at a million tasks).
        return QStringLiteral("SELECT COUNT(*) FROM (%1) ahead")
            .arg(limited(
                QStringLiteral("SELECT id FROM %1 WHERE queue = :queue AND state = 'pending'"
                               " AND run_at <= {now} AND (priority > :priority_a OR (priority = :priority_b"
                               " AND (run_at < %2 OR (run_at = %3 AND id < :id_a)))) AND id <> :id_b")
                    .arg(tasks, timeParameter(QStringLiteral(":run_at_a")), timeParameter(QStringLiteral(":run_at_b"))),
                QStringLiteral(":limit")));
    case Sql::SelectCountedQueues:
        return QStringLiteral("SELECT c.queue FROM %1 c GROUP BY c.queue HAVING SUM(c.task_count) > 0")
            .arg(tableName(QStringLiteral("task_counts")));
    case Sql::SelectCountedHandlers:
        return QStringLiteral("SELECT c.handler FROM %1 c GROUP BY c.handler HAVING SUM(c.task_count) > 0")
            .arg(tableName(QStringLiteral("task_counts")));
    case Sql::SelectPendingHandlers:
        // From the triggers' counts (schema version 7), not from the tasks: reading every waiting task's index
        // entry took 52 ms at ten million tasks.
        return QStringLiteral("SELECT c.handler FROM %1 c WHERE c.count_key IN ('pending', 'retrying')"
                              " GROUP BY c.handler HAVING SUM(c.task_count) > 0")
            .arg(tableName(QStringLiteral("task_counts")));
    case Sql::NotifyTasks:
    case Sql::SelectTaskIdFloor:
    case Sql::SelectPlannerStatisticsDue:
    case Sql::RefreshPlannerStatistics:
    case Sql::FinishPlannerStatistics:
    case Sql::CountSearchIndexes:
    case Sql::SelectSearchIndexSchema:
        return {};
    case Sql::AnalyzeTasks:
        return QStringLiteral("ANALYZE %1").arg(tasks);
    // Different on every database: each dialect writes these.
    case Sql::SchemaTableExists:
    case Sql::InsertTask:
    case Sql::SelectLastInsertId:
    case Sql::UpsertStats:
    case Sql::SumMinuteStatsIntoHours:
    case Sql::SelectStats:
    case Sql::EnsureQueue:
        break;
    }
    return {};
}

QString Dialect::searchCondition(const QString& parameter) const
{
    return containsLiteral(QStringLiteral("payload"), parameter) + QLatin1String(" OR ") +
        containsLiteral(QStringLiteral("COALESCE(last_error, '')"), parameter) + QLatin1String(" OR ") +
        containsLiteral(QStringLiteral("COALESCE(unique_key, '')"), parameter);
}

QString Dialect::literalSearchValue(const QString& text) const
{
    return text;
}

QString Dialect::likeContainsPattern(const QString& text)
{
    QString pattern;
    pattern.reserve(text.size() + 8);
    pattern += QLatin1Char('%');
    for (const QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            pattern += QLatin1Char('\\');
        pattern += c;
    }
    pattern += QLatin1Char('%');
    return pattern;
}

SearchIndexSql Dialect::searchIndexSql() const
{
    return {};
}

QString Dialect::placeholderList(const QString& prefix, int count)
{
    QStringList names;
    names.reserve(count);
    for (int i = 0; i < count; ++i)
        names << QLatin1Char(':') + prefix + QString::number(i);
    return names.join(QLatin1String(", "));
}

QString Dialect::claimFilter(const ClaimShape& shape)
{
    QString filter;
    if (shape.queueCount > 0)
        filter += QLatin1String(" AND t.queue IN (") + placeholderList(QStringLiteral("queue"), shape.queueCount) +
            QLatin1Char(')');
    if (shape.handlerCount > 0)
        filter += QLatin1String(" AND t.handler IN (") +
            placeholderList(QStringLiteral("handler"), shape.handlerCount) + QLatin1Char(')');
    if (shape.singleTask)
        filter += QLatin1String(" AND t.id = :task_id");
    if (shape.excludedQueueCount > 0)
        filter += QLatin1String(" AND t.queue NOT IN (") +
            placeholderList(QStringLiteral("xqueue"), shape.excludedQueueCount) + QLatin1Char(')');
    return filter;
}

QString Dialect::stateCheckForRowsById(const QString& condition) const
{
    return condition;
}

QString Dialect::claimableQueueCondition(const ClaimShape& shape) const
{
    const QString paused = isTrue(QStringLiteral("q.paused"));
    return QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM %1 q WHERE q.name = t.queue AND %2)")
        .arg(tableName(QStringLiteral("queues")),
             shape.skipLimitedQueues ? QStringLiteral("(%1 OR q.concurrency_limit IS NOT NULL)").arg(paused) : paused);
}

QString Dialect::displayStateExpression() const
{
    return QStringLiteral("CASE WHEN state = 'pending' AND attempts > 0 THEN 'retrying' "
                          "WHEN state = 'pending' AND run_at > {now} THEN 'scheduled' ELSE state END");
}

QString Dialect::taskColumns(bool payloadPreview) const
{
    const QString payload = payloadPreview ? textPrefix(QStringLiteral("payload"), 200) : QStringLiteral("payload");
    const QString error = payloadPreview ? textPrefix(QStringLiteral("last_error"), 300) : QStringLiteral("last_error");
    const QString result = payloadPreview ? QStringLiteral("NULL") : QStringLiteral("result");
    const QStringList columns{QStringLiteral("id"),
                              QStringLiteral("queue"),
                              QStringLiteral("handler"),
                              payload,
                              QStringLiteral("priority"),
                              timeColumn(QStringLiteral("run_at")),
                              QStringLiteral("state"),
                              QStringLiteral("attempts"),
                              QStringLiteral("max_attempts"),
                              QStringLiteral("unique_key"),
                              QStringLiteral("timeout_s"),
                              QStringLiteral("locked_by"),
                              timeColumn(QStringLiteral("locked_until")),
                              QStringLiteral("cancel_requested"),
                              timeColumn(QStringLiteral("created_at")),
                              timeColumn(QStringLiteral("started_at")),
                              timeColumn(QStringLiteral("finished_at")),
                              error,
                              result,
                              QStringLiteral("progress"),
                              QStringLiteral("progress_message"),
                              displayStateExpression()};
    return columns.join(QLatin1String(", "));
}

} // namespace taskdeck
