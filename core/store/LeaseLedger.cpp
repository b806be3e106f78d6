#include "store/LeaseLedger.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "store/Maintenance.h"
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
        !m_session.inTransaction() && request.taskId == 0 && m_session.dialect().loneClaimMayAutocommit()) {
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
    auto lock = m_session.prepare(Sql::LockLimitedQueues);
    if (!lock)
        return lock.error();
    if (auto s = m_session.exec(**lock, tr("read queue limits")); !s)
        return s.error();
    QList<QPair<QString, int>> limits;
    while ((*lock)->next())
        limits.append({m_session.dialect().readText((*lock)->value(0)), (*lock)->value(1).toInt()});
    (*lock)->finish();
    m_session.limitedQueuesSeen = !limits.isEmpty();
    m_session.limitsReadAtMs = nowMs;

    QList<ClaimedTask> claimed;
    if (limits.isEmpty()) {
        auto rows = claimRows(request, request.queues, {}, request.limit);
        if (!rows)
            return rows.error();
        claimed = std::move(*rows);
    } else {
        auto count = m_session.prepare(Sql::CountRunningByQueue);
        if (!count)
            return count.error();
        if (auto s = m_session.exec(**count, tr("count running tasks")); !s)
            return s.error();
        QHash<QString, int> running;
        while ((*count)->next())
            running.insert(m_session.dialect().readText((*count)->value(0)), (*count)->value(1).toInt());
        (*count)->finish();
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
        auto retry = m_session.prepare(Sql::RetryTasks, 1);
        if (!retry)
            return retry.error();
        m_session.bindIds(**retry, {taskId}, 1);
        (*retry)->bindValue(QStringLiteral(":default_max_attempts"), m_session.options().retryPolicy.maxAttempts);
        if (auto s = m_session.exec(**retry, tr("make task %1 runnable").arg(taskId)); !s)
            return s.error();
        break;
    }
    case TaskState::Pending: {
        auto runnable = m_session.prepare(Sql::MakeRunnableNow);
        if (!runnable)
            return runnable.error();
        (*runnable)->bindValue(QStringLiteral(":id"), static_cast<qlonglong>(taskId));
        if (auto s = m_session.exec(**runnable, tr("make task %1 runnable").arg(taskId)); !s)
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
            q.bindValue(QLatin1String(":queue") + QString::number(i), m_session.dialect().textValue(queues.at(i)));
        for (qsizetype i = 0; i < excludedQueues.size(); ++i)
            q.bindValue(QLatin1String(":xqueue") + QString::number(i),
                        m_session.dialect().textValue(excludedQueues.at(i)));
        for (qsizetype i = 0; i < request.handlers.size(); ++i)
            q.bindValue(QLatin1String(":handler") + QString::number(i),
                        m_session.dialect().textValue(request.handlers.at(i)));
    };
    QList<ClaimedTask> claimed;
    const QString singleStatement = m_session.dialect().claimSql(shape);
    if (!singleStatement.isEmpty()) {
        auto claim = m_session.prepare(singleStatement);
        if (!claim)
            return claim.error();
        QSqlQuery& q = **claim;
        q.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(request.workerId));
        q.bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(request.leaseMs));
        bindFilters(q);
        if (auto s = m_session.exec(q, tr("claim tasks")); !s)
            return s.error();
        auto rows = readClaimedRows(q);
        if (!rows)
            return rows.error();
        claimed = std::move(*rows);
    } else {
        // Lock the next ready rows (skipping those other workers hold), mark them, then read them back.
        auto lock = m_session.prepare(m_session.dialect().claimLockSql(shape));
        if (!lock)
            return lock.error();
        bindFilters(**lock);
        if (auto s = m_session.exec(**lock, tr("claim tasks")); !s)
            return s.error();
        QList<qint64> ids;
        while ((*lock)->next())
            ids << (*lock)->value(0).toLongLong();
        (*lock)->finish();
        if (!ids.isEmpty()) {
            const int slotCount = idSlotsFor(ids.size());
            auto mark = m_session.prepare(Sql::ClaimByIds, slotCount);
            if (!mark)
                return mark.error();
            m_session.bindIds(**mark, ids, slotCount);
            (*mark)->bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(request.workerId));
            (*mark)->bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(request.leaseMs));
            if (auto s = m_session.exec(**mark, tr("claim tasks")); !s)
                return s.error();
            auto read = m_session.prepare(Sql::SelectClaimedByIds, slotCount);
            if (!read)
                return read.error();
            m_session.bindIds(**read, ids, slotCount);
            if (auto s = m_session.exec(**read, tr("read claimed tasks")); !s)
                return s.error();
            auto rows = readClaimedRows(**read);
            if (!rows)
                return rows.error();
            claimed = std::move(*rows);
        }
    }
    return claimed;
}

