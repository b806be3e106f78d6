#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class StoreSession;
class TaskQueries;

// Operator actions on sets of tasks: retry, delete and cancel in batches of TaskStore::kBatchSize ids, each batch its
// own transaction and audited; and the audit log itself. A unit of TaskStore (the facade that callers use); it runs its
// statements through the store's StoreSession.
class OperatorActions
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit OperatorActions(StoreSession& session, TaskQueries& taskQueries);

    // The ids matching a filter now: bulk actions apply to this snapshot, not to whatever matches later.
    Result<QList<qint64>> selectTaskIds(const TaskFilter& filter);
    Result<qint64> retryTasks(const QList<qint64>& ids, const QString& description = {},
                              const ProgressCallback& progress = {});
    Result<qint64> deleteTasks(const QList<qint64>& ids, const QString& description = {},
                               const ProgressCallback& progress = {});
    Result<CancelReport> cancelTasks(const QList<qint64>& ids, const QString& description = {},
                                     const ProgressCallback& progress = {});
    Result<CancelReport> cancelByUniqueKey(const QString& uniqueKey);
    // The audit log, newest first; beforeId pages back (0: from the newest).
    Result<QList<OperatorAction>> operatorActions(int limit = 100, qint64 beforeId = 0);

private:
    enum class BulkAction {
        Retry,
        Delete,
        Cancel,
    };
    Result<qint64> applyBulk(BulkAction action, const QList<qint64>& ids, const QString& description,
                             const ProgressCallback& progress, CancelReport* cancelReport);

    StoreSession& m_session;
    TaskQueries& m_queries;
};

} // namespace taskdeck
