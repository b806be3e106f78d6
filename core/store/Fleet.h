#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>
#include <QSet>

namespace taskdeck {

class StoreSession;

// The fleet: queues (pause, limits, defaults) and the workers that register, beat and leave.
// A unit of TaskStore (the facade that callers use); it runs its statements through the store's StoreSession.
class Fleet
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit Fleet(StoreSession& session);

    Status ensureQueue(const QString& queue);
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
    // The queue and handler names an operator may filter by: queues with settings or unfinished tasks, handlers of
    // unfinished tasks or offered by a live worker; sorted.
    Result<std::pair<QStringList, QStringList>> knownNames();
    // Per queue, how long its oldest runnable task has waited past its run time (database clock).
    Result<QList<QPair<QString, qint64>>> queueLagMs();

private:
    // The handlers the live workers offer, together.
    Result<QSet<QString>> offeredHandlers();

    StoreSession& m_session;
};

} // namespace taskdeck
