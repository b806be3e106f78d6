#include "store/TaskStore.h"

#include "store/Fleet.h"
#include "store/LeaseLedger.h"
#include "store/Maintenance.h"
#include "store/OperatorActions.h"
#include "store/ScheduleBook.h"
#include "store/StoreSession.h"
#include "store/Subscriptions.h"
#include "store/TaskQueries.h"
#include "store/TaskWriter.h"

namespace taskdeck {

Result<std::unique_ptr<TaskStore>> TaskStore::open(const Locator& locator, StoreOptions options, SchemaMode mode)
{
    auto connection = DatabaseConnection::open(
        locator,
        mode == SchemaMode::CreateOrUpgrade ? DatabaseConnection::Create::IfMissing : DatabaseConnection::Create::No);
    if (!connection)
        return connection.error();
    auto session = std::make_unique<StoreSession>(std::move(*connection), std::move(options));
    if (auto status = session->ensureSchema(mode); !status)
        return status.error();
    return std::unique_ptr<TaskStore>(new TaskStore(std::move(session)));
}

TaskStore::TaskStore(std::unique_ptr<StoreSession> session)
    : m_session(std::move(session))
    , m_queries(std::make_unique<TaskQueries>(*m_session))
    , m_maintenance(std::make_unique<Maintenance>(*m_session, *m_queries))
    , m_writer(std::make_unique<TaskWriter>(*m_session, *m_queries))
    , m_ledger(std::make_unique<LeaseLedger>(*m_session, *m_maintenance, *m_queries))
    , m_actions(std::make_unique<OperatorActions>(*m_session, *m_queries))
    , m_fleet(std::make_unique<Fleet>(*m_session))
    , m_schedules(std::make_unique<ScheduleBook>(*m_session, *m_writer))
    , m_subscriptions(std::make_unique<Subscriptions>(*m_session, *m_writer))
    , m_explainer(std::make_unique<TaskExplainer>(*m_session, *m_queries, *m_fleet, *m_actions))
{ }

// The units go before the session whose statements they hold (reverse order of declaration).
TaskStore::~TaskStore() = default;

const Locator& TaskStore::locator() const
{
    return m_session->locator();
}

const Dialect& TaskStore::dialect() const
{
    return m_session->dialect();
}

QSqlDatabase TaskStore::database() const
{
    return m_session->database();
}

SchemaInfo TaskStore::schemaInfo() const
{
    return m_session->schema();
}

bool TaskStore::isReadOnly() const
{
    return m_session->isReadOnly();
}

QString TaskStore::probeWriteAccess()
{
    return m_session->probeWriteAccess();
}

int TaskStore::binaryVersionFor(const Dialect& dialect)
{
    return StoreSession::binaryVersionFor(dialect);
}

Status TaskStore::transaction(const std::function<Status()>& body)
{
    return m_session->transaction(body);
}

Result<EnqueueResult> TaskStore::enqueue(const EnqueueRequest& request)
{
    return m_writer->enqueue(request);
}

Result<QList<EnqueueResult>> TaskStore::enqueueBatch(const QList<EnqueueRequest>& requests)
{
    return m_writer->enqueueBatch(requests);
}

Result<QList<ClaimedTask>> TaskStore::claim(const ClaimRequest& request)
{
    return m_ledger->claim(request);
}

Result<ClaimedTask> TaskStore::claimTaskNow(const QString& workerId, qint64 taskId, qint64 leaseMs)
{
    return m_ledger->claimTaskNow(workerId, taskId, leaseMs);
}

Result<CompletionReport> TaskStore::complete(const QString& workerId, const QList<Completion>& completions)
{
    return m_ledger->complete(workerId, completions);
}

Result<LeaseReport> TaskStore::extendLeases(const QString& workerId, const QList<qint64>& taskIds, qint64 leaseMs)
{
    return m_ledger->extendLeases(workerId, taskIds, leaseMs);
}

Result<QList<RescuedTask>> TaskStore::rescueExpiredLeases(int limit)
{
    return m_ledger->rescueExpiredLeases(limit);
}

Result<QList<qint64>> TaskStore::selectTaskIds(const TaskFilter& filter)
{
    return m_actions->selectTaskIds(filter);
}

Result<qint64> TaskStore::retryTasks(const QList<qint64>& ids, const QString& description,
                                     const ProgressCallback& progress)
{
    return m_actions->retryTasks(ids, description, progress);
}

Result<qint64> TaskStore::deleteTasks(const QList<qint64>& ids, const QString& description,
                                      const ProgressCallback& progress)
{
    return m_actions->deleteTasks(ids, description, progress);
}

Result<CancelReport> TaskStore::cancelTasks(const QList<qint64>& ids, const QString& description,
                                            const ProgressCallback& progress)
{
    return m_actions->cancelTasks(ids, description, progress);
}

Result<CancelReport> TaskStore::cancelByUniqueKey(const QString& uniqueKey)
{
    return m_actions->cancelByUniqueKey(uniqueKey);
}

Status TaskStore::setQueuePaused(const QString& queue, bool paused)
{
    return m_fleet->setQueuePaused(queue, paused);
}

Status TaskStore::updateQueue(const QString& queue, const QueueUpdate& update)
{
    return m_fleet->updateQueue(queue, update);
}

Result<QList<QueueSettings>> TaskStore::queues()
{
    return m_fleet->queues();
}

Status TaskStore::registerWorker(const WorkerInfo& worker)
{
    return m_fleet->registerWorker(worker);
}

Status TaskStore::workerHeartbeat(const QString& workerId, int inFlight, bool stopping)
{
    return m_fleet->workerHeartbeat(workerId, inFlight, stopping);
}

Status TaskStore::unregisterWorker(const QString& workerId)
{
    return m_fleet->unregisterWorker(workerId);
}

Result<qint64> TaskStore::removeStaleWorkers(qint64 silentForMs)
{
    return m_fleet->removeStaleWorkers(silentForMs);
}

Result<QList<WorkerInfo>> TaskStore::workers()
{
    return m_fleet->workers();
}

Result<QStringList> TaskStore::handlersWithoutWorker()
{
    return m_fleet->handlersWithoutWorker();
}

Result<std::pair<QStringList, QStringList>> TaskStore::knownNames()
{
    return m_fleet->knownNames();
}

Result<QList<QPair<QString, qint64>>> TaskStore::queueLagMs()
{
    return m_fleet->queueLagMs();
}

Status TaskStore::updateProgress(const QString& workerId, const QList<ProgressUpdate>& updates)
{
    return m_ledger->updateProgress(workerId, updates);
}

Result<QList<qint64>> TaskStore::releaseTasks(const QString& workerId, const QList<ClaimedTask>& tasks)
{
    return m_ledger->releaseTasks(workerId, tasks);
}

Result<std::optional<TaskDetails>> TaskStore::task(qint64 id)
{
    return m_queries->task(id);
}

Result<TaskPage> TaskStore::listTasks(const TaskQuery& query)
{
    return m_queries->listTasks(query);
}

Result<bool> TaskStore::searchIndexed()
{
    return m_queries->searchIndexed();
}

Status TaskStore::setSearchIndexed(bool indexed, const std::function<void(const QString&)>& progress)
{
    return m_queries->setSearchIndexed(indexed, progress);
}

Result<QList<StateCount>> TaskStore::countUnfinishedTasks()
{
    return m_queries->countUnfinishedTasks();
}

Result<QList<StateCount>> TaskStore::countTasks()
{
    return m_queries->countTasks();
}

Result<qint64> TaskStore::foldTaskCounts()
{
    return m_queries->foldTaskCounts();
}

Result<QList<StatsRow>> TaskStore::stats(const QDateTime& since, qint64 bucketMs)
{
    return m_queries->stats(since, bucketMs);
}

Result<QDateTime> TaskStore::databaseTime()
{
    return m_session->databaseTime();
}

Result<Schedule> TaskStore::addSchedule(const ScheduleDefinition& definition)
{
    return m_schedules->addSchedule(definition);
}

Result<QList<Schedule>> TaskStore::schedules()
{
    return m_schedules->schedules();
}

Result<std::optional<Schedule>> TaskStore::schedule(const QString& name)
{
    return m_schedules->schedule(name);
}

Status TaskStore::setScheduleEnabled(const QString& name, bool enabled)
{
    return m_schedules->setScheduleEnabled(name, enabled);
}

Status TaskStore::removeSchedule(const QString& name)
{
    return m_schedules->removeSchedule(name);
}

Result<EnqueueResult> TaskStore::runScheduleNow(const QString& name)
{
    return m_schedules->runScheduleNow(name);
}

Result<ScheduleReport> TaskStore::fireDueSchedules(int limit)
{
    return m_schedules->fireDueSchedules(limit);
}

Status TaskStore::subscribe(const Subscription& subscription)
{
    return m_subscriptions->subscribe(subscription);
}

Status TaskStore::unsubscribe(const QString& event, const QString& handler)
{
    return m_subscriptions->unsubscribe(event, handler);
}

Result<QList<Subscription>> TaskStore::subscriptions(const QString& event)
{
    return m_subscriptions->subscriptions(event);
}

Result<QList<EnqueueResult>> TaskStore::publish(const QString& event, const QString& payload)
{
    return m_subscriptions->publish(event, payload);
}

Result<RetentionSettings> TaskStore::retention()
{
    return m_maintenance->retention();
}

Status TaskStore::setRetention(const RetentionSettings& settings)
{
    return m_maintenance->setRetention(settings);
}

Status TaskStore::addGeneratedStatistics(const QList<StatsRow>& perMinute)
{
    return m_maintenance->addGeneratedStatistics(perMinute);
}

Result<QDateTime> TaskStore::generatedStatisticsUntil()
{
    return m_maintenance->generatedStatisticsUntil();
}

Result<PruneReport> TaskStore::prune(const QString& workerId, int batchBudget)
{
    return m_maintenance->prune(workerId, batchBudget);
}

Status TaskStore::releaseMaintenance(const QString& workerId)
{
    return m_maintenance->releaseMaintenance(workerId);
}

Result<EnqueueResult> TaskStore::replaceTask(qint64 taskId, const EnqueueRequest& copy)
{
    return m_writer->replaceTask(taskId, copy);
}

Result<QList<OperatorAction>> TaskStore::operatorActions(int limit, qint64 beforeId)
{
    return m_actions->operatorActions(limit, beforeId);
}

Result<TaskFate> TaskStore::taskFate(qint64 id)
{
    return m_queries->taskFate(id);
}

Result<TaskExplanation> TaskStore::explain(qint64 taskId)
{
    return m_explainer->explain(taskId);
}

} // namespace taskdeck
