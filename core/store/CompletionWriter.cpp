#include "store/CompletionWriter.h"

#include "common/TextRules.h"
#include "db/BatchBinder.h"
#include "store/Maintenance.h"
#include "store/QueuePolicies.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/TaskStore.h"
#include "store/WriteScope.h"

#include <algorithm>

namespace taskdeck {

// One complete() call: what it decided, and what it has recorded so far.
struct CompletionWriter::Batch
{
    QString workerId;
    // Retention 0 (the seed design's "delete the job on success"): the row goes at once; runs and stats remain.
    bool removeOnSuccess = false;
    QueuePolicies policies; // read when a failure needs its queue's backoff
    CompletionReport report;
    QSet<qint64> appliedInBulk;

    // Runs are written after the outcomes: where round trips cost, a few multi-row INSERTs instead of one per task.
    struct RunRow
    {
        const Completion* completion;
        QString message;
    };
    QList<RunRow> runRows;

    struct Totals
    {
        qint64 count = 0;
        qint64 durationMs = 0;
        qint64 latencyMs = 0;
    };
    std::map<std::pair<QString, QString>, Totals> totals; // by (queue, outcome)

    void applied(const Completion& c, const QString& message, bool recordRun)
    {
        report.applied << c.taskId;
        if (recordRun)
            runRows << RunRow{&c, message};
        Totals& t = totals[{c.queue, outcomeName(c.outcome)}];
        ++t.count;
        t.durationMs += c.durationMs;
        t.latencyMs += c.queueLatencyMs;
    }
};

CompletionWriter::CompletionWriter(StoreSession& session, Maintenance& maintenance)
    : m_session(session)
    , m_maintenance(maintenance)
{ }

Result<CompletionReport> CompletionWriter::complete(const QString& workerId, const QList<Completion>& reported)
{
    if (reported.isEmpty())
        return CompletionReport{};
    for (const Completion& c : reported) {
        if (c.outcome == RunOutcome::Lost)
            return makeError(ErrorCode::InvalidArgument, tr("a worker cannot report a run as lost"));
    }
    // Two attempts of one task in a batch: the worker lost the lease of the earlier one and claimed the task again.
    // Only the latest can hold the lease; the bulk statements tell applied rows by id, so the earlier one is fenced
    // here, before it could be taken for the later one.
    QHash<qint64, int> latestAttempt;
    for (const Completion& c : reported)
        latestAttempt[c.taskId] = std::max(latestAttempt.value(c.taskId), c.attempt);
    QList<Completion> completions;
    QList<qint64> superseded;
    for (const Completion& c : reported) {
        if (c.attempt < latestAttempt.value(c.taskId))
            superseded << c.taskId;
        else
            completions << c;
    }
    const bool anyFailure = std::any_of(completions.cbegin(), completions.cend(), [](const Completion& c) {
        return c.outcome == RunOutcome::Failed || c.outcome == RunOutcome::TimedOut;
    });
    QList<const Completion*> successes;
    for (const Completion& c : completions) {
        if (c.outcome == RunOutcome::Succeeded)
            successes << &c;
    }

    Batch batch;
    batch.workerId = workerId;
    batch.report.fenced = superseded;
    batch.removeOnSuccess = !successes.isEmpty() && !m_session.inTransaction() && m_maintenance.removeSucceededAtOnce();
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    if (anyFailure) {
        auto loaded = QueuePolicies::read(m_session);
        if (!loaded)
            return loaded.error();
        batch.policies = std::move(*loaded);
    }

    // Successes, the common case, in one fenced statement per chunk where the database returns the ids it changed:
    // a round trip per chunk instead of one per task.
    const DialectTraits::BatchSuccess way =
        successes.size() > 1 ? m_session.dialect().traits().batchSuccess : DialectTraits::BatchSuccess::PerTask;
    if (way == DialectTraits::BatchSuccess::FromJson) {
        if (auto s = finishSucceededFromJson(batch, successes); !s)
            return s.error();
    } else if (way == DialectTraits::BatchSuccess::ByPairs) {
        if (auto s = finishSucceededByPairs(batch, successes); !s)
            return s.error();
    }
    const bool recordSuccessfulRuns = m_session.options().recordSuccessfulRuns;
    for (const Completion& c : completions) {
        const QString message = sanitizeHandlerText(c.message);
        if (c.outcome == RunOutcome::Succeeded && way != DialectTraits::BatchSuccess::PerTask) {
            if (batch.appliedInBulk.contains(c.taskId))
                batch.applied(c, message, recordSuccessfulRuns);
            else
                batch.report.fenced << c.taskId;
            continue;
        }
        if (auto s = recordOne(batch, c, message); !s)
            return s.error();
    }
    if (auto s = insertRuns(batch); !s)
        return s.error();
    if (auto s = addToStatistics(batch); !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return batch.report;
}

Status CompletionWriter::finishSucceededFromJson(Batch& batch, const QList<const Completion*>& successes)
{
    Statement many(m_session,
                   m_session.dialect().batchSql(batch.removeOnSuccess ? BatchSql::RemoveSucceededFromJson
                                                                      : BatchSql::FinishSucceededFromJson,
                                                {}));
    // Chunks of at most TaskStore::kBatchSize tasks or kMaxResultSizePerStatement bytes of JSON, whichever comes
    // first.
    QList<SucceededTask> chunk;
    for (qsizetype start = 0; start < successes.size();) {
        chunk.clear();
        qsizetype bytes = 0;
        qsizetype end = start;
        for (; end < successes.size() && end - start < TaskStore::kBatchSize && bytes < kMaxResultSizePerStatement;
             ++end) {
            const Completion& c = *successes.at(end);
            chunk << SucceededTask{c.taskId, c.attempt,
                                   batch.removeOnSuccess ? QString() : sanitizeResultJson(c.resultJson)};
            bytes += BatchBinder::succeededJsonBytes(chunk.constLast());
        }
        BatchBinder::bindSucceeded(many.query(), m_session.dialect(), chunk);
        many.bindText(QStringLiteral(":worker"), batch.workerId);
        if (auto s = many.run(tr("record the outcome of %1 tasks").arg(end - start)); !s)
            return s;
        while (many.next())
            batch.appliedInBulk.insert(many.integer(0));
        many.finish();
        start = end;
    }
    return {};
}

Status CompletionWriter::finishSucceededByPairs(Batch& batch, const QList<const Completion*>& successes)
{
    const bool remove = batch.removeOnSuccess;
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
                    q.bindValue(names.at(4 * row + 3), m_session.dialect().values().textOrNull(results.at(index)));
                }
            }
            q.bindValue(QStringLiteral(":worker"), m_session.dialect().values().textValue(batch.workerId));
        };
        // Removed: one DELETE that returns what it removed. Kept: the fenced tasks locked and read, then finished
        // by a second statement, which changes exactly those (nobody else can while they are locked).
        auto first = m_session.prepare(m_session.dialect().batchSql(
            remove ? BatchSql::RemoveSucceededByPairs : BatchSql::LockSucceededByPairs, {rows, false}));
        if (!first)
            return first.error();
        bindPairs(**first, false);
        if (auto s = m_session.exec(**first, tr("record the outcome of %1 tasks").arg(count)); !s)
            return s.error();
        qsizetype matched = 0;
        while ((*first)->next()) {
            batch.appliedInBulk.insert((*first)->value(0).toLongLong());
            ++matched;
        }
        (*first)->finish();
        if (!remove && matched > 0) {
            Statement finish(m_session, m_session.dialect().batchSql(BatchSql::FinishSucceededByPairs, {rows, false}));
            bindPairs(finish.query(), true);
            if (auto s = finish.run(tr("record the outcome of %1 tasks").arg(count)); !s)
                return s.error();
        }
        start += count;
    }
    return {};
}

