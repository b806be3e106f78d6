#include "store/TaskWriter.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "db/BatchBinder.h"
#include "store/LocalWakeups.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/TaskQueries.h"
#include "store/WriteScope.h"

#include <QSqlRecord>

#include <algorithm>
#include <utility>

namespace taskdeck {

namespace {

// Tasks [from, to) of a batch, as the dialects' batch statements read them.
QList<BatchTask> batchTasks(const QList<EnqueueRequest>& requests, qsizetype from, qsizetype to)
{
    QList<BatchTask> tasks;
    tasks.reserve(to - from);
    for (qsizetype i = from; i < to; ++i) {
        const EnqueueRequest& request = requests.at(i);
        tasks << BatchTask{request.queue,
                           request.handler,
                           request.payload,
                           request.priority,
                           request.runAt ? std::optional<qint64>(request.runAt->toMSecsSinceEpoch()) : std::nullopt,
                           request.delayMs.value_or(0),
                           request.maxAttempts,
                           request.uniqueKey,
                           request.timeoutS};
    }
    return tasks;
}

} // namespace

TaskWriter::TaskWriter(StoreSession& session, TaskQueries& taskQueries)
    : m_session(session)
    , m_queries(taskQueries)
{ }

Result<EnqueueResult> TaskWriter::enqueue(const EnqueueRequest& request)
{
    auto results = enqueueBatch({request});
    if (!results)
        return results.error();
    return results->first();
}

Result<QList<EnqueueResult>> TaskWriter::enqueueBatch(const QList<EnqueueRequest>& requests)
{
    QList<EnqueueRequest> normalized;
    normalized.reserve(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (auto s = validateEnqueue(requests.at(i), requests.size() > 1 ? int(i) : -1); !s)
            return s.error();
        auto payload = normalizePayload(requests.at(i).payload);
        if (!payload) {
            if (requests.size() == 1)
                return payload.error();
            return makeError(payload.error().code,
                             tr("task %1 of the batch: %2").arg(i + 1).arg(payload.error().message));
        }
        EnqueueRequest copy = requests.at(i);
        copy.payload = *payload;
        normalized << copy;
    }

    // One task outside the caller's transaction: where the insert is one statement that also wakes the workers,
    // it is the whole write and runs on its own (one round trip instead of four).
    const bool lone =
        normalized.size() == 1 && !m_session.inTransaction() && m_session.dialect().traits().loneInsertMayAutocommit;
    WriteScope scope(m_session);
    if (auto s = lone ? m_session.checkWritable() : scope.begin(); !s)
        return s.error();
    QList<EnqueueResult> results;
    bool workersWoken = false;
    const DialectTraits::BatchInsert way =
        normalized.size() > 1 ? m_session.dialect().traits().batchInsert : DialectTraits::BatchInsert::RowByRow;
    if (way == DialectTraits::BatchInsert::RowsOfParameters) {
        auto inserted = insertTaskRows(normalized);
        if (!inserted)
            return inserted.error();
        results = std::move(*inserted);
    } else if (way == DialectTraits::BatchInsert::FromArrays || way == DialectTraits::BatchInsert::FromJson) {
        auto inserted = insertTasksInStatements(normalized);
        if (!inserted)
            return inserted.error();
        results = std::move(*inserted);
    } else {
        results.resize(normalized.size());
        if (auto s = insertTasksOneByOne(normalized, 0, normalized.size(), results); !s)
            return s.error();
        workersWoken = m_session.dialect().traits().insertTaskNotifiesWorkers;
    }
    // Delivered when the transaction commits: listening workers claim at once instead of at their next poll.
    if (m_session.dialect().traits().notifiesListeningWorkers && !workersWoken) {
        Statement n(m_session, Sql::NotifyTasks);
        if (auto s = n.run(tr("notify workers")); !s)
            return s.error();
        n.finish();
    }
    if (lone) {
        LocalWakeups::instance().announce(m_session.locator().redacted());
        return results;
    }
    m_session.wakeLocalWorkersAtCommit(); // this process's workers, at the outermost commit
    if (auto s = scope.commit(); !s)
        return s.error();
    return results;
}

Status TaskWriter::insertTasksOneByOne(const QList<EnqueueRequest>& requests, qsizetype from, qsizetype to,
                                       QList<EnqueueResult>& results)
{
    Statement insert(m_session, Sql::InsertTask);
    for (qsizetype i = from; i < to; ++i) {
        auto inserted = insertTask(insert, requests.at(i));
        if (!inserted)
            return inserted.error();
        results[i] = *inserted;
    }
    return {};
}

Result<EnqueueResult> TaskWriter::insertTask(Statement& insert, const EnqueueRequest& request)
{
    insert.bindText(QStringLiteral(":queue"), request.queue)
        .bindText(QStringLiteral(":handler"), request.handler)
        .bindText(QStringLiteral(":payload"), request.payload)
        .bind(QStringLiteral(":priority"), request.priority)
        .bindTime(QStringLiteral(":run_at"), request.runAt.value_or(QDateTime()))
        .bind(QStringLiteral(":delay_ms"), request.delayMs.value_or(0))
        .bind(QStringLiteral(":max_attempts"), intOrNull(request.maxAttempts))
        .bind(QStringLiteral(":default_max_attempts"), m_session.options().retryPolicy.maxAttempts)
        .bindTextOrNull(QStringLiteral(":unique_key"), request.uniqueKey)
        .bind(QStringLiteral(":timeout_s"), intOrNull(request.timeoutS));
    const bool raceCanBeAnswered =
        !request.uniqueKey.isEmpty() && m_session.dialect().traits().failedStatementKeepsTransaction;
    if (auto s = insert.run(tr("enqueue a task for handler '%1'").arg(request.handler),
                            raceCanBeAnswered ? StoreSession::OnFailure::KeepTransaction
                                              : StoreSession::OnFailure::DoomTransaction);
        !s) {
        // Another transaction took the unique key between our check and our insert: its task is the answer.
        if (!raceCanBeAnswered)
            return s.error();
        auto holder = m_session.taskIdByUniqueKey(request.uniqueKey);
        if (!holder || !holder->has_value()) {
            m_session.doomTransaction();
            return s.error();
        }
        return EnqueueResult{**holder, false};
    }
    EnqueueResult result;
    bool inserted = false;
    if (m_session.dialect().traits().insertReturnsId) {
        inserted = insert.next();
        if (inserted)
            result.id = insert.integer(0);
        insert.finish();
    } else if (insert.rowsAffected() == 1) {
        inserted = true;
        Statement lastId(m_session, Sql::SelectLastInsertId);
        if (auto s = lastId.run(tr("read the new task's id")); !s)
            return s.error();
        if (!lastId.next())
            return makeError(ErrorCode::Database, tr("the database did not return the new task's id"));
        result.id = lastId.integer(0);
        lastId.finish();
    }
    if (!inserted) {
        // Nothing inserted: the unique key is taken. Return the holder's id.
        auto holder = m_session.taskIdByUniqueKey(request.uniqueKey);
        if (!holder)
            return holder.error();
        if (!holder->has_value())
            return makeError(ErrorCode::Database,
                             tr("the task was not inserted and no task holds unique key "
                                "'%1': the database returned no id")
                                 .arg(request.uniqueKey));
        result.id = **holder;
        result.created = false;
    }
    return result;
}

Result<QList<EnqueueResult>> TaskWriter::insertTasksInStatements(const QList<EnqueueRequest>& requests)
{
    // Statements of at most 1000 tasks or about 4 MB of parameter text (JSON or arrays), whichever comes first:
    // large enough that the round trip vanishes per task, small enough for any server's packet limit.
    constexpr qsizetype kMaxTasksPerStatement = 1000;
    constexpr qsizetype kMaxTextBytes = 4 * 1024 * 1024;

    QList<EnqueueResult> results(requests.size(), EnqueueResult{0, false});
    qsizetype start = 0;
    while (start < requests.size()) {
        // The chunk first (its size, and whether a task of it has a unique key), then its statement.
        bool anyUniqueKey = false;
        qsizetype textBytes = 0;
        qsizetype end = start;
        for (; end < requests.size() && end - start < kMaxTasksPerStatement && textBytes < kMaxTextBytes; ++end) {
            const EnqueueRequest& request = requests.at(end);
            anyUniqueKey = anyUniqueKey || !request.uniqueKey.isEmpty();
            textBytes += 100 +
                3 *
                    (request.queue.size() + request.handler.size() + request.payload.size() +
                     request.uniqueKey.size()); // an estimate: a character is at most 3 bytes of UTF-8
        }
        const DialectTraits::BatchInsert way = anyUniqueKey ? m_session.dialect().traits().batchInsertWithUniqueKeys
                                                            : m_session.dialect().traits().batchInsert;
        if (way != DialectTraits::BatchInsert::FromArrays && way != DialectTraits::BatchInsert::FromJson) {
            // no statement of many rows for tasks with unique keys here
            if (auto s = insertTasksOneByOne(requests, start, end, results); !s)
                return s.error();
            start = end;
            continue;
        }
        auto insert =
            m_session.prepare(way == DialectTraits::BatchInsert::FromArrays
                                  ? m_session.dialect().batchSql(BatchSql::InsertTasksFromArrays, {1, anyUniqueKey})
                                  : m_session.dialect().batchSql(BatchSql::InsertTasksFromJson, {1, anyUniqueKey}));
        if (!insert)
            return insert.error();
        QSqlQuery& q = **insert;
        BatchBinder::bindTasks(q, m_session.dialect(), way, batchTasks(requests, start, end));
        q.bindValue(QStringLiteral(":default_max_attempts"), m_session.options().retryPolicy.maxAttempts);
        if (auto s = m_session.exec(q, tr("enqueue a batch of %1 tasks").arg(end - start)); !s)
            return s.error();
        // Either (index in the batch, id) per task inserted, or the ids alone, numbered in the batch's order.
        const bool idsAlone = q.record().count() == 1;
        qint64 returned = 0;
        while (q.next()) {
            const qint64 index = idsAlone ? returned : q.value(0).toLongLong();
            if (index < 0 || index >= end - start)
                return makeError(
                    ErrorCode::Database,
                    tr("the database answered the enqueue with a task index out of range (%1)").arg(index));
            results[start + index] = EnqueueResult{q.value(idsAlone ? 0 : 1).toLongLong(), true};
            ++returned;
        }
        q.finish();
        if (idsAlone) {
            if (returned != end - start)
                return makeError(
                    ErrorCode::Database,
                    tr("the database returned %1 ids for a batch of %2 tasks").arg(returned).arg(end - start));
            std::sort(results.begin() + start, results.begin() + end,
                      [](const EnqueueResult& a, const EnqueueResult& b) { return a.id < b.id; });
        }
        start = end;
    }
    if (auto s = answerSkippedTasks(requests, results); !s)
        return s.error();
    return results;
}

Result<QList<EnqueueResult>> TaskWriter::insertTaskRows(const QList<EnqueueRequest>& requests)
{
    // Statements of 64, 32, … 1 rows: seven statements to prepare once and keep. Not more rows: SQLite looks each
    // named parameter up in a list while it prepares, so a statement of 512 rows took longer to prepare than to
    // run; 64 rows bound by name measured faster than both 512 and 16 (bench/RESULTS.md).
    constexpr qsizetype kMaxRowsPerStatement = 64;
    constexpr int kParametersPerRow = 10;
    static const QStringList names = [] {
        QStringList list;
        for (qsizetype row = 0; row < kMaxRowsPerStatement; ++row)
            for (const char* field : {":i", ":q", ":h", ":p", ":pr", ":r", ":d", ":m", ":k", ":t"})
                list << QLatin1String(field) + QString::number(row);
        return list;
    }();

    Statement floor(m_session, Sql::SelectTaskIdFloor);
    if (auto s = floor.run(tr("read the highest task id")); !s)
        return s.error();
    if (!floor.next())
        return makeError(ErrorCode::Database, tr("the database did not return the highest task id"));
    const qint64 lastId = floor.integer(0);
    floor.finish();

    QList<EnqueueResult> results(requests.size(), EnqueueResult{0, false});
    qsizetype start = 0;
    while (start < requests.size()) {
        qsizetype rows = kMaxRowsPerStatement;
        while (rows > requests.size() - start)
            rows /= 2;
        const auto first = requests.cbegin() + start;
        const bool anyUniqueKey =
            std::any_of(first, first + rows, [](const EnqueueRequest& r) { return !r.uniqueKey.isEmpty(); });
        Statement insert(m_session, m_session.dialect().batchSql(BatchSql::InsertTaskRows, {int(rows), anyUniqueKey}));
        const qint64 firstId = lastId + 1 + start; // one writer at a time: these ids are free
        for (qsizetype row = 0; row < rows; ++row) {
            const EnqueueRequest& request = requests.at(start + row);
            qsizetype p = row * kParametersPerRow;
            insert.bind(names.at(p++), firstId + row);
            insert.bind(names.at(p++), m_session.dialect().values().textValue(request.queue));
            insert.bind(names.at(p++), m_session.dialect().values().textValue(request.handler));
            insert.bind(names.at(p++), m_session.dialect().values().textValue(request.payload));
            insert.bind(names.at(p++), request.priority);
            insert.bind(names.at(p++),
                        request.runAt ? m_session.dialect().values().timeValue(*request.runAt)
                                      : m_session.dialect().values().timeValue({}));
            insert.bind(names.at(p++), static_cast<qlonglong>(request.delayMs.value_or(0)));
            insert.bind(names.at(p++), intOrNull(request.maxAttempts));
            insert.bind(names.at(p++), m_session.dialect().values().textOrNull(request.uniqueKey));
            insert.bind(names.at(p++), intOrNull(request.timeoutS));
        }
        insert.bind(QStringLiteral(":default_max_attempts"), m_session.options().retryPolicy.maxAttempts);
        if (auto s = insert.run(tr("enqueue a batch of %1 tasks").arg(rows)); !s)
            return s.error();
        while (insert.next()) {
            const qint64 id = insert.integer(0);
            if (id < firstId || id >= firstId + rows)
                return makeError(ErrorCode::Database,
                                 tr("the database answered the enqueue with a task id out of range (%1)").arg(id));
            results[start + (id - firstId)] = EnqueueResult{id, true};
        }
        insert.finish();
        start += rows;
    }
    if (auto s = answerSkippedTasks(requests, results); !s)
        return s.error();
    return results;
}

Status TaskWriter::answerSkippedTasks(const QList<EnqueueRequest>& requests, QList<EnqueueResult>& results)
{
    // A task not inserted has a unique key that is taken (by an earlier task, possibly of this batch).
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (results.at(i).id != 0)
            continue;
        const QString& key = requests.at(i).uniqueKey;
        std::optional<qint64> holderId;
        if (!key.isEmpty()) {
            auto holder = m_session.taskIdByUniqueKey(key);
            if (!holder)
                return holder.error();
            holderId = *holder;
        }
        if (!holderId)
            return makeError(ErrorCode::Database,
                             tr("task %1 of the batch was not inserted and no task holds unique key '%2': the "
                                "database returned no id")
                                 .arg(i + 1)
                                 .arg(key));
        results[i].id = *holderId;
    }
    return {};
}

Result<EnqueueResult> TaskWriter::replaceTask(qint64 taskId, const EnqueueRequest& copy)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    auto original = m_queries.task(taskId);
    if (!original)
        return original.error();
    if (!original->has_value())
        return makeError(ErrorCode::NotFound, tr("task %1 is gone: nothing to replace").arg(taskId));
    if ((*original)->task.state == TaskState::Running)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("task %1 is running on %2: cancel it first, then edit it").arg(taskId).arg((*original)->task.lockedBy));
    auto enqueued = enqueue(copy);
    if (!enqueued)
        return enqueued.error();
    Statement remove(m_session, Sql::DeleteTasks, 1);
    remove.bindIds({taskId}, 1);
    if (auto s = remove.run(tr("remove task %1").arg(taskId)); !s)
        return s.error();
    if (auto s = m_session.insertOperatorAction(QStringLiteral("edit"), 1,
                                                tr("task %1 replaced by task %2 (handler %3, queue %4)")
                                                    .arg(taskId)
                                                    .arg(enqueued->id)
                                                    .arg(copy.handler, copy.queue));
        !s)
        return s.error();
    if (auto s = scope.commit(); !s)
        return s.error();
    return *enqueued;
}

} // namespace taskdeck
