#include "store/LeaseLedger.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "store/Maintenance.h"
#include "store/QueuePolicies.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/TaskQueries.h"
#include "store/TaskStore.h"
#include "store/WriteScope.h"

#include <QDeadlineTimer>
#include <QSet>

#include <algorithm>
#include <map>
#include <utility>

namespace taskdeck {

LeaseLedger::LeaseLedger(StoreSession& session, Maintenance& maintenance, TaskQueries& queries)
    : m_session(session)
    , m_maintenance(maintenance)
    , m_queries(queries)
    , m_completions(session, maintenance)
{ }

Result<QList<ClaimedTask>> LeaseLedger::claim(const ClaimRequest& request)
{
    if (auto s = validateName(tr("worker id"), request.workerId, TextLimits::kHandlerName); !s)
        return s.error();
    if (request.limit < 1 || request.limit > 1000)
        return makeError(ErrorCode::InvalidArgument, tr("a claim takes between 1 and 1000 tasks"));
    if (request.leaseMs < 100)
        return makeError(ErrorCode::InvalidArgument, tr("a lease must last at least 100ms"));
    for (const QString& queue : request.queues) {
        if (auto s = validateName(tr("queue"), queue, TextLimits::kQueueName); !s)
            return s.error();
    }
    for (const QString& handler : request.handlers) {
        if (auto s = validateName(tr("handler"), handler, TextLimits::kHandlerName); !s)
            return s.error();
    }

    // While no queue has a concurrency limit, a claim that is one statement runs on its own: one round trip instead
    // of four (begin, read the limits, claim, commit), on the path from an enqueue to its start. The statement skips
    // every queue that has a limit as it reads them, so a limit set since the queues were last read is never
    // exceeded: that queue's tasks wait at most kLimitsRecheckMs, for the next claim that reads the limits.
    const qint64 nowMs = QDeadlineTimer::current().deadline();
    if (!m_session.limitedQueuesSeen && nowMs - m_session.limitsReadAtMs < kLimitsRecheckMs &&
        !m_session.inTransaction() && request.taskId == 0 && m_session.dialect().traits().loneClaimMayAutocommit) {
        if (auto s = m_session.checkWritable(); !s)
            return s.error();
        auto rows = claimRows(request, request.queues, {}, request.limit, true);
        if (!rows)
            return rows.error();
        return sortedInClaimOrder(std::move(*rows));
    }

    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    // Queues with a concurrency limit: their rows stay locked until this claim commits, so concurrent claims
    // count each other's running tasks and never exceed the limit together.
    Statement lock(m_session, Sql::LockLimitedQueues);
    if (auto s = lock.run(tr("read queue limits")); !s)
        return s.error();
    QList<QPair<QString, int>> limits;
    while (lock.next())
        limits.append({lock.text(0), lock.number(1)});
    lock.finish();
    m_session.limitedQueuesSeen = !limits.isEmpty();
    m_session.limitsReadAtMs = nowMs;

    QList<ClaimedTask> claimed;
    if (limits.isEmpty()) {
        auto rows = claimRows(request, request.queues, {}, request.limit);
        if (!rows)
            return rows.error();
        claimed = std::move(*rows);
    } else {
        Statement count(m_session, Sql::CountRunningByQueue);
        if (auto s = count.run(tr("count running tasks")); !s)
            return s.error();
        QHash<QString, int> running;
        while (count.next())
            running.insert(count.text(0), count.number(1));
        count.finish();
        int remaining = request.limit;
        QStringList limitedNames;
        for (const auto& [queue, limit] : std::as_const(limits)) {
            limitedNames << queue;
            if (!request.queues.isEmpty() && !request.queues.contains(queue))
                continue;
            const int allowance = std::min(remaining, limit - running.value(queue));
            if (allowance <= 0)
                continue;
            auto rows = claimRows(request, {queue}, {}, allowance);
            if (!rows)
                return rows.error();
            remaining -= int(rows->size());
            claimed += *rows;
        }
        QStringList others = request.queues;
        for (const QString& name : std::as_const(limitedNames))
            others.removeAll(name);
        if (remaining > 0 && (request.queues.isEmpty() || !others.isEmpty())) {
            auto rows = claimRows(request, others, request.queues.isEmpty() ? limitedNames : QStringList(), remaining);
            if (!rows)
                return rows.error();
            claimed += *rows;
        }
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return sortedInClaimOrder(std::move(claimed));
}

QList<ClaimedTask> LeaseLedger::sortedInClaimOrder(QList<ClaimedTask> claimed)
{
    std::sort(claimed.begin(), claimed.end(), [](const ClaimedTask& a, const ClaimedTask& b) {
        if (a.priority != b.priority)
            return a.priority > b.priority;
        if (a.runAt != b.runAt)
            return a.runAt < b.runAt;
        return a.id < b.id;
    });
    return claimed;
}

Result<ClaimedTask> LeaseLedger::claimTaskNow(const QString& workerId, qint64 taskId, qint64 leaseMs)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto current = m_queries.task(taskId);
    if (!current)
        return current.error();
    if (!current->has_value())
        return makeError(ErrorCode::NotFound, tr("task %1 does not exist (any more): it was deleted").arg(taskId));
    const Task& found = (*current)->task;
    switch (found.state) {
    case TaskState::Running:
        return makeError(ErrorCode::InvalidArgument,
                         tr("task %1 is already running on %2").arg(taskId).arg(found.lockedBy));
    case TaskState::Succeeded:
        return makeError(ErrorCode::InvalidArgument,
                         tr("task %1 has already succeeded; enqueue a new task to run it again").arg(taskId));
    case TaskState::Failed:
    case TaskState::Cancelled: {
        Statement retry(m_session, Sql::RetryTasks, 1);
        retry.bindIds({taskId}, 1);
        retry.bind(QStringLiteral(":default_max_attempts"), m_session.options().retryPolicy.maxAttempts);
        if (auto s = retry.run(tr("make task %1 runnable").arg(taskId)); !s)
            return s.error();
        break;
    }
    case TaskState::Pending: {
        Statement runnable(m_session, Sql::MakeRunnableNow);
        runnable.bind(QStringLiteral(":id"), static_cast<qlonglong>(taskId));
        if (auto s = runnable.run(tr("make task %1 runnable").arg(taskId)); !s)
            return s.error();
        break;
    }
    }
    ClaimRequest request{workerId, {}, {}, 1, leaseMs};
    request.taskId = taskId;
    auto claimed = claim(request);
    if (!claimed)
        return claimed.error();
    if (claimed->isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("task %1 cannot run now: its queue '%2' is paused or at its concurrency limit")
                             .arg(taskId)
                             .arg(found.queue));
    if (auto s =
            m_session.insertOperatorAction(QStringLiteral("run now"), 1, tr("id %1 on %2").arg(taskId).arg(workerId));
        !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return claimed->constFirst();
}

Result<QList<ClaimedTask>> LeaseLedger::claimRows(const ClaimRequest& request, const QStringList& queues,
                                                  const QStringList& excludedQueues, int limit, bool skipLimitedQueues)
{
    const ClaimShape shape{int(queues.size()), int(request.handlers.size()), int(excludedQueues.size()),
                           request.taskId != 0, skipLimitedQueues};
    auto bindFilters = [&](QSqlQuery& q) {
        q.bindValue(QStringLiteral(":limit"), limit);
        if (request.taskId != 0)
            q.bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(request.taskId));
        for (qsizetype i = 0; i < queues.size(); ++i)
            q.bindValue(QLatin1String(":queue") + QString::number(i),
                        m_session.dialect().values().textValue(queues.at(i)));
        for (qsizetype i = 0; i < excludedQueues.size(); ++i)
            q.bindValue(QLatin1String(":xqueue") + QString::number(i),
                        m_session.dialect().values().textValue(excludedQueues.at(i)));
        for (qsizetype i = 0; i < request.handlers.size(); ++i)
            q.bindValue(QLatin1String(":handler") + QString::number(i),
                        m_session.dialect().values().textValue(request.handlers.at(i)));
    };
    QList<ClaimedTask> claimed;
    if (m_session.dialect().traits().claimMethod == DialectTraits::ClaimMethod::OneStatement) {
        Statement claim(m_session, m_session.dialect().claimSql(shape));
        claim.bindText(QStringLiteral(":worker"), request.workerId);
        claim.bind(QStringLiteral(":lease_ms"), static_cast<qlonglong>(request.leaseMs));
        bindFilters(claim.query());
        if (auto s = claim.run(tr("claim tasks")); !s)
            return s.error();
        auto rows = readClaimedRows(claim);
        if (!rows)
            return rows.error();
        claimed = std::move(*rows);
    } else {
        // Lock the next ready rows (skipping those other workers hold), mark them, then read them back.
        Statement lock(m_session, m_session.dialect().claimLockSql(shape));
        bindFilters(lock.query());
        if (auto s = lock.run(tr("claim tasks")); !s)
            return s.error();
        QList<qint64> ids;
        while (lock.next())
            ids << lock.integer(0);
        lock.finish();
        if (!ids.isEmpty()) {
            const int slotCount = idSlotsFor(ids.size());
            Statement mark(m_session, Sql::ClaimByIds, slotCount);
            mark.bindIds(ids, slotCount);
            mark.bindText(QStringLiteral(":worker"), request.workerId);
            mark.bind(QStringLiteral(":lease_ms"), static_cast<qlonglong>(request.leaseMs));
            if (auto s = mark.run(tr("claim tasks")); !s)
                return s.error();
            Statement read(m_session, Sql::SelectClaimedByIds, slotCount);
            read.bindIds(ids, slotCount);
            if (auto s = read.run(tr("read claimed tasks")); !s)
                return s.error();
            auto rows = readClaimedRows(read);
            if (!rows)
                return rows.error();
            claimed = std::move(*rows);
        }
    }
    return claimed;
}

Result<QList<ClaimedTask>> LeaseLedger::readClaimedRows(Statement& rows)
{
    QList<ClaimedTask> claimed;
    while (rows.next()) {
        ClaimedTask task;
        task.id = rows.integer(ClaimedColumn::Id);
        task.queue = rows.text(ClaimedColumn::Queue);
        task.handler = rows.text(ClaimedColumn::Handler);
        task.payload = rows.text(ClaimedColumn::Payload);
        task.priority = rows.number(ClaimedColumn::Priority);
        task.attempt = rows.number(ClaimedColumn::Attempts);
        task.maxAttempts = rows.number(ClaimedColumn::MaxAttempts);
        task.timeoutS = rows.optionalNumber(ClaimedColumn::TimeoutS);
        task.runAt = rows.time(ClaimedColumn::RunAt);
        task.startedAt = rows.time(ClaimedColumn::StartedAt);
        task.lockedUntil = rows.time(ClaimedColumn::LockedUntil);
        task.createdAt = rows.time(ClaimedColumn::CreatedAt);
        claimed << task;
    }
    rows.finish();
    return claimed;
}

Result<CompletionReport> LeaseLedger::complete(const QString& workerId, const QList<Completion>& completions)
{
    return m_completions.complete(workerId, completions);
}

Result<LeaseReport> LeaseLedger::extendLeases(const QString& workerId, const QList<qint64>& taskIds, qint64 leaseMs)
{
    LeaseReport report;
    if (taskIds.isEmpty())
        return report;
    if (leaseMs < 100)
        return makeError(ErrorCode::InvalidArgument, tr("a lease must last at least 100ms"));
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    QSet<qint64> held;
    for (qsizetype offset = 0; offset < taskIds.size(); offset += TaskStore::kBatchSize) {
        const QList<qint64> chunk = taskIds.mid(offset, TaskStore::kBatchSize);
        const int slotCount = idSlotsFor(chunk.size());
        Statement extend(m_session, Sql::ExtendLeases, slotCount);
        extend.bindIds(chunk, slotCount);
        extend.bindText(QStringLiteral(":worker"), workerId);
        extend.bind(QStringLiteral(":lease_ms"), static_cast<qlonglong>(leaseMs));
        if (auto s = extend.run(tr("extend leases")); !s)
            return s.error();
        Statement states(m_session, Sql::SelectLeaseStates, slotCount);
        states.bindIds(chunk, slotCount);
        states.bindText(QStringLiteral(":worker"), workerId);
        if (auto s = states.run(tr("read lease states")); !s)
            return s.error();
        while (states.next()) {
            const qint64 id = states.integer(0);
            held.insert(id);
            if (states.flag(1))
                report.cancelRequested << id;
        }
        states.finish();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    for (qint64 id : taskIds) {
        if (held.contains(id))
            report.held << id;
        else
            report.lost << id;
    }
    return report;
}

Result<QList<RescuedTask>> LeaseLedger::rescueExpiredLeases(int limit)
{
    QList<RescuedTask> rescued;
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    Statement select(m_session, Sql::SelectExpiredLeases);
    select.bind(QStringLiteral(":limit"), std::clamp(limit, 1, 1000));
    if (auto s = select.run(tr("look for expired leases")); !s)
        return s.error();
    struct Expired
    {
        qint64 id;
        QString worker;
        int attempts;
        int maxAttempts;
        bool cancelRequested;
        QString queue;
        QDateTime startedAt;
        QDateTime runAt;
    };
    QList<Expired> expired;
    while (select.next()) {
        expired << Expired{select.integer(0), select.text(1), select.number(2), select.number(3),
                           select.flag(4),    select.text(5), select.time(6),   select.time(7)};
    }
    select.finish();
    if (expired.isEmpty()) {
        if (auto s = scope.commit(); !s)
            return s.error();
        return rescued;
    }
    auto policies = QueuePolicies::read(m_session);
    if (!policies)
        return policies.error();
    auto rescue = m_session.prepare(Sql::RescueLease);
    auto insertRun = m_session.prepare(Sql::InsertRun);
    auto upsertStats = m_session.prepare(Sql::UpsertStats);
    for (const auto* prepared : {&rescue, &insertRun, &upsertStats}) {
        if (!*prepared)
            return prepared->error();
    }
    std::map<QString, qint64> lostPerQueue;
    for (const Expired& e : std::as_const(expired)) {
        const QString message =
            tr("lease expired: worker %1 stopped renewing it (it crashed, hung or lost its connection)").arg(e.worker);
        QSqlQuery& r = **rescue;
        r.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(e.id));
        r.bindValue(QStringLiteral(":worker"), m_session.dialect().values().textValue(e.worker));
        r.bindValue(QStringLiteral(":attempt"), e.attempts);
        r.bindValue(QStringLiteral(":delay_ms"), static_cast<qlonglong>(policies->retryDelayMs(e.queue, e.attempts)));
        r.bindValue(QStringLiteral(":message"), m_session.dialect().values().textValue(message));
        if (auto s = m_session.exec(r, tr("rescue task %1").arg(e.id)); !s)
            return s.error();
        if (r.numRowsAffected() != 1)
            continue; // its worker completed or renewed it meanwhile
        RescuedTask task;
        task.id = e.id;
        task.attempt = e.attempts;
        task.previousWorker = e.worker;
        task.newState = e.cancelRequested ? TaskState::Cancelled
            : e.attempts < e.maxAttempts  ? TaskState::Pending
                                          : TaskState::Failed;
        rescued << task;
        QSqlQuery& run = **insertRun;
        run.bindValue(QStringLiteral(":task_id"), static_cast<qlonglong>(e.id));
        run.bindValue(QStringLiteral(":attempt"), e.attempts);
        run.bindValue(QStringLiteral(":worker"), m_session.dialect().values().textValue(e.worker));
        run.bindValue(QStringLiteral(":started_at"), m_session.dialect().values().timeValue(e.startedAt));
        run.bindValue(QStringLiteral(":outcome"),
                      m_session.dialect().values().textValue(outcomeName(RunOutcome::Lost)));
        run.bindValue(QStringLiteral(":message"), m_session.dialect().values().textValue(message));
        run.bindValue(QStringLiteral(":duration_ms"), kNullInt);
        if (auto s = m_session.exec(run, tr("record the lost run of task %1").arg(e.id)); !s)
            return s.error();
        ++lostPerQueue[e.queue];
    }
    for (const auto& [queue, count] : lostPerQueue) {
        QSqlQuery& s = **upsertStats;
        s.bindValue(QStringLiteral(":queue"), m_session.dialect().values().textValue(queue));
        s.bindValue(QStringLiteral(":outcome"), m_session.dialect().values().textValue(outcomeName(RunOutcome::Lost)));
        s.bindValue(QStringLiteral(":shard"), 0);
        s.bindValue(QStringLiteral(":hour_shard"), hourShard(0));
        s.bindValue(QStringLiteral(":count"), static_cast<qlonglong>(count));
        s.bindValue(QStringLiteral(":duration_ms"), 0);
        s.bindValue(QStringLiteral(":latency_ms"), 0);
        if (auto status = m_session.exec(s, tr("update the statistics")); !status)
            return status.error();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return rescued;
}

Status LeaseLedger::updateProgress(const QString& workerId, const QList<ProgressUpdate>& updates)
{
    if (updates.isEmpty())
        return {};
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement update(m_session, Sql::UpdateProgress);
    for (const ProgressUpdate& p : updates) {
        update.bind(QStringLiteral(":id"), static_cast<qlonglong>(p.taskId));
        update.bindText(QStringLiteral(":worker"), workerId);
        update.bind(QStringLiteral(":attempt"), p.attempt);
        update.bind(QStringLiteral(":progress"), std::clamp(p.percent, 0, 100));
        update.bind(QStringLiteral(":progress_message"),
                    m_session.dialect().values().textOrNull(sanitizeHandlerText(p.message, 1000)));
        if (auto s = update.run(tr("record the progress of task %1").arg(p.taskId)); !s)
            return s;
    }
    return scope.commit();
}

Result<QList<qint64>> LeaseLedger::releaseTasks(const QString& workerId, const QList<ClaimedTask>& tasks)
{
    QList<qint64> released;
    if (tasks.isEmpty())
        return released;
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    Statement release(m_session, Sql::ReleaseTask);
    for (const ClaimedTask& task : tasks) {
        release.bind(QStringLiteral(":id"), static_cast<qlonglong>(task.id));
        release.bindText(QStringLiteral(":worker"), workerId);
        release.bind(QStringLiteral(":attempt"), task.attempt);
        if (auto s = release.run(tr("hand back task %1").arg(task.id)); !s)
            return s.error();
        if (release.rowsAffected() == 1)
            released << task.id;
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return released;
}

} // namespace taskdeck
