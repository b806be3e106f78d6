#pragma once

#include "common/Result.h"
#include "db/Columns.h"
#include "db/Migration.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <initializer_list>

class QSqlError;

namespace taskdeck {

// The fixed statements of the store. Each dialect gives the full SQL text of each one; placeholders are named
// (:name) and bound by the store. Two tokens are expanded before a statement is prepared: {now} becomes the
// database's clock in UTC (or a bound :now when a test clock is in use) and {ids} a list of :id0, :id1, …
enum class Sql {
    SchemaTableExists,
    SelectSchemaVersion,
    InsertSchemaVersion,
    InsertTask,
    SelectTaskIdByUniqueKey,
    FinishSucceeded,
    FinishFailed,
    FinishCancelled,
    InsertRun,
    UpsertStats,
    SelectQueuePolicies,
    ExtendLeases,
    SelectLeaseStates,
    SelectExpiredLeases,
    RescueLease,
    RetryTasks,
    MakeRunnableNow, // a pending task, scheduled for later, becomes runnable now
    DeleteTasks,
    CancelPendingTasks,
    RequestCancelRunningTasks,
    InsertOperatorAction,
    SelectTask,
    SelectTaskRuns,
    CountTasks,
    // What the console's overview counts, without succeeded tasks (successes come from the stats table), so that
    // it stays fast however many tasks there are: the counts per queue and handler that triggers keep in task_counts
    // (rows of queue, handler, count_key, task_count to be summed; 'pending' there includes scheduled tasks), one
    // 'scheduled' row per queue counted off the state index (tasks waiting for a later run_at, which no trigger can
    // keep), and the running tasks per queue off the same index unless the triggers count them
    // (triggersCountRunningTasks()).
    CountUnfinishedTasks,
    // The counts of the tasks that exist, as the triggers would have kept them (when the triggers are created).
    RecountTaskCounts,
    // Where triggers add a row per change (the servers, whose writers must not wait on one counter row), a
    // maintenance pass folds them: DeleteTaskCounts removes rows and returns (queue, count_key, task_count, handler),
    // and InsertTaskCount writes back one sum per queue, handler and key, in the same transaction. Empty where the
    // triggers update their row in place (SQLite's single writer).
    DeleteTaskCounts,
    InsertTaskCount,
    SelectStats,
    SelectDatabaseTime,
    EnsureQueue,
    UpdateQueuePaused,
    UpdateQueueSettings,
    SelectQueues,
    LockLimitedQueues,
    CountRunningByQueue,
    UpdateProgress,
    ReleaseTask,
    RegisterWorker,
    WorkerHeartbeat,
    UnregisterWorker,
    DeleteStaleWorkers,
    SelectWorkers,
    SelectPendingHandlers,
    SelectOldestRunnable,
    AnalyzeTasks, // refresh the planner's statistics of the tasks table
    // Where the database keeps no planner statistics by itself (SQLite: without them it lists failed tasks by
    // sorting every failed row), a maintenance pass refreshes them once a day: SelectPlannerStatisticsDue returns a
    // row when it is time, RefreshPlannerStatistics refreshes them, FinishPlannerStatistics records it. Empty
    // where the database keeps its own.
    SelectPlannerStatisticsDue,
    RefreshPlannerStatistics,
    FinishPlannerStatistics,
    // Recurring schedules: every change bumps `revision`, and firing advances a schedule only at the revision it
    // read (compare-and-set), so one occurrence is enqueued once however many workers race for it.
    InsertSchedule,
    SelectSchedules,
    SelectSchedule,
    SelectDueSchedules,
    AdvanceSchedule,
    SetScheduleLastTask,
    UpdateScheduleEnabled,
    DeleteSchedule,
    SelectNextScheduleRun,
    // Event fan-out
    InsertSubscription,
    DeleteSubscription,
    SelectSubscriptions,
    SelectEventSubscriptions,
    // Fleet-wide settings (retention) and the maintenance lease that lets one worker at a time prune
    SelectSettings,
    DeleteSetting,
    InsertSetting,
    TakeMaintenance,
    FinishMaintenance,
    ReleaseMaintenance,
    DeleteSucceededFenced, // a success with retention 0: the row goes at once, its run and stats remain
    SelectSucceededBefore,
    DeleteSucceededTasks,
    SelectRunsBefore,
    DeleteRuns,
    SelectOldestMinuteStats,
    DeleteMinuteStatsInRange, // per-minute rows only: their hourly rows hold the same sums
    // Adds every per-minute row's counts to its hourly row (schema migration 4 on SQLite, 5 on the servers).
    SumMinuteStatsIntoHours,
    DeleteStatsInRange,
    InsertStatsRow,
    SelectOperatorActions,
    NotifyTasks, // empty where the database cannot notify listeners
    // The highest task id given so far (to a task that may since have been deleted), where insertTaskRowsSql() has
    // a statement; empty elsewhere.
    SelectTaskIdFloor,
    // Only for dialects whose claimSql() is empty (no UPDATE … RETURNING): the claim's second and third steps.
    ClaimByIds,
    SelectClaimedByIds,
    // Changes nothing, but only an account that may update tasks may run it: what the console asks on connecting.
    ProbeTaskWrite,
    // The literal-search index (Dialect::searchIndexCreateSql): how many of its indexes exist and are valid, and
    // the schema of the operator classes it needs; empty where the dialect has no such index.
    CountSearchIndexes,
    SelectSearchIndexSchema,
    // Only for dialects whose insertReturnsId() is false.
    SelectLastInsertId,
};
inline constexpr int kSqlStatementCount = int(Sql::SelectLastInsertId) + 1;

// What the store asks the claim builder for.
struct ClaimShape
{
    int queueCount = 0; // 0: any queue
    int handlerCount = 0; // 0: any handler
    int excludedQueueCount = 0; // :xqueue0… (queues whose concurrency limit is handled separately)
    bool singleTask = false; // only the task :task_id (an operator's "run now")
    // Skips every queue that has a concurrency limit, as the claim reads them: for a claim that runs without first
    // locking the limited queues (TaskStore::claim), whose tasks are left to a claim that does.
    bool skipLimitedQueues = false;
};

// Which list query the builder makes; the filter values are bound by the store under fixed names.
struct ListShape
{
    enum class SortKey {
        Id,
        RunAt,
        CreatedAt,
        Priority,
    };
    QStringList displayStates; // pending, scheduled, retrying, running, succeeded, failed, cancelled
    int queueCount = 0; // :queue0…
    int handlerCount = 0; // :handler0…
    bool search = false; // :search
    bool createdFrom = false; // :created_from
    bool createdTo = false; // :created_to
    bool idsOnly = false; // SELECT id only, no sort key other than id, no limit
    SortKey sortKey = SortKey::Id;
    bool descending = true;
    bool afterCursor = false; // :cursor_value, :cursor_id
};

// Everything that differs between databases lives behind this interface: SQL text, types, sessions and errors.
class Dialect
{
    friend class TaskListSql; // builds the lists from the protected pieces below

public:
    virtual ~Dialect() = default;

