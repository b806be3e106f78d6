#pragma once

#include "common/Result.h"
#include "db/Columns.h"
#include "db/DialectTraits.h"
#include "db/DriverValues.h"
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
    // (DialectTraits::triggersCountRunningTasks).
    CountUnfinishedTasks,
    // The counts of the tasks that exist, as the triggers would have kept them (when the triggers are created).
    RecountTaskCounts,
    // Where the triggers add a row per change (DialectTraits::foldsTaskCounts), a maintenance pass folds them:
    // DeleteTaskCounts removes rows and returns (queue, count_key, task_count, handler), and InsertTaskCount writes
    // back one sum per queue, handler and key, in the same transaction.
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
    // The queues and the handlers of every task the counts hold (all but succeeded ones).
    SelectCountedQueues,
    SelectCountedHandlers,
    SelectOldestRunnable,
    // Runnable tasks a claim takes before the task, up to :limit (:priority_a/b, :run_at_a/b, :id_a/b).
    CountRunnableAhead,
    AnalyzeTasks, // refresh the planner's statistics of the tasks table
    // Where the database keeps no planner statistics by itself (DialectTraits::refreshesPlannerStatistics; SQLite:
    // without them it lists failed tasks by sorting every failed row), a maintenance pass refreshes them once a day:
    // SelectPlannerStatisticsDue returns a row when it is time, RefreshPlannerStatistics refreshes them,
    // FinishPlannerStatistics records it.
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
    NotifyTasks, // where DialectTraits::notifiesListeningWorkers
    // The highest task id given so far (to a task that may since have been deleted), where BatchSql::InsertTaskRows has
    // a statement; empty elsewhere.
    SelectTaskIdFloor,
    // Only for DialectTraits::ClaimMethod::LockThenMark (no UPDATE … RETURNING): the claim's second and third steps.
    ClaimByIds,
    SelectClaimedByIds,
    // Changes nothing, but only an account that may update tasks may run it: what the console asks on connecting.
    ProbeTaskWrite,
    // The literal-search index (Dialect::searchIndexCreateSql): how many of its indexes exist and are valid, and
    // the schema of the operator classes it needs; empty where the dialect has no such index.
    CountSearchIndexes,
    SelectSearchIndexSchema,
    // Only where DialectTraits::insertReturnsId is false.
    SelectLastInsertId,
};
inline constexpr int kSqlStatementCount = int(Sql::SelectLastInsertId) + 1;

// The statements that write a batch: their text depends on the batch (BatchShape).
enum class BatchSql {
    // Runs of one batch in one INSERT: rows rows of :task_idN, :attemptN, :started_atN, :outcomeN, :messageN,
    // :duration_msN, and :worker.
    InsertRuns,
    // BatchInsert::FromJson: many tasks in one statement, read from one JSON text parameter :tasks
    // (BatchBinder::bindTasks(): an array of objects, o the index in the batch), returning (o, id) for each task
    // inserted; a task without a row was not inserted because its unique key is taken. Without unique keys, where
    // every task is inserted, it may instead return only the ids, numbered in the batch's order (the store gives the
    // smallest to the first task): where the database cannot return the input's position (MariaDB), or where that
    // costs less. Without uniqueKeys, no task of the batch has one (and the statement skips the conflict check).
    InsertTasksFromJson,
    // BatchInsert::FromArrays: the same statement reading the tasks from one parameter per field instead of one
    // JSON text, where the database parses that faster (PostgreSQL: an array parses in a tenth of the time of the
    // JSON objects): :q, :h, :p, :pr, :r, :d, :m, :k, :t, each the array literal (BatchBinder) of that field's values
    // in the batch's order, then :default_max_attempts. It returns (o, id) or the ids alone, as above.
    InsertTasksFromArrays,
    // BatchInsert::RowsOfParameters: many tasks in one statement, each given by parameters of its own, where binding
    // them costs less than reading one JSON text (SQLite, whose JSON functions render a row's object again for each
    // field): rows rows of :iN, :qN, :hN, :pN, :prN, :rN, :dN, :mN, :kN, :tN in that order (the task's id, then
    // queue, handler, payload, priority, run_at as a stored time or null, delay ms, max_attempts, unique key,
    // timeout_s), then :default_max_attempts; each placeholder appears once. It returns the id of each task inserted;
    // a task without one was not inserted because its unique key is taken. The ids are Sql::SelectTaskIdFloor + 1
    // onwards, in the batch's order: only for a database with one writer at a time.
    InsertTaskRows,
    // BatchSuccess::FromJson: the successes of a batch in one fenced statement that returns the ids it applied to,
    // reading the tasks from one JSON text parameter :rows (BatchBinder::bindSucceeded()) and :worker; the Remove
    // form deletes the rows instead (retention 0).
    FinishSucceededFromJson,
    RemoveSucceededFromJson,
    // BatchSuccess::ByPairs: the successes of a batch removed (retention 0) by one fenced DELETE that returns the ids
    // it removed, the tasks given as rows (id, attempt) pairs :iN, :aN, then :worker. A batch smaller than rows
    // repeats its last pair.
    RemoveSucceededByPairs,
    // BatchSuccess::ByPairs, kept instead of removed (an UPDATE cannot return what it changed there): the same fenced
    // tasks locked and their ids returned by the first statement, then finished by the second, which also takes each
    // task's result as :cN (its id again) and :rN.
    LockSucceededByPairs,
    FinishSucceededByPairs,
};

