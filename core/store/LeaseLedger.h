#pragma once

#include "store/CompletionWriter.h"
#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class Statement;
class StoreSession;
class Maintenance;
class TaskQueries;

// The lease ledger: claims under a lease, fenced completions, lease renewal, progress, hand-backs and the rescue of
// expired leases. A unit of TaskStore (the facade that callers use); it runs its statements through the store's
// StoreSession.
class LeaseLedger
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit LeaseLedger(StoreSession& session, Maintenance& maintenance, TaskQueries& queries);

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
    Status updateProgress(const QString& workerId, const QList<ProgressUpdate>& updates);
    // Hands claimed tasks that never started back to the queue without using up their attempt.
    Result<QList<qint64>> releaseTasks(const QString& workerId, const QList<ClaimedTask>& tasks);

private:
    static QList<ClaimedTask> sortedInClaimOrder(QList<ClaimedTask> claimed);
    Result<QList<ClaimedTask>> claimRows(const ClaimRequest& request, const QStringList& queues,
                                         const QStringList& excludedQueues, int limit, bool skipLimitedQueues = false);
    Result<QList<ClaimedTask>> readClaimedRows(Statement& rows);
    StoreSession& m_session;
    Maintenance& m_maintenance;
    TaskQueries& m_queries;
    CompletionWriter m_completions;
};

} // namespace taskdeck