Status CompletionWriter::recordOne(Batch& batch, const Completion& c, const QString& message)
{
    const bool failed = c.outcome == RunOutcome::Failed || c.outcome == RunOutcome::TimedOut;
    if (c.outcome == RunOutcome::Lost)
        return makeError(ErrorCode::InvalidArgument, tr("a worker cannot report a run as lost"));
    Statement record(m_session,
                     c.outcome == RunOutcome::Succeeded
                         ? (batch.removeOnSuccess ? Sql::DeleteSucceededFenced : Sql::FinishSucceeded)
                         : failed ? Sql::FinishFailed
                                  : Sql::FinishCancelled);
    if (c.outcome == RunOutcome::Succeeded && !batch.removeOnSuccess)
        record.bindTextOrNull(QStringLiteral(":result"), sanitizeResultJson(c.resultJson));
    if (failed) {
        const qint64 delay = c.retryDelayMs ? *c.retryDelayMs : batch.policies.retryDelayMs(c.queue, c.attempt);
        record.bind(QStringLiteral(":retryable"), c.retryable ? 1 : 0)
            .bind(QStringLiteral(":delay_ms"), std::max<qint64>(0, delay))
            .bindTextOrNull(QStringLiteral(":result"), sanitizeResultJson(c.resultJson));
    }
    if (c.outcome != RunOutcome::Succeeded)
        record.bindTextOrNull(QStringLiteral(":message"), message);
    record.bind(QStringLiteral(":id"), c.taskId)
        .bindText(QStringLiteral(":worker"), batch.workerId)
        .bind(QStringLiteral(":attempt"), c.attempt);
    if (auto s = record.run(tr("record the outcome of task %1").arg(c.taskId)); !s)
        return s;
    if (record.rowsAffected() != 1) {
        batch.report.fenced << c.taskId;
        return {};
    }
    batch.applied(c, message, c.outcome != RunOutcome::Succeeded || m_session.options().recordSuccessfulRuns);
    return {};
}