    // "sqlite", "postgresql", "mariadb", "sqlserver"
    virtual QString name() const = 0;

    // Session setup right after the connection opens (pragmas, session time zone, isolation).
    virtual Status configureConnection(QSqlDatabase& db) const = 0;
    // Starts a write transaction that will not fail later because another writer got there first.
    virtual Status beginWriteTransaction(QSqlDatabase& db) const;

    virtual QList<Migration> migrations() const = 0;
    // Serialise concurrent migrations (servers); SQLite's write transaction already does.
    virtual Status lockForMigration(QSqlDatabase& db) const;
    virtual void unlockAfterMigration(QSqlDatabase& db) const;

    // The SQL of a statement. The base class writes the statements that read the same on every database it knows
    // (through tableName(), the time hooks and TRUE/FALSE); dialects answer the others and may override any.
    virtual QString sql(Sql statement) const;
    // Sql::SelectStats over the hourly rows (shard < 0) or the per-minute ones (shard >= 0).
    QString statsSql(bool hourly) const;
    // The ways the store can claim, write a batch of tasks and record a batch of successes, and search: each dialect
    // names the way its database does best, and answers the statements of that way only.
    enum class ClaimMethod {
        OneStatement, // claimSql()
        LockThenMark, // claimLockSql(), then Sql::ClaimByIds and Sql::SelectClaimedByIds
    };
    virtual ClaimMethod claimMethod() const;
    enum class BatchInsert {
        RowByRow, // Sql::InsertTask per task
        RowsOfParameters, // insertTaskRowsSql()
        FromArrays, // insertTasksFromArraysSql(), bound by BatchBinder::bindTasks()
        FromJson, // insertTasksFromJsonSql(), bound by BatchBinder::bindTasks()
    };
    // uniqueKeys: whether a task of the batch has a unique key.
    virtual BatchInsert batchInsert(bool uniqueKeys) const;
    enum class BatchSuccess {
        PerTask, // Sql::FinishSucceeded or Sql::DeleteSucceededFenced per task
        FromJson, // finishSucceededFromJsonSql(), bound by BatchBinder::bindSucceeded()
        ByPairs, // removeSucceededByPairsSql(), or lockSucceededByPairsSql() then finishSucceededByPairsSql()
    };
    virtual BatchSuccess batchSuccess() const;
    // Whether the database has an index for literal text search (searchIndexCreateSql()).
    virtual bool hasSearchIndex() const;

