#include "store/OperatorActions.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/TaskQueries.h"
#include "store/TaskStore.h"
#include "store/WriteScope.h"

namespace taskdeck {

OperatorActions::OperatorActions(StoreSession& session, TaskQueries& taskQueries)
    : m_session(session)
    , m_queries(taskQueries)
{ }

Result<QList<qint64>> OperatorActions::selectTaskIds(const TaskFilter& filter)
{
    if (auto s = validateFilter(filter); !s)
        return s.error();
    ListShape shape;
    shape.idsOnly = true;
    auto select = m_queries.prepareTaskList(filter, shape);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (auto s = m_session.exec(q, tr("select tasks")); !s)
        return s.error();
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    q.finish();
    if (shape.search)
        m_session.forgetStatement(&q);
    return ids;
}

Result<qint64> OperatorActions::applyBulk(BulkAction action, const QList<qint64>& ids, const QString& description,
                                          const ProgressCallback& progress, CancelReport* cancelReport)
{
    static const char* const names[] = {"retry", "delete", "cancel"};
    const QString actionName = QString::fromLatin1(names[int(action)]);
    qint64 affected = 0;
    for (qsizetype offset = 0; offset < ids.size(); offset += TaskStore::kBatchSize) {
        if (offset > 0 && progress && !progress(offset, ids.size())) {
            // Stopped by the caller between batches: what is done stays done, and the audit log says how far.
            QString detail = tr("stopped after %1 of %2 ids; %3").arg(offset).arg(ids.size()).arg(describeIds(ids));
            if (!description.isEmpty())
                detail = description + QLatin1String("; ") + detail;
            WriteScope scope(m_session);
            if (auto s = scope.begin(); !s)
                return s.error();
            if (auto s = m_session.insertOperatorAction(actionName, affected, detail); !s)
                return s.error();
            if (auto s = scope.commit(); !s)
                return s.error();
            return affected;
        }
        const QList<qint64> chunk = ids.mid(offset, TaskStore::kBatchSize);
        const int slotCount = idSlotsFor(chunk.size());
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        switch (action) {
        case BulkAction::Retry: {
            Statement retry(m_session, Sql::RetryTasks, slotCount);
            retry.bindIds(chunk, slotCount);
            retry.bind(QStringLiteral(":default_max_attempts"), m_session.options().retryPolicy.maxAttempts);
            if (auto s = retry.run(tr("retry tasks")); !s)
                return s.error();
            affected += retry.rowsAffected();
            break;
        }
        case BulkAction::Delete: {
            Statement remove(m_session, Sql::DeleteTasks, slotCount);
            remove.bindIds(chunk, slotCount);
            if (auto s = remove.run(tr("delete tasks")); !s)
                return s.error();
            affected += remove.rowsAffected();
            break;
        }
        case BulkAction::Cancel: {
            auto pending = m_session.prepare(Sql::CancelPendingTasks, slotCount);
            auto running = m_session.prepare(Sql::RequestCancelRunningTasks, slotCount);
            if (!pending)
                return pending.error();
            if (!running)
                return running.error();
            bindIdSlots(**pending, chunk, slotCount);
            (*pending)->bindValue(
                QStringLiteral(":message"),
                m_session.dialect().values().textValue(tr("cancelled by %1").arg(m_session.options().actor)));
            // Row counts are read right after each statement: some drivers report the connection's last one.
            if (auto s = m_session.exec(**pending, tr("cancel tasks")); !s)
                return s.error();
            cancelReport->cancelled += (*pending)->numRowsAffected();
            bindIdSlots(**running, chunk, slotCount);
            if (auto s = m_session.exec(**running, tr("request cancellation of running tasks")); !s)
                return s.error();
            cancelReport->requested += (*running)->numRowsAffected();
            affected = cancelReport->cancelled + cancelReport->requested;
            break;
        }
        }
        const bool last = offset + TaskStore::kBatchSize >= ids.size();
        if (last) {
            QString detail = describeIds(ids);
            if (!description.isEmpty())
                detail = description + QLatin1String("; ") + detail;
            if (auto s = m_session.insertOperatorAction(actionName, affected, detail); !s)
                return s.error();
        }
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    if (progress && !ids.isEmpty())
        progress(ids.size(), ids.size());
    return affected;
}

Result<qint64> OperatorActions::retryTasks(const QList<qint64>& ids, const QString& description,
                                           const ProgressCallback& progress)
{
    m_session.wakeLocalWorkersAtCommit(); // retried tasks run now: wake this process's workers at the first commit
    return applyBulk(BulkAction::Retry, ids, description, progress, nullptr);
}

Result<qint64> OperatorActions::deleteTasks(const QList<qint64>& ids, const QString& description,
                                            const ProgressCallback& progress)
{
    return applyBulk(BulkAction::Delete, ids, description, progress, nullptr);
}

Result<CancelReport> OperatorActions::cancelTasks(const QList<qint64>& ids, const QString& description,
                                                  const ProgressCallback& progress)
{
    CancelReport report;
    auto done = applyBulk(BulkAction::Cancel, ids, description, progress, &report);
    if (!done)
        return done.error();
    return report;
}

Result<CancelReport> OperatorActions::cancelByUniqueKey(const QString& uniqueKey)
{
    if (auto s = validateUniqueKey(uniqueKey); !s)
        return s.error();
    auto holder = m_session.taskIdByUniqueKey(uniqueKey);
    if (!holder)
        return holder.error();
    if (!holder->has_value())
        return makeError(ErrorCode::NotFound, tr("no task has the unique key '%1'").arg(uniqueKey));
    const QList<qint64> ids{**holder};
    return cancelTasks(ids, tr("unique key %1").arg(uniqueKey));
}

Result<QList<OperatorAction>> OperatorActions::operatorActions(int limit, qint64 beforeId)
{
    Statement select(m_session, Sql::SelectOperatorActions);
    select.bind(QStringLiteral(":before_id"),
                static_cast<qlonglong>(beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max()));
    select.bind(QStringLiteral(":limit"), std::clamp(limit, 1, 10'000));
    if (auto s = select.run(tr("read the audit log")); !s)
        return s.error();
    QList<OperatorAction> actions;
    while (select.next()) {
        OperatorAction action;
        action.id = select.integer(AuditColumn::Id);
        action.at = select.time(AuditColumn::At);
        action.actor = select.text(AuditColumn::Actor);
        action.databaseUser = select.text(AuditColumn::DatabaseUser);
        action.action = select.text(AuditColumn::Action);
        action.taskCount = select.integer(AuditColumn::TaskCount);
        action.detail = select.text(AuditColumn::Detail);
        actions << action;
    }
    select.finish();
    return actions;
}

} // namespace taskdeck
