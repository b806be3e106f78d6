#pragma once

#include "db/Locator.h"
#include "store/StoreTypes.h"
#include "store/TaskExplainer.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <memory>

namespace taskdeck {

class Fleet;
class LeaseLedger;
class Maintenance;
class OperatorActions;
class ScheduleBook;
class StoreSession;
class Subscriptions;
class TaskQueries;
class TaskWriter;

// The task queue in a SQL table: the API that the CLI, the console and the executor share. One TaskStore owns one
// connection and belongs to the thread that opened it. Every write is one transaction; bulk operator actions run in
// batches of kBatchSize ids, each batch its own transaction, so a big retry never holds the database for long.
//
// TaskStore is the facade: it only forwards, to units with one reason to change each, all working through one
// StoreSession (connection, schema, statements, transactions, audit): TaskWriter (enqueue), LeaseLedger (claim,
// complete, leases, rescue), OperatorActions (bulk retry/delete/cancel, the audit log), Fleet (queues, workers),
// TaskQueries (tasks, lists, counts, stats, search index), ScheduleBook, Subscriptions and Maintenance (retention,
// pruning). The SQL of each database lives in core/db.
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
    SchemaInfo schemaInfo() const;
    // Opened with ReadOnlyIfTooNew on a schema this build does not understand: every write is refused.
    bool isReadOnly() const;
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
    // An operator's "run now": makes one pending (also scheduled), failed or cancelled task runnable at once and
    // claims it for this worker in the same transaction, so no other worker takes it first. Recorded in the audit
    // log. Fails with a reason when the task is running, finished, gone, or its queue is paused or at its limit.
    Result<ClaimedTask> claimTaskNow(const QString& workerId, qint64 taskId, qint64 leaseMs);
    // Records outcomes, each only if workerId still holds that task's lease for that attempt (fencing).
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
    // The queue and handler names an operator may filter by (queues, handlers); sorted.
    Result<std::pair<QStringList, QStringList>> knownNames();
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
    // Statistics no run produced (the demo's made-up history), and until when the charts show them.
    Status addGeneratedStatistics(const QList<StatsRow>& perMinute);
    Result<QDateTime> generatedStatisticsUntil();

    // An operator's "edit and re-enqueue": the edited copy replaces the task in one transaction (audited as "edit").
    // A running task is refused: cancel it first.
    Result<EnqueueResult> replaceTask(qint64 taskId, const EnqueueRequest& copy);

    // The audit log, newest first; beforeId pages back (0: from the newest).
    Result<QList<OperatorAction>> operatorActions(int limit = 100, qint64 beforeId = 0);
    // Tells a task that succeeded and was removed from one that never existed.
    Result<TaskFate> taskFate(qint64 id);
    // Why the task is where it is — for a waiting one, why it is not running — checked against the database now.
    Result<TaskExplanation> explain(qint64 taskId);

private:
    explicit TaskStore(std::unique_ptr<StoreSession> session);

    std::unique_ptr<StoreSession> m_session;
    std::unique_ptr<TaskQueries> m_queries;
    std::unique_ptr<Maintenance> m_maintenance;
    std::unique_ptr<TaskWriter> m_writer;
    std::unique_ptr<LeaseLedger> m_ledger;
    std::unique_ptr<OperatorActions> m_actions;
    std::unique_ptr<Fleet> m_fleet;
    std::unique_ptr<ScheduleBook> m_schedules;
    std::unique_ptr<Subscriptions> m_subscriptions;
    std::unique_ptr<TaskExplainer> m_explainer;
};

} // namespace taskdeck