    // One statement that claims and returns the claimed rows (ClaimMethod::OneStatement).
    virtual QString claimSql(const ClaimShape& shape) const;
    // The ids of the next claimable tasks, locked (ClaimMethod::LockThenMark).
    virtual QString claimLockSql(const ClaimShape& shape) const;

    // InsertTask returns the new id as a row (RETURNING); when false, the store reads SelectLastInsertId, and an
    // insert that affected no row means the unique key is taken.
    virtual bool insertReturnsId() const;
    // Whether a write of one statement (enqueueing one task outside a caller's transaction) may run on its own, in
    // autocommit, instead of between BEGIN and COMMIT: a lone statement is atomic, and the transaction's two round
    // trips are most of a single enqueue's time on a server. Only where Sql::InsertTask is the whole write (it
    // returns the id and wakes the workers itself): where the id takes a second statement, a failure between the
    // two would report an error for a task that was saved. Not for SQLite: its autocommit statement reads before it
    // writes and fails with SQLITE_BUSY_SNAPSHOT when another writer commits in between.
    virtual bool loneInsertMayAutocommit() const;
    // Whether claimSql() may likewise run on its own, in autocommit, when no queue has a concurrency limit (the
    // statement is the whole claim then). Not for SQLite, for the same reason as above.
    virtual bool loneClaimMayAutocommit() const;
    // Whether Sql::InsertTask wakes listening workers by itself, so that the store sends no Sql::NotifyTasks after
    // it.
    virtual bool insertTaskNotifiesWorkers() const;
    // Whether each statement costs a round trip to a server, so that combining statements pays (not for SQLite,
    // where a prepared statement per row is cheaper than a long one).
    virtual bool statementsCostRoundTrips() const;
    // Whether two connections' write transactions proceed side by side, so that a worker gains by recording outcomes
    // on a connection of its own while it claims on another (not for SQLite: one writer at a time, the second would
    // only wait for the first).
    virtual bool writersRunConcurrently() const;
    // BatchSuccess::FromJson: the successes of a batch in one fenced statement that returns the ids it applied to,
    // reading the tasks from one JSON text parameter :rows (BatchBinder::bindSucceeded()) and :worker. remove
    // deletes the rows instead (retention 0).
    virtual QString finishSucceededFromJsonSql(bool remove) const;
    // BatchSuccess::ByPairs: the successes of a batch removed (retention 0) by one fenced DELETE that returns the ids
    // it removed, the tasks given as rows (id, attempt) pairs :iN, :aN, then :worker. A batch smaller than rows
    // repeats its last pair.
    virtual QString removeSucceededByPairsSql(int rows) const;
    // BatchSuccess::ByPairs, kept instead of removed (an UPDATE cannot return what it changed there): the same fenced
    // tasks locked and their ids returned by the first statement, then finished by the second, which also takes each
    // task's result as :cN (its id again) and :rN.
    virtual QString lockSucceededByPairsSql(int rows) const;
    virtual QString finishSucceededByPairsSql(int rows) const;
    // Runs of one batch in one INSERT: rowCount rows of :task_idN, :attemptN, :started_atN, :outcomeN, :messageN,
    // :duration_msN, and :worker.
    QString insertRunsSql(int rowCount) const;
    // BatchInsert::FromJson: many tasks in one statement, read from one JSON text parameter :tasks
    // (BatchBinder::bindTasks(): an array of objects, o the index in the batch), returning (o, id) for each task
    // inserted; a task without a row was not inserted because its unique key is taken. Without unique keys, where every
    // task is inserted, it may instead return only the ids, numbered in the batch's order (the store gives the smallest
    // to the first task): where the database cannot return the input's position (MariaDB), or where that costs less.
    // Without uniqueKeys, no task of the batch has one (and the statement skips the conflict check).
    virtual QString insertTasksFromJsonSql(bool uniqueKeys) const;
    // BatchInsert::FromArrays: the same statement reading the tasks from one parameter per field instead of one JSON
    // text, where the database parses that faster (PostgreSQL: an array parses in a tenth of the time of the JSON
    // objects): :q, :h, :p, :pr, :r, :d, :m, :k, :t, each the arrayParameter() of that field's values in the batch's
    // order, then :default_max_attempts. It returns (o, id) or the ids alone, as above.
    virtual QString insertTasksFromArraysSql(bool uniqueKeys) const;
    // The value to bind for one array of insertTasksFromArraysSql(): values in order, a null QString for NULL.
    virtual QVariant arrayParameter(const QStringList& values) const;
    // BatchInsert::RowsOfParameters: many tasks in one statement, each given by parameters of its own, where binding
    // them costs less than reading one JSON text (SQLite, whose JSON functions render a row's object again for each
    // field): rows rows of :iN, :qN, :hN, :pN, :prN, :rN, :dN, :mN, :kN, :tN in that order (the task's id, then queue,
    // handler, payload, priority, run_at as timeValue() or null, delay ms, max_attempts, unique key, timeout_s), then
    // :default_max_attempts; each placeholder appears once. It returns the id of each task inserted; a task without one
    // was not inserted because its unique key is taken. The ids are Sql::SelectTaskIdFloor + 1 onwards, in the batch's
    // order: only for a database with one writer at a time.
    virtual QString insertTaskRowsSql(int rows, bool uniqueKeys) const;
    // After a failed statement the rest of the transaction still stands (false on PostgreSQL: 25P02).
    virtual bool failedStatementKeepsTransaction() const;
    // Whether the database refused a statement because of the account's privileges (or, for SQLite, a file it may
    // not write), as opposed to any other failure.
    virtual bool isPermissionDenied(const QSqlError& error) const = 0;
    // The channel workers listen on for new tasks (Sql::NotifyTasks), where the database has one.
    virtual QString notificationChannel() const;

