#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>
#include <QSet>

#include <map>

namespace taskdeck {

class StoreSession;
class Maintenance;

// Records the outcomes of runs, fenced: each only if the worker still holds that task's lease for that attempt. The
// successes of a batch go in as few statements as the dialect allows (DialectTraits::BatchSuccess), the runs in
// multi-row INSERTs where round trips cost, the statistics once per queue and outcome. Part of the lease ledger.
class CompletionWriter
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    CompletionWriter(StoreSession& session, Maintenance& maintenance);

    Result<CompletionReport> complete(const QString& workerId, const QList<Completion>& completions);

private:
    struct Batch;

    // The successes in bulk where the dialect has statements for many; the ids they applied to go to
    // batch.appliedInBulk.
    Status finishSucceededFromJson(Batch& batch, const QList<const Completion*>& successes);
    Status finishSucceededByPairs(Batch& batch, const QList<const Completion*>& successes);
    // Every other outcome, one fenced statement each.
    Status recordOne(Batch& batch, const Completion& completion, const QString& message);
    Status insertRuns(const Batch& batch);
    Status addToStatistics(const Batch& batch);

    StoreSession& m_session;
    Maintenance& m_maintenance;
};

} // namespace taskdeck
