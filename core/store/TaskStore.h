#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "db/DatabaseConnection.h"
#include "db/Dialect.h"
#include "db/Locator.h"
#include "store/Requests.h"
#include "store/RetryPolicy.h"
#include "store/Schedules.h"
#include "store/Task.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace taskdeck {

struct StoreOptions
{
    const Clock* clock = nullptr; // nullptr: the database's clock (production); a Clock: tests
    RetryPolicy retryPolicy; // for queues that do not set their own
    bool recordSuccessfulRuns = true; // every non-success run is always recorded
    QString actor; // for the audit log; empty: user@host of this process
    std::function<double()> random; // [0, 1) for backoff jitter; empty: a real random generator
};

enum class SchemaMode {
    Require, // the schema must exist and be compatible
    CreateOrUpgrade, // create the database and schema, or apply pending migrations (`init`)
    // As Require, but a schema too new for this build opens read-only (the console shows it; writes are refused)
    // instead of failing.
    ReadOnlyIfTooNew,
};

struct SchemaInfo
{
    int databaseVersion = 0;
    int oldestCompatible = 0;
    int binaryVersion = 0;
};

// Told how many ids are done after each committed batch; returning false stops before the next batch (what is done
// stays done, and the audit log says where it stopped).
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

// The task queue in a SQL table: the API that the CLI, the console and the executor share. One TaskStore owns one
// connection and belongs to the thread that opened it. Every write is one transaction; bulk operator actions run in
// batches of kBatchSize ids, each batch its own transaction, so a big retry never holds the database for long.
class TaskStore
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    static constexpr int kBatchSize = 500;

    static Result<std::unique_ptr<TaskStore>> open(const Locator& locator, StoreOptions options = {},
                                                   SchemaMode mode = SchemaMode::Require);
    ~TaskStore();
    TaskStore(const TaskStore&) = delete;
    TaskStore& operator=(const TaskStore&) = delete;

    const Locator& locator() const;
    const Dialect& dialect() const;
    // For the caller's own statements inside transaction().
    QSqlDatabase database() const;
    SchemaInfo schemaInfo() const { return m_schema; }
    // Opened with ReadOnlyIfTooNew on a schema this build does not understand: every write is refused.
    bool isReadOnly() const { return m_readOnly; }
    // Why this account may not change tasks here (its database role, a read-only SQLite file), or empty when it
    // may (or when the database did not say): one statement that changes nothing, in a transaction rolled back.
    QString probeWriteAccess();
    static int binaryVersionFor(const Dialect& dialect);

    // Runs body in one write transaction; store calls inside it join that transaction (transactional enqueue).
    // The transaction commits when body returns success and rolls back otherwise.
    Status transaction(const std::function<Status()>& body);

    Result<EnqueueResult> enqueue(const EnqueueRequest& request);
    // All or nothing: one invalid request fails the batch before anything is written.
    Result<QList<EnqueueResult>> enqueueBatch(const QList<EnqueueRequest>& requests);

    // Claims up to limit ready tasks in priority order, counting the attempt now, under a lease of leaseMs.
    Result<QList<ClaimedTask>> claim(const ClaimRequest& request);
    // Records outcomes, each only if workerId still holds that task's lease for that attempt (fencing).
    // An operator's "run now": makes one pending (also scheduled), failed or cancelled task runnable at once and
    // claims it for this worker in the same transaction, so no other worker takes it first. Recorded in the audit
    // log. Fails with a reason when the task is running, finished, gone, or its queue is paused or at its limit.
    Result<ClaimedTask> claimTaskNow(const QString& workerId, qint64 taskId, qint64 leaseMs);
    Result<CompletionReport> complete(const QString& workerId, const QList<Completion>& completions);
    Result<LeaseReport> extendLeases(const QString& workerId, const QList<qint64>& taskIds, qint64 leaseMs);
    // Returns tasks whose lease expired to pending (or failed / cancelled) and records a `lost` run for each.
    Result<QList<RescuedTask>> rescueExpiredLeases(int limit = 100);

    // The ids matching a filter now: bulk actions apply to this snapshot, not to whatever matches later.
    Result<QList<qint64>> selectTaskIds(const TaskFilter& filter);
    Result<qint64> retryTasks(const QList<qint64>& ids, const QString& description = {},
                              const ProgressCallback& progress = {});
    Result<qint64> deleteTasks(const QList<qint64>& ids, const QString& description = {},
                               const ProgressCallback& progress = {});
    Result<CancelReport> cancelTasks(const QList<qint64>& ids, const QString& description = {},
                                     const ProgressCallback& progress = {});
    Result<CancelReport> cancelByUniqueKey(const QString& uniqueKey);
    // A paused queue keeps its tasks but no worker claims them until it is resumed.
    Status setQueuePaused(const QString& queue, bool paused);
    Status updateQueue(const QString& queue, const QueueUpdate& update);
    Result<QList<QueueSettings>> queues();

    // Workers register themselves, beat while they live, and leave; a worker whose heartbeat is older than the
    // staleness limit is gone (its tasks are rescued through their leases).
    Status registerWorker(const WorkerInfo& worker);
    Status workerHeartbeat(const QString& workerId, int inFlight, bool stopping);
    Status unregisterWorker(const QString& workerId);
    Result<qint64> removeStaleWorkers(qint64 silentForMs);
    Result<QList<WorkerInfo>> workers();
    // Handlers of pending tasks that no registered worker offers: those tasks would wait forever.
    Result<QStringList> handlersWithoutWorker();
    // Per queue, how long its oldest runnable task has waited past its run time (database clock).
    Result<QList<QPair<QString, qint64>>> queueLagMs();

    Status updateProgress(const QString& workerId, const QList<ProgressUpdate>& updates);
    // Hands claimed tasks that never started back to the queue without using up their attempt.
    Result<QList<qint64>> releaseTasks(const QString& workerId, const QList<ClaimedTask>& tasks);

    Result<std::optional<TaskDetails>> task(qint64 id);
    Result<TaskPage> listTasks(const TaskQuery& query);
    // The index that answers literal text searches without reading every task, where the database has one
    // (PostgreSQL: pg_trgm): whether it is in place, and building or removing it. Building reads every task but
    // does not stop workers or producers; it makes each enqueue dearer (about three times the index work), so it is
    // the operator's choice. Not inside a transaction; progress gets a line per step. Audited as "search_index".
    Result<bool> searchIndexed();
    Status setSearchIndexed(bool indexed, const std::function<void(const QString&)>& progress = {});
    // countTasks() without the succeeded tasks, from the counts that triggers keep (and the scheduled tasks off the
    // state index), so it stays fast at millions of rows.
    Result<QList<StateCount>> countUnfinishedTasks();
    Result<QList<StateCount>> countTasks();
    // Part of a maintenance pass (also callable alone): folds the rows the count triggers appended into one per
    // queue and key, returning how many it folded (0 where the triggers update their rows in place).
    Result<qint64> foldTaskCounts();
    // Runs, durations and latencies since a time, summed per bucket of bucketMs (a whole number of minutes; each
    // row's minute is its bucket's start, buckets aligned to the epoch), queue and outcome.
    Result<QList<StatsRow>> stats(const QDateTime& since, qint64 bucketMs = 60'000);
    Result<QDateTime> databaseTime();

    // Recurring schedules (see CronExpression). Changes are recorded in the audit log.
    Result<Schedule> addSchedule(const ScheduleDefinition& definition);
    Result<QList<Schedule>> schedules();
    Result<std::optional<Schedule>> schedule(const QString& name);
    // Enabling starts from the next occurrence after now: occurrences while disabled are not made up.
    Status setScheduleEnabled(const QString& name, bool enabled);
    Status removeSchedule(const QString& name);
    // One task now, outside the schedule's rhythm (its next occurrence stays as it is).
    Result<EnqueueResult> runScheduleNow(const QString& name);
    // Enqueues one task for each due occurrence and advances each schedule by compare-and-set in the same
    // transaction: however many workers call this at once, an occurrence becomes exactly one task. An occurrence
    // more than kOnTimeMs late is missed, and its schedule's policy decides (skip, or one task now).
    static constexpr qint64 kOnTimeMs = 60'000;
    Result<ScheduleReport> fireDueSchedules(int limit = 100);

    // Event fan-out: publishing an event enqueues one task per subscription, all in one transaction.
    Status subscribe(const Subscription& subscription);
    Status unsubscribe(const QString& event, const QString& handler);
    Result<QList<Subscription>> subscriptions(const QString& event = {});
    Result<QList<EnqueueResult>> publish(const QString& event, const QString& payload);

    // Retention, shared by the whole fleet (stored in the database).
    Result<RetentionSettings> retention();
    Status setRetention(const RetentionSettings& settings);
    // One pass of pruning in batches of kBatchSize rows, at most batchBudget batches, by whichever worker holds
    // the maintenance lease (tookTurn false for the others). Failed and cancelled tasks are never touched.
    Result<PruneReport> prune(const QString& workerId, int batchBudget = 20);
    Status releaseMaintenance(const QString& workerId);

    // An operator's "edit and re-enqueue": the edited copy replaces the task in one transaction (audited as "edit").
    // A running task is refused: cancel it first.
    Result<EnqueueResult> replaceTask(qint64 taskId, const EnqueueRequest& copy);

    // The audit log, newest first; beforeId pages back (0: from the newest).
    Result<QList<OperatorAction>> operatorActions(int limit = 100, qint64 beforeId = 0);
    // Tells a task that succeeded and was removed from one that never existed.
    Result<TaskFate> taskFate(qint64 id);

private:
    class WriteScope;
    enum class BulkAction {
        Retry,
        Delete,
        Cancel,
    };

    TaskStore(std::unique_ptr<DatabaseConnection> connection, StoreOptions options);

    Status ensureSchema(SchemaMode mode);
    Result<SchemaInfo> readSchemaInfo();
    Status migrate();

    Result<QSqlQuery*> prepare(const QString& sqlTemplate, int idSlots = 0);
    Result<QSqlQuery*> prepare(Sql statement, int idSlots = 0);
    // Drops a statement prepare() keeps, so that the next prepare() makes it anew.
    void forgetStatement(const QSqlQuery* query);
    void forgetAllStatements();
    enum class OnFailure {
        DoomTransaction,
        KeepTransaction, // only where the dialect says a failed statement leaves the transaction intact
    };
    Status exec(QSqlQuery& query, const QString& what, OnFailure onFailure = OnFailure::DoomTransaction);
    Error permissionDenied(const QString& what, const QString& driverText) const;
    // The database account for messages: the locator's user, else "this account" (a DSN may hold it).
    QString accountName() const;
    Result<std::optional<qint64>> taskIdByUniqueKey(const QString& uniqueKey);
    Result<QList<ClaimedTask>> readClaimedRows(QSqlQuery& query);
    static QList<ClaimedTask> sortedInClaimOrder(QList<ClaimedTask> claimed);
    Result<QList<ClaimedTask>> claimRows(const ClaimRequest& request, const QStringList& queues,
                                         const QStringList& excludedQueues, int limit, bool skipLimitedQueues = false);
    Status ensureQueue(const QString& queue);
    void bindIds(QSqlQuery& query, const QList<qint64>& ids, int slotCount);
    Status beginWrite();
    // Refuses a write to a database whose schema is newer than this build understands.
    Status checkWritable() const;
    Status commitWrite();
    void rollbackWrite();
    // Tasks [from, to) of requests one statement each (Sql::InsertTask, prepared once), into results[from, to).
    Status insertTasksOneByOne(const QList<EnqueueRequest>& requests, qsizetype from, qsizetype to,
                               QList<EnqueueResult>& results);
    // One task with the prepared Sql::InsertTask, in the caller's transaction; a taken unique key answers with its
    // holder's id.
    Result<EnqueueResult> insertTask(QSqlQuery& insert, const EnqueueRequest& request);
    // enqueueBatch()'s inserts in statements of many rows, where the dialect has them: the tasks as one array per
    // field (insertTasksFromArraysSql()) or as one JSON text; row by row where it has none for a part of the batch
    // with unique keys.
    Result<QList<EnqueueResult>> insertTasksInStatements(const QList<EnqueueRequest>& requests);
    // The same with the dialect's insertTaskRowsSql(), where it has one: each task's fields bound on their own.
    Result<QList<EnqueueResult>> insertTaskRows(const QList<EnqueueRequest>& requests);
    // Successes finished (removed, with retention 0) by the dialect's statements that take (id, attempt) pairs;
    // the ids they applied to go into applied.
    Status finishSucceededByPairs(const QString& workerId, const QList<const Completion*>& successes, bool remove,
                                  QSet<qint64>& applied);
    // The tasks of a batch that were not inserted (results[i].id still 0) get the id of the task that holds their
    // unique key; a task without one that was not inserted is an error.
    Status answerSkippedTasks(const QList<EnqueueRequest>& requests, QList<EnqueueResult>& results);
    // The task list's statement for filter (shape gets the filter's part; the caller sets the rest), prepared and
    // with the filter's values bound.
    Result<QSqlQuery*> prepareTaskList(const TaskFilter& filter, ListShape& shape);
    // The literal-search indexes that exist: (valid ones, all of them).
    Result<std::pair<qint64, qint64>> searchIndexCount();
    // Part of a maintenance pass, once a day, where the database keeps no planner statistics by itself.
    Status refreshPlannerStatisticsIfDue();
    Status insertOperatorAction(const QString& action, qint64 count, const QString& detail);
    Result<QHash<QString, RetryPolicy>> queuePolicies();
    RetryPolicy policyFor(const QHash<QString, RetryPolicy>& policies, const QString& queue) const;
    double nextRandom() const;
    Result<qint64> applyBulk(BulkAction action, const QList<qint64>& ids, const QString& description,
                             const ProgressCallback& progress, CancelReport* cancelReport);
    Task readTask(const QSqlQuery& query) const;
    QVariant timeOrNull(const QDateTime& time) const;
    QVariant textOrNull(const QString& text) const;
    Schedule readSchedule(const QSqlQuery& query) const;
    Result<QList<Schedule>> readSchedules(Sql statement, const QString& name, int limit);
    Status setSetting(const QString& name, const QString& value);
    // The succeeded-task retention, re-read at most every few seconds (completions consult it).
    bool removeSucceededAtOnce();
    Result<qint64> pruneIds(Sql select, Sql remove, qint64 ageMs, int& budget);

    std::unique_ptr<DatabaseConnection> m_connection;
    StoreOptions m_options;
    SchemaInfo m_schema;
    bool m_readOnly = false;
    int m_transactionDepth = 0;
    std::optional<qint64> m_succeededRetentionMs;
    qint64 m_retentionReadAtMs = 0; // monotonic, for the cache above
    // Whether a queue had a concurrency limit when a claim last read them, and when (monotonic): claims take one
    // statement instead of a locked transaction while none had (TaskStore::claim). Unknown until read.
    bool m_limitedQueuesSeen = true;
    qint64 m_limitsReadAtMs = 0;
    bool m_rollbackOnly = false;
    bool m_wakeLocalWorkers = false; // runnable tasks written: announce them (LocalWakeups) at the outermost commit
    // Prepared statements by final SQL text. Declared after the connection so they are destroyed before it.
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    // The same statements found by name, without building and hashing their text on every call.
    std::unordered_map<Sql, QSqlQuery*> m_statementsBySql;
};

} // namespace taskdeck