    // Literal text search (ListShape::search): the value the store binds to :search for the text an operator typed
    // (a LIKE pattern where the dialect matches with LIKE).
    virtual QString literalSearchValue(const QString& text) const;
    // An index that answers literal text searches without reading every task (PostgreSQL: pg_trgm). Each step runs
    // outside a transaction, in order; empty where the database has none (searches read the table there).
    // searchIndexCreateSql() may name {trgm_schema}: the schema holding the pg_trgm operator classes, which the
    // store reads with Sql::SelectSearchIndexSchema after the first step.
    virtual QStringList searchIndexCreateSql() const;
    virtual QStringList searchIndexDropSql() const;
    // What to tell the operator when Sql::SelectSearchIndexSchema finds no operator classes for the index.
    virtual QString searchIndexMissingExtensionMessage(const QString& database) const;

    // Times cross the driver boundary as integer milliseconds since the epoch (UTC), so that no driver can shift
    // them by a time zone: timeColumn() renders a stored time as that number, timeParameter() turns a bound
    // number back into the database's time type, and nowExpression() is the database clock as a stored time.
    virtual QString nowExpression() const = 0;
    virtual QString timeParameter(const QString& placeholder) const;
    QVariant timeValue(const QDateTime& utc) const;
    QDateTime readTime(const QVariant& value) const;
    // Drivers differ in how they bind strings (MariaDB's ODBC driver appends NUL to QString binds).
    virtual QVariant textValue(const QString& text) const;
    virtual QString readText(const QVariant& value) const;
    bool readBool(const QVariant& value) const;

    // The qualified name of a logical table ("tasks" → taskdeck_tasks or taskdeck.tasks).
    virtual QString tableName(const QString& logicalName) const = 0;