Result<QList<ClaimedTask>> LeaseLedger::readClaimedRows(QSqlQuery& q)
{
    QList<ClaimedTask> claimed;
    while (q.next()) {
        ClaimedTask task;
        task.id = q.value(0).toLongLong();
        task.queue = m_session.dialect().readText(q.value(1));
        task.handler = m_session.dialect().readText(q.value(2));
        task.payload = m_session.dialect().readText(q.value(3));
        task.priority = q.value(4).toInt();
        task.attempt = q.value(5).toInt();
        task.maxAttempts = q.value(6).toInt();
        if (!q.value(7).isNull())
            task.timeoutS = q.value(7).toInt();
        task.runAt = m_session.dialect().readTime(q.value(8));
        task.startedAt = m_session.dialect().readTime(q.value(9));
        task.lockedUntil = m_session.dialect().readTime(q.value(10));
        task.createdAt = m_session.dialect().readTime(q.value(11));
        claimed << task;
    }
    q.finish();
    return claimed;
}

Status LeaseLedger::finishSucceededByPairs(const QString& workerId, const QList<const Completion*>& successes,
                                           bool remove, QSet<qint64>& applied)
{
    // Statements of 8, 64 or 512 tasks, a smaller batch repeating its last task: three statements of each kind to
    // prepare once and keep, whatever the batches' sizes.
    constexpr int kMaxRows = 512;
    static const QStringList names = [] {
        QStringList list;
        for (int row = 0; row < kMaxRows; ++row) {
            for (const char* field : {":i", ":a", ":c", ":r"})
                list << QLatin1String(field) + QString::number(row);
        }
        return list;
    }();
    QStringList results;
    for (qsizetype start = 0; start < successes.size();) {
        // Kept results go in the statement: as many tasks as fit in kMaxResultSizePerStatement, at least one.
        qsizetype count = 0;
        qsizetype resultChars = 0;
        results.clear();
        while (start + count < successes.size() && count < kMaxRows) {
            if (!remove) {
                QString result = sanitizeResultJson(successes.at(start + count)->resultJson);
                resultChars += result.size();
                if (count > 0 && resultChars > kMaxResultSizePerStatement)
                    break;
                results << std::move(result);
            }
            ++count;
        }
        int rows = 8;
        while (rows < count)
            rows *= 8;
        auto bindPairs = [&](QSqlQuery& q, bool withResults) {
            for (int row = 0; row < rows; ++row) {
                const qsizetype index = std::min<qsizetype>(row, count - 1);
                const Completion& c = *successes.at(start + index);
                q.bindValue(names.at(4 * row), static_cast<qlonglong>(c.taskId));
                q.bindValue(names.at(4 * row + 1), c.attempt);
                if (withResults) {
                    q.bindValue(names.at(4 * row + 2), static_cast<qlonglong>(c.taskId));
                    q.bindValue(names.at(4 * row + 3), m_session.textOrNull(results.at(index)));
                }
            }
            q.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        };
        // Removed: one DELETE that returns what it removed. Kept: the fenced tasks locked and read, then finished
        // by a second statement, which changes exactly those (nobody else can while they are locked).
        auto first = m_session.prepare(remove ? m_session.dialect().removeSucceededByPairsSql(rows)
                                              : m_session.dialect().lockSucceededByPairsSql(rows));
        if (!first)
            return first.error();
        bindPairs(**first, false);
        if (auto s = m_session.exec(**first, tr("record the outcome of %1 tasks").arg(count)); !s)
            return s.error();
        qsizetype matched = 0;
        while ((*first)->next()) {
            applied.insert((*first)->value(0).toLongLong());
            ++matched;
        }
        (*first)->finish();
        if (!remove && matched > 0) {
            auto finish = m_session.prepare(m_session.dialect().finishSucceededByPairsSql(rows));
            if (!finish)
                return finish.error();
            bindPairs(**finish, true);
            if (auto s = m_session.exec(**finish, tr("record the outcome of %1 tasks").arg(count)); !s)
                return s.error();
            (*finish)->finish();
        }
        start += count;
    }
    return {};
}