Status CompletionWriter::insertRuns(const Batch& batch)
{
    // Chunks of 100, 10 and 1 rows: three statement shapes cover any count with few round trips.
    const bool combine = m_session.dialect().traits().statementsCostRoundTrips;
    const auto& runRows = batch.runRows;
    for (qsizetype offset = 0; offset < runRows.size();) {
        const qsizetype left = runRows.size() - offset;
        const int rows = !combine ? 1 : left >= 100 ? 100 : left >= 10 ? 10 : 1;
        auto insert = rows == 1 ? m_session.prepare(Sql::InsertRun)
                                : m_session.prepare(m_session.dialect().batchSql(BatchSql::InsertRuns, {rows, false}));
        if (!insert)
            return insert.error();
        QSqlQuery& run = **insert;
        for (int i = 0; i < rows; ++i) {
            const Batch::RunRow& row = runRows.at(offset + i);
            const Completion& c = *row.completion;
            const QString n = rows == 1 ? QString() : QString::number(i);
            run.bindValue(QLatin1String(":task_id") + n, static_cast<qlonglong>(c.taskId));
            run.bindValue(QLatin1String(":attempt") + n, c.attempt);
            run.bindValue(QLatin1String(":started_at") + n, m_session.dialect().values().timeValue(c.startedAt));
            run.bindValue(QLatin1String(":outcome") + n,
                          m_session.dialect().values().textValue(outcomeName(c.outcome)));
            run.bindValue(QLatin1String(":message") + n, m_session.dialect().values().textOrNull(row.message));
            run.bindValue(QLatin1String(":duration_ms") + n, static_cast<qlonglong>(c.durationMs));
        }
        run.bindValue(QStringLiteral(":worker"), m_session.dialect().values().textValue(batch.workerId));
        if (auto s =
                m_session.exec(run,
                               rows == 1 ? tr("record the run of task %1").arg(runRows.at(offset).completion->taskId)
                                         : tr("record the runs of %1 tasks").arg(rows));
            !s)
            return s;
        offset += rows;
    }
    return {};
}

Status CompletionWriter::addToStatistics(const Batch& batch)
{
    if (batch.totals.empty())
        return {};
    Statement upsertStats(m_session, Sql::UpsertStats);
    const int shard = int(qHash(batch.workerId) % 8);
    for (const auto& [key, t] : batch.totals) {
        upsertStats.bindText(QStringLiteral(":queue"), key.first);
        upsertStats.bindText(QStringLiteral(":outcome"), key.second);
        upsertStats.bind(QStringLiteral(":shard"), shard);
        upsertStats.bind(QStringLiteral(":hour_shard"), hourShard(shard));
        upsertStats.bind(QStringLiteral(":count"), static_cast<qlonglong>(t.count));
        upsertStats.bind(QStringLiteral(":duration_ms"), static_cast<qlonglong>(t.durationMs));
        upsertStats.bind(QStringLiteral(":latency_ms"), static_cast<qlonglong>(t.latencyMs));
        if (auto s = upsertStats.run(tr("update the statistics")); !s)
            return s;
    }
    return {};
}

} // namespace taskdeck