    // ":prefix0, :prefix1, …" for an IN list of count bound values.
    static QString placeholderList(const QString& prefix, int count);

protected:
    // The pieces the statements are written with, here and in the dialects (the store binds and reads values, it
    // does not write SQL). A stored time as integer milliseconds (see nowExpression()).
    virtual QString timeColumn(const QString& column) const;
    // Booleans: a literal, a bound 0/1 as a stored boolean, and a stored boolean as a condition (SQL Server has
    // bit columns and no boolean expressions as values).
    virtual QString boolLiteral(bool value) const;
    virtual QString boolFromParameter(const QString& placeholder) const;
    virtual QString isTrue(const QString& column) const;
    virtual QString isFalse(const QString& column) const;

    // The database user of the session, for the audit log ('' where the database has no users).
    virtual QString currentUserExpression() const;

    // Whether error's native code (one number, or several as ODBC joins its diagnostics) is one of codes.
    static bool hasNativeCode(const QSqlError& error, std::initializer_list<int> codes);

    // The migration that gives the state index the overview's columns (each dialect says how, and its number).
    static Migration overviewIndexMigration(int version, QStringList statements);
    // The migration that gives the per-minute statistics that exist their hourly rows (shard -1 - the minute's;
    // Sql::UpsertStats writes both from then on). Older builds would count both kinds of rows, so they stop here.
    Migration hourlyStatsMigration(int version) const;
    // The migration that adds task_counts and the dialect's triggers that keep it (statements), then counts the
    // tasks that exist, then runs after. Older builds keep working: they never read the counts, and their writes fire
    // the triggers.
    Migration taskCountsMigration(int version, int oldestCompatible, QStringList statements,
                                  const QStringList& after = {}) const;
    // The migration that keeps task_counts per handler as well: statements drop the counts and their triggers and
    // make them again (the dialect's current task count statements), then the tasks are counted, then after.
    Migration handlerCountsMigration(int version, QStringList statements, const QStringList& after = {}) const;
    // Whether the triggers count running tasks too (where a statement's trigger runs once however many tasks it
    // finishes: nearly free) or the counts read them off the state index (where a trigger runs per row: a success
    // then touches no counter at all, and running tasks are no more than the workers' concurrency).
    virtual bool triggersCountRunningTasks() const;
    // The key a task row is counted under in task_counts: 'pending', 'retrying' (pending, and it has run before),
    // 'failed', 'cancelled', and 'running' where the triggers count running tasks; NULL for the others (succeeded
    // tasks come from the stats table). row: the row's name in a trigger (NEW) or a table alias.
    QString countKeyExpression(const QString& row) const;
    // For a statement-level trigger: (queue, handler, count_key, task_change) of each counted row of a transition
    // table, task_change being change (1 or -1).
    QString countedRowsSelect(const QString& rows, const QString& change) const;
    // Pieces TaskListSql builds the task lists from.
    virtual QString containsLiteral(const QString& column, const QString& parameter) const = 0;
    // Whether payload, last_error or unique_key contains the text bound to parameter (by default three
    // containsLiteral() tests).
    virtual QString searchCondition(const QString& parameter) const;
    // "%text%" with %, _ and the escape character \ escaped, for LIKE … ESCAPE '\'.
    static QString likeContainsPattern(const QString& text);
    virtual QString textPrefix(const QString& column, int characters) const = 0;
    virtual QString limitClause(const QString& parameter) const;
    // A SELECT … ORDER BY … that returns at most count rows (count: a placeholder or a number).
    virtual QString limited(const QString& select, const QString& count) const;
    // A stored time plus a bound number of milliseconds, as a stored time.
    virtual QString addMs(const QString& time, const QString& msPlaceholder) const;
    QString displayStateExpression() const;
    // " AND t.queue IN (:queue0, …) AND t.handler IN (:handler0, …)" for a claim over the tasks aliased t.
    static QString claimFilter(const ClaimShape& shape);
    // A condition on the state of tasks that a statement finds by their ids, as the dialect must write it so that
    // the ids lead the statement's plan (by default, unchanged).
    virtual QString stateCheckForRowsById(const QString& condition) const;
    // " AND …" over the tasks aliased t: the task's queue is not paused (nor limited, when the shape skips limited
    // queues); by default a NOT EXISTS over the queues.
    virtual QString claimableQueueCondition(const ClaimShape& shape) const;
    QString taskColumns(bool payloadPreview) const;
};

} // namespace taskdeck