Result<CompletionReport> LeaseLedger::complete(const QString& workerId, const QList<Completion>& completions)
{
    CompletionReport report;
    if (completions.isEmpty())
        return report;
    for (const Completion& c : completions) {
        if (c.outcome == RunOutcome::Lost)
            return makeError(ErrorCode::InvalidArgument, tr("a worker cannot report a run as lost"));
    }
    const bool anyFailure = std::any_of(completions.cbegin(), completions.cend(), [](const Completion& c) {
        return c.outcome == RunOutcome::Failed || c.outcome == RunOutcome::TimedOut;
    });

    const bool anySuccess = std::any_of(completions.cbegin(), completions.cend(),
                                        [](const Completion& c) { return c.outcome == RunOutcome::Succeeded; });
    // Retention 0 (the seed design's "delete the job on success"): the row goes at once; runs and stats remain.
    const bool removeOnSuccess = anySuccess && !m_session.inTransaction() && m_maintenance.removeSucceededAtOnce();

    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    QHash<QString, RetryPolicy> policies;
    if (anyFailure) {
        auto loaded = m_session.queuePolicies();
        if (!loaded)
            return loaded.error();
        policies = std::move(*loaded);
    }
    auto succeeded = m_session.prepare(removeOnSuccess ? Sql::DeleteSucceededFenced : Sql::FinishSucceeded);
    auto failed = m_session.prepare(Sql::FinishFailed);
    auto cancelled = m_session.prepare(Sql::FinishCancelled);
    auto insertRun = m_session.prepare(Sql::InsertRun);
    auto upsertStats = m_session.prepare(Sql::UpsertStats);
    for (const auto* prepared : {&succeeded, &failed, &cancelled, &insertRun, &upsertStats}) {
        if (!*prepared)
            return prepared->error();
    }

    struct Totals
    {
        qint64 count = 0;
        qint64 durationMs = 0;
        qint64 latencyMs = 0;
    };
    std::map<std::pair<QString, QString>, Totals> totals;
    auto addToTotals = [&totals](const Completion& c) {
        Totals& t = totals[{c.queue, outcomeName(c.outcome)}];
        ++t.count;
        t.durationMs += c.durationMs;
        t.latencyMs += c.queueLatencyMs;
    };

    // Successes, the common case, in one fenced statement per chunk where the database returns the ids it changed:
    // a round trip per chunk instead of one per task.
    QList<const Completion*> successes;
    for (const Completion& c : completions) {
        if (c.outcome == RunOutcome::Succeeded)
            successes << &c;
    }
    const QString successesSql = m_session.dialect().finishSucceededFromJsonSql(removeOnSuccess);
    const bool pairsSuccesses = successesSql.isEmpty() && successes.size() > 1 &&
        !(removeOnSuccess ? m_session.dialect().removeSucceededByPairsSql(1)
                          : m_session.dialect().lockSucceededByPairsSql(1))
             .isEmpty();
    const bool bulkSuccesses = successes.size() > 1 && (!successesSql.isEmpty() || pairsSuccesses);
    QSet<qint64> appliedInBulk;
    if (pairsSuccesses) {
        if (auto s = finishSucceededByPairs(workerId, successes, removeOnSuccess, appliedInBulk); !s)
            return s.error();
    } else if (bulkSuccesses) {
        // Chunks of at most TaskStore::kBatchSize tasks or kMaxResultSizePerStatement bytes of JSON, whichever comes
        // first.
        auto many = m_session.prepare(successesSql);
        if (!many)
            return many.error();
        QSqlQuery& q = **many;
        QByteArray json;
        for (qsizetype start = 0; start < successes.size();) {
            json.clear();
            json += '[';
            qsizetype end = start;
            for (; end < successes.size() && end - start < TaskStore::kBatchSize &&
                 json.size() < kMaxResultSizePerStatement;
                 ++end) {
                const Completion& c = *successes.at(end);
                if (end > start)
                    json += ',';
                json += "{\"i\":";
                json += QByteArray::number(c.taskId);
                json += ",\"a\":";
                json += QByteArray::number(c.attempt);
                const QString result = removeOnSuccess ? QString() : sanitizeResultJson(c.resultJson);
                if (!result.isEmpty()) {
                    json += ",\"r\":";
                    appendJsonString(json, result);
                }
                json += '}';
            }
            json += ']';
            q.bindValue(QStringLiteral(":rows"), m_session.dialect().textValue(QString::fromUtf8(json)));
            q.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
            if (auto s = m_session.exec(q, tr("record the outcome of %1 tasks").arg(end - start)); !s)
                return s.error();
            while (q.next())
                appliedInBulk.insert(q.value(0).toLongLong());
            q.finish();
            start = end;
        }
    }

    // Runs are written after the outcomes: where round trips cost, a few multi-row INSERTs instead of one per task.
    struct RunRow
    {
        const Completion* completion;
        QString message;
    };
    QList<RunRow> runRows;

    for (const Completion& c : completions) {
        QSqlQuery* q = nullptr;
        const QString message = sanitizeHandlerText(c.message);
        if (c.outcome == RunOutcome::Succeeded && bulkSuccesses) {
            if (!appliedInBulk.contains(c.taskId)) {
                report.fenced << c.taskId;
                continue;
            }
            report.applied << c.taskId;
            if (m_session.options().recordSuccessfulRuns)
                runRows << RunRow{&c, message};
            addToTotals(c);
            continue;
        }
        switch (c.outcome) {
        case RunOutcome::Succeeded:
            q = *succeeded;
            if (!removeOnSuccess)
                q->bindValue(QStringLiteral(":result"), m_session.textOrNull(sanitizeResultJson(c.resultJson)));
            break;
        case RunOutcome::Failed:
        case RunOutcome::TimedOut: {
            q = *failed;
            const qint64 delay = c.retryDelayMs.value_or(
                m_session.policyFor(policies, c.queue).delayMs(c.attempt, m_session.nextRandom()));
            q->bindValue(QStringLiteral(":retryable"), c.retryable ? 1 : 0);
            q->bindValue(QStringLiteral(":delay_ms"), static_cast<qlonglong>(std::max<qint64>(0, delay)));
            q->bindValue(QStringLiteral(":message"), m_session.textOrNull(message));
            q->bindValue(QStringLiteral(":result"), m_session.textOrNull(sanitizeResultJson(c.resultJson)));
            break;
        }
        case RunOutcome::Cancelled:
            q = *cancelled;
            q->bindValue(QStringLiteral(":message"), m_session.textOrNull(message));
            break;
        case RunOutcome::Lost:
            break;
        }
        q->bindValue(QStringLiteral(":id"), static_cast<qlonglong>(c.taskId));
        q->bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        q->bindValue(QStringLiteral(":attempt"), c.attempt);
        if (auto s = m_session.exec(*q, tr("record the outcome of task %1").arg(c.taskId)); !s)
            return s.error();
        if (q->numRowsAffected() != 1) {
            report.fenced << c.taskId;
            continue;
        }
        report.applied << c.taskId;
        if (c.outcome != RunOutcome::Succeeded || m_session.options().recordSuccessfulRuns)
            runRows << RunRow{&c, message};
        addToTotals(c);
    }

    // Chunks of 100, 10 and 1 rows: three statement shapes cover any count with few round trips.
    const bool combine = m_session.dialect().statementsCostRoundTrips();
    for (qsizetype offset = 0; offset < runRows.size();) {
        const qsizetype left = runRows.size() - offset;
        const int rows = !combine ? 1 : left >= 100 ? 100 : left >= 10 ? 10 : 1;
        auto insertRuns = rows == 1 ? insertRun : m_session.prepare(m_session.dialect().insertRunsSql(rows));
        if (!insertRuns)
            return insertRuns.error();
        QSqlQuery& run = **insertRuns;
        for (int i = 0; i < rows; ++i) {
            const RunRow& row = runRows.at(offset + i);
            const Completion& c = *row.completion;
            const QString n = rows == 1 ? QString() : QString::number(i);
            run.bindValue(QLatin1String(":task_id") + n, static_cast<qlonglong>(c.taskId));
            run.bindValue(QLatin1String(":attempt") + n, c.attempt);
            run.bindValue(QLatin1String(":started_at") + n, m_session.timeOrNull(c.startedAt));
            run.bindValue(QLatin1String(":outcome") + n, m_session.dialect().textValue(outcomeName(c.outcome)));
            run.bindValue(QLatin1String(":message") + n, m_session.textOrNull(row.message));
            run.bindValue(QLatin1String(":duration_ms") + n, static_cast<qlonglong>(c.durationMs));
        }
        run.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        if (auto s =
                m_session.exec(run,
                               rows == 1 ? tr("record the run of task %1").arg(runRows.at(offset).completion->taskId)
                                         : tr("record the runs of %1 tasks").arg(rows));
            !s)
            return s.error();
        offset += rows;
    }

    const int shard = int(qHash(workerId) % 8);
    for (const auto& [key, t] : totals) {
        QSqlQuery& q = **upsertStats;
        q.bindValue(QStringLiteral(":queue"), m_session.dialect().textValue(key.first));
        q.bindValue(QStringLiteral(":outcome"), m_session.dialect().textValue(key.second));
        q.bindValue(QStringLiteral(":shard"), shard);
        q.bindValue(QStringLiteral(":hour_shard"), hourShard(shard));
        q.bindValue(QStringLiteral(":count"), static_cast<qlonglong>(t.count));
        q.bindValue(QStringLiteral(":duration_ms"), static_cast<qlonglong>(t.durationMs));
        q.bindValue(QStringLiteral(":latency_ms"), static_cast<qlonglong>(t.latencyMs));
        if (auto s = m_session.exec(q, tr("update the statistics")); !s)
            return s.error();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return report;
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
        auto extend = m_session.prepare(Sql::ExtendLeases, slotCount);
        if (!extend)
            return extend.error();
        m_session.bindIds(**extend, chunk, slotCount);
        (*extend)->bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        (*extend)->bindValue(QStringLiteral(":lease_ms"), static_cast<qlonglong>(leaseMs));
        if (auto s = m_session.exec(**extend, tr("extend leases")); !s)
            return s.error();
        auto states = m_session.prepare(Sql::SelectLeaseStates, slotCount);
        if (!states)
            return states.error();
        QSqlQuery& q = **states;
        m_session.bindIds(q, chunk, slotCount);
        q.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        if (auto s = m_session.exec(q, tr("read lease states")); !s)
            return s.error();
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            held.insert(id);
            if (m_session.dialect().readBool(q.value(1)))
                report.cancelRequested << id;
        }
        q.finish();
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
    auto select = m_session.prepare(Sql::SelectExpiredLeases);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    q.bindValue(QStringLiteral(":limit"), std::clamp(limit, 1, 1000));
    if (auto s = m_session.exec(q, tr("look for expired leases")); !s)
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
    while (q.next()) {
        expired << Expired{q.value(0).toLongLong(),
                           m_session.dialect().readText(q.value(1)),
                           q.value(2).toInt(),
                           q.value(3).toInt(),
                           m_session.dialect().readBool(q.value(4)),
                           m_session.dialect().readText(q.value(5)),
                           m_session.dialect().readTime(q.value(6)),
                           m_session.dialect().readTime(q.value(7))};
    }
    q.finish();
    if (expired.isEmpty()) {
        if (auto s = scope.commit(); !s)
            return s.error();
        return rescued;
    }
    auto policies = m_session.queuePolicies();
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
        r.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(e.worker));
        r.bindValue(QStringLiteral(":attempt"), e.attempts);
        r.bindValue(QStringLiteral(":delay_ms"),
                    static_cast<qlonglong>(
                        m_session.policyFor(*policies, e.queue).delayMs(e.attempts, m_session.nextRandom())));
        r.bindValue(QStringLiteral(":message"), m_session.dialect().textValue(message));
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
        run.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(e.worker));
        run.bindValue(QStringLiteral(":started_at"), m_session.timeOrNull(e.startedAt));
        run.bindValue(QStringLiteral(":outcome"), m_session.dialect().textValue(outcomeName(RunOutcome::Lost)));
        run.bindValue(QStringLiteral(":message"), m_session.dialect().textValue(message));
        run.bindValue(QStringLiteral(":duration_ms"), kNullInt);
        if (auto s = m_session.exec(run, tr("record the lost run of task %1").arg(e.id)); !s)
            return s.error();
        ++lostPerQueue[e.queue];
    }
    for (const auto& [queue, count] : lostPerQueue) {
        QSqlQuery& s = **upsertStats;
        s.bindValue(QStringLiteral(":queue"), m_session.dialect().textValue(queue));
        s.bindValue(QStringLiteral(":outcome"), m_session.dialect().textValue(outcomeName(RunOutcome::Lost)));
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
    auto update = m_session.prepare(Sql::UpdateProgress);
    if (!update)
        return update.error();
    for (const ProgressUpdate& p : updates) {
        QSqlQuery& q = **update;
        q.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(p.taskId));
        q.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        q.bindValue(QStringLiteral(":attempt"), p.attempt);
        q.bindValue(QStringLiteral(":progress"), std::clamp(p.percent, 0, 100));
        q.bindValue(QStringLiteral(":progress_message"), m_session.textOrNull(sanitizeHandlerText(p.message, 1000)));
        if (auto s = m_session.exec(q, tr("record the progress of task %1").arg(p.taskId)); !s)
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
    auto release = m_session.prepare(Sql::ReleaseTask);
    if (!release)
        return release.error();
    for (const ClaimedTask& task : tasks) {
        QSqlQuery& q = **release;
        q.bindValue(QStringLiteral(":id"), static_cast<qlonglong>(task.id));
        q.bindValue(QStringLiteral(":worker"), m_session.dialect().textValue(workerId));
        q.bindValue(QStringLiteral(":attempt"), task.attempt);
        if (auto s = m_session.exec(q, tr("hand back task %1").arg(task.id)); !s)
            return s.error();
        if (q.numRowsAffected() == 1)
            released << task.id;
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return released;
}

} // namespace taskdeck