struct BatchShape
{
    int rows = 1;
    bool uniqueKeys = false; // whether a task of the batch has a unique key
};

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
    int workerCount = 0; // :worker0…, the workers holding the tasks' leases
    bool search = false; // :search
    bool createdFrom = false; // :created_from
    bool createdTo = false; // :created_to
    bool failedRunWindow = false; // :failed_from, :failed_to: a failed run ended in between
    bool idsOnly = false; // SELECT id only, no sort key other than id, no limit
    SortKey sortKey = SortKey::Id;
    bool descending = true;
    bool afterCursor = false; // :cursor_value, :cursor_id
};

// The index that answers literal text searches (PostgreSQL: pg_trgm). Each step runs outside a transaction, in
// order. createSteps may name {trgm_schema}: the schema holding the pg_trgm operator classes, which the store reads
// with Sql::SelectSearchIndexSchema after the first step.
struct SearchIndexSql
{
    QStringList createSteps;
    QStringList dropSteps;
    // What to tell the operator when Sql::SelectSearchIndexSchema finds no operator classes (%1: the database).
    QString missingExtensionMessage;
};

// Everything that differs between databases lives behind this interface: SQL text, types, sessions and errors.
class Dialect
{
    friend class TaskListSql; // builds the lists from the protected pieces below

public:
    virtual ~Dialect() = default;

    // "sqlite", "postgresql", "mariadb", "sqlserver"
    virtual QString name() const = 0;
    // The ways the store can claim, write batches and run statements on this database.
    const DialectTraits& traits() const { return m_traits; }
    // How values are bound and read through its driver.
    const DriverValues& values() const { return m_values; }

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
    // A statement ready to prepare: {ids} becomes idSlots placeholders :id0…, {now} the database's clock, or the
    // bound :now where the store runs on a test clock (boundClock).
    QString expandTokens(const QString& sqlTemplate, int idSlots, bool boundClock) const;
    // Sql::SelectStats over the hourly rows (shard < 0) or the per-minute ones (shard >= 0).
    QString statsSql(bool hourly) const;

    // One statement that claims and returns the claimed rows (ClaimMethod::OneStatement).
    virtual QString claimSql(const ClaimShape& shape) const;
    // The ids of the next claimable tasks, locked (ClaimMethod::LockThenMark).
    virtual QString claimLockSql(const ClaimShape& shape) const;

    // The SQL of a statement that writes a batch, for its shape. A dialect answers the statements of the ways its
    // traits name (DialectTraits::batchInsert, batchSuccess); every dialect answers BatchSql::InsertRuns.
    virtual QString batchSql(BatchSql statement, const BatchShape& shape) const;
    // Whether the database refused a statement because of the account's privileges (or, for SQLite, a file it may
    // not write), as opposed to any other failure.
    virtual bool isPermissionDenied(const QSqlError& error) const = 0;
    // The channel workers listen on for new tasks (Sql::NotifyTasks), where the database has one.
    virtual QString notificationChannel() const;

    // Literal text search (ListShape::search): the value the store binds to :search for the text an operator typed
    // (a LIKE pattern where the dialect matches with LIKE).
    virtual QString literalSearchValue(const QString& text) const;
    // An index that answers literal text searches without reading every task (DialectTraits::hasSearchIndex).
    virtual SearchIndexSql searchIndexSql() const;

    // Stored times cross the driver as integer milliseconds (DriverValues): nowExpression() is the database clock
    // as a stored time, timeParameter() turns a bound number into one.
    virtual QString nowExpression() const = 0;
    virtual QString timeParameter(const QString& placeholder) const;

    // The qualified name of a logical table ("tasks" → taskdeck_tasks or taskdeck.tasks).
    virtual QString tableName(const QString& logicalName) const = 0;

protected:
    DialectTraits m_traits;
    DriverValues m_values;

    // ":prefix0, :prefix1, …" for an IN list of count bound values.
    static QString placeholderList(const QString& prefix, int count);
    // BatchSql::InsertRuns, the same on every database.
    QString insertRunsSql(int rows) const;
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
