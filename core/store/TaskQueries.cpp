#include "store/TaskQueries.h"

#include "common/Translate.h"
#include "db/SqlThreadGuard.h"
#include "db/TaskListSql.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/WriteScope.h"

#include <QSqlError>

#include <map>
#include <tuple>
#include <utility>

namespace taskdeck {

namespace {

ListShape::SortKey toShapeKey(TaskQuery::SortKey key)
{
    switch (key) {
    case TaskQuery::SortKey::Id:
        return ListShape::SortKey::Id;
    case TaskQuery::SortKey::RunAt:
        return ListShape::SortKey::RunAt;
    case TaskQuery::SortKey::CreatedAt:
        return ListShape::SortKey::CreatedAt;
    case TaskQuery::SortKey::Priority:
        return ListShape::SortKey::Priority;
    }
    return ListShape::SortKey::Id;
}

QString sortKeyTag(TaskQuery::SortKey key)
{
    switch (key) {
    case TaskQuery::SortKey::Id:
        return QStringLiteral("id");
    case TaskQuery::SortKey::RunAt:
        return QStringLiteral("run_at");
    case TaskQuery::SortKey::CreatedAt:
        return QStringLiteral("created_at");
    case TaskQuery::SortKey::Priority:
        return QStringLiteral("priority");
    }
    return {};
}

// A cursor is opaque to users: base64url of "sort-key|direction|value|id", where time values are epoch ms.
QString encodeCursor(const TaskQuery& query, const Task& last)
{
    qint64 value = last.id;
    switch (query.sortKey) {
    case TaskQuery::SortKey::Id:
        break;
    case TaskQuery::SortKey::RunAt:
        value = last.runAt.toMSecsSinceEpoch();
        break;
    case TaskQuery::SortKey::CreatedAt:
        value = last.createdAt.toMSecsSinceEpoch();
        break;
    case TaskQuery::SortKey::Priority:
        value = last.priority;
        break;
    }
    const QString raw =
        QStringLiteral("%1|%2|%3|%4")
            .arg(sortKeyTag(query.sortKey), query.descending ? QStringLiteral("d") : QStringLiteral("a"))
            .arg(value)
            .arg(last.id);
    return QString::fromLatin1(raw.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

struct DecodedCursor
{
    qint64 value = 0;
    qint64 id = 0;
};

Result<DecodedCursor> decodeCursor(const TaskQuery& query)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        query.afterCursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QStringList parts = decoded ? QString::fromUtf8(*decoded).split(QLatin1Char('|')) : QStringList();
    bool valueOk = false;
    bool idOk = false;
    DecodedCursor cursor;
    if (parts.size() == 4) {
        cursor.value = parts.at(2).toLongLong(&valueOk);
        cursor.id = parts.at(3).toLongLong(&idOk);
    }
    if (!valueOk || !idOk)
        return makeError(ErrorCode::InvalidArgument,
                         tr("'%1' is not a cursor from a previous page: pass the value printed after a page")
                             .arg(query.afterCursor.left(80)));
    if (parts.at(0) != sortKeyTag(query.sortKey) ||
        parts.at(1) != (query.descending ? QLatin1String("d") : QLatin1String("a")))
        return makeError(ErrorCode::InvalidArgument,
                         tr("the cursor belongs to a listing sorted differently: use the same sort as the page it "
                            "came from"));
    return cursor;
}

} // namespace

namespace {

// Counts per queue and key (a state name), summed over the rows of a statement that returns (queue, key, count).
using CountSums = std::map<std::pair<QString, QString>, qint64>;

// Adds the rest of query's rows to sums.
void addCountRows(QSqlQuery& query, const Dialect& dialect, CountSums& sums)
{
    while (query.next())
        sums[{dialect.values().readText(query.value(0)), dialect.values().readText(query.value(1))}] +=
            query.value(2).toLongLong();
    query.finish();
}

} // namespace

TaskQueries::TaskQueries(StoreSession& session)
    : m_session(session)
{ }

Task TaskQueries::readTask(const QSqlQuery& q) const
{
    const Dialect& d = m_session.dialect();
    Task task;
    task.id = q.value(TaskColumn::Id).toLongLong();
    task.queue = d.values().readText(q.value(TaskColumn::Queue));
    task.handler = d.values().readText(q.value(TaskColumn::Handler));
    task.payload = d.values().readText(q.value(TaskColumn::Payload));
    task.priority = q.value(TaskColumn::Priority).toInt();
    task.runAt = d.values().readTime(q.value(TaskColumn::RunAt));
    task.state = parseTaskState(d.values().readText(q.value(TaskColumn::State))).value_or(TaskState::Pending);
    task.attempts = q.value(TaskColumn::Attempts).toInt();
    task.maxAttempts = q.value(TaskColumn::MaxAttempts).toInt();
    task.uniqueKey = d.values().readText(q.value(TaskColumn::UniqueKey));
    if (!q.value(TaskColumn::TimeoutS).isNull())
        task.timeoutS = q.value(TaskColumn::TimeoutS).toInt();
    task.lockedBy = d.values().readText(q.value(TaskColumn::LockedBy));
    task.lockedUntil = d.values().readTime(q.value(TaskColumn::LockedUntil));
    task.cancelRequested = d.values().readBool(q.value(TaskColumn::CancelRequested));
    task.createdAt = d.values().readTime(q.value(TaskColumn::CreatedAt));
    task.startedAt = d.values().readTime(q.value(TaskColumn::StartedAt));
    task.finishedAt = d.values().readTime(q.value(TaskColumn::FinishedAt));
    task.lastError = d.values().readText(q.value(TaskColumn::LastError));
    task.result = d.values().readText(q.value(TaskColumn::Result));
    if (!q.value(TaskColumn::Progress).isNull())
        task.progress = q.value(TaskColumn::Progress).toInt();
    task.progressMessage = d.values().readText(q.value(TaskColumn::ProgressMessage));
    task.displayState =
        parseDisplayState(d.values().readText(q.value(TaskColumn::DisplayState))).value_or(DisplayState::Pending);
    return task;
}

Result<std::optional<TaskDetails>> TaskQueries::task(qint64 id)
{
    Statement select(m_session, Sql::SelectTask);
    select.bind(QStringLiteral(":id"), static_cast<qlonglong>(id));
    if (auto s = select.run(tr("read task %1").arg(id)); !s)
        return s.error();
    if (!select.next()) {
        select.finish();
        return std::optional<TaskDetails>();
    }
    TaskDetails details;
    details.task = readTask(select.query());
    select.finish();
    Statement runs(m_session, Sql::SelectTaskRuns);
    runs.bind(QStringLiteral(":id"), static_cast<qlonglong>(id));
    if (auto s = runs.run(tr("read the runs of task %1").arg(id)); !s)
        return s.error();
    while (runs.next()) {
        TaskRun run;
        run.taskId = runs.integer(RunColumn::TaskId);
        run.attempt = runs.number(RunColumn::Attempt);
        run.worker = runs.text(RunColumn::Worker);
        run.startedAt = runs.time(RunColumn::StartedAt);
        run.finishedAt = runs.time(RunColumn::FinishedAt);
        run.outcome = parseRunOutcome(runs.text(RunColumn::Outcome)).value_or(RunOutcome::Failed);
        run.message = runs.text(RunColumn::Message);
        if (!runs.isNull(RunColumn::DurationMs))
            run.durationMs = runs.integer(RunColumn::DurationMs);
        details.runs << run;
    }
    runs.finish();
    return std::optional<TaskDetails>(std::move(details));
}

Result<std::pair<qint64, qint64>> TaskQueries::searchIndexCount()
{
    Statement select(m_session, Sql::CountSearchIndexes);
    if (auto s = select.run(tr("look for the search index")); !s)
        return s.error();
    const bool found = select.next();
    const std::pair<qint64, qint64> count{found ? select.integer(0) : 0, found ? select.integer(1) : 0};
    select.finish();
    return count;
}

Result<bool> TaskQueries::searchIndexed()
{
    if (!m_session.dialect().traits().hasSearchIndex)
        return false;
    auto count = searchIndexCount();
    if (!count)
        return count.error();
    return count->first == m_session.dialect().searchIndexSql().dropSteps.size();
}

Status TaskQueries::setSearchIndexed(bool indexed, const std::function<void(const QString&)>& progress)
{
    if (!m_session.dialect().traits().hasSearchIndex)
        return makeError(ErrorCode::Unsupported,
                         tr("%1 has no index for literal text search: searches read the tasks table there")
                             .arg(m_session.dialect().name()));
    if (m_session.inTransaction())
        return makeError(ErrorCode::InvalidArgument,
                         tr("the search index is built outside any transaction: commit or roll back first"));
    auto say = [&](const QString& line) {
        if (progress)
            progress(line);
    };
    auto run = [&](const QString& statement, const QString& what) -> Status {
        SqlThreadGuard::noteDatabaseWork("statement");
        QSqlQuery query(m_session.database());
        if (query.exec(statement))
            return {};
        if (m_session.dialect().isPermissionDenied(query.lastError()))
            return makeError(
                ErrorCode::PermissionDenied,
                tr("%1 does not allow %2 to %3 (%4) — the search index is built by the account that "
                   "owns the TaskDeck schema (the one that ran taskdeckctl init)")
                    .arg(m_session.locator().redacted(), m_session.accountName(), what, query.lastError().text()));
        return makeError(ErrorCode::Database,
                         tr("cannot %1 on %2: %3").arg(what, m_session.locator().redacted(), query.lastError().text()));
    };

    auto count = searchIndexCount();
    if (!count)
        return count.error();
    const auto [valid, all] = *count;
    const SearchIndexSql index = m_session.dialect().searchIndexSql();
    const qsizetype wanted = index.dropSteps.size();
    if (indexed ? valid == wanted && all == wanted : all == 0) {
        say(indexed ? tr("the search index is already in place") : tr("there is no search index"));
        return {};
    }
    // An interrupted build leaves invalid indexes behind: they slow writes and answer nothing, so they go first.
    if (!indexed || all > valid) {
        say(tr("removing the search index…"));
        for (const QString& step : index.dropSteps) {
            if (auto s = run(step, tr("remove the search index")); !s)
                return s;
        }
    }
    if (indexed) {
        const QStringList& createSteps = index.createSteps;
        QString trgmSchema;
        for (qsizetype i = 0; i < createSteps.size(); ++i) {
            QString step = createSteps.at(i);
            if (step.contains(QLatin1String("{trgm_schema}"))) {
                if (trgmSchema.isEmpty()) {
                    Statement schema(m_session, Sql::SelectSearchIndexSchema);
                    if (auto s = schema.run(tr("find the trigram operator classes")); !s)
                        return s;
                    trgmSchema = schema.next() ? schema.value(0).toString() : QString();
                    schema.finish();
                    if (trgmSchema.isEmpty())
                        return makeError(ErrorCode::Unsupported,
                                         index.missingExtensionMessage.arg(m_session.locator().redacted()));
                }
                step.replace(QLatin1String("{trgm_schema}"), trgmSchema);
            }
            say(tr("search index: step %1 of %2…").arg(i + 1).arg(createSteps.size()));
            if (auto s = run(step, tr("build the search index")); !s)
                return s;
        }
    }
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    if (auto s = m_session.insertOperatorAction(QStringLiteral("search_index"), 0,
                                                indexed ? QStringLiteral("built") : QStringLiteral("removed"));
        !s)
        return s;
    return scope.commit();
}

Result<TaskPage> TaskQueries::listTasks(const TaskQuery& query)
{
    if (auto s = validateFilter(query.filter); !s)
        return s.error();
    if (query.limit < 1 || query.limit > 10'000)
        return makeError(ErrorCode::InvalidArgument, tr("a page holds between 1 and 10000 tasks"));
    std::optional<DecodedCursor> cursor;
    if (!query.afterCursor.isEmpty()) {
        auto decoded = decodeCursor(query);
        if (!decoded)
            return decoded.error();
        cursor = *decoded;
    }
    ListShape shape;
    shape.sortKey = toShapeKey(query.sortKey);
    shape.descending = query.descending;
    shape.afterCursor = cursor.has_value();
    auto select = prepareTaskList(query.filter, shape);
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    if (cursor) {
        q.bindValue(QStringLiteral(":cursor_id"), static_cast<qlonglong>(cursor->id));
        const bool isTime =
            query.sortKey == TaskQuery::SortKey::RunAt || query.sortKey == TaskQuery::SortKey::CreatedAt;
        q.bindValue(QStringLiteral(":cursor_value"),
                    isTime
                        ? m_session.dialect().values().timeValue(QDateTime::fromMSecsSinceEpoch(cursor->value, Qt::UTC))
                        : QVariant(static_cast<qlonglong>(cursor->value)));
    }
    // One row more than asked tells whether another page follows.
    q.bindValue(QStringLiteral(":limit"), query.limit + 1);
    if (auto s = m_session.exec(q, tr("list tasks")); !s)
        return s.error();
    TaskPage page;
    while (q.next())
        page.tasks << readTask(q);
    q.finish();
    // A search's best plan depends on its text (the trigram index for rare text, the id order for common text):
    // planned afresh every time, so that a server does not settle on one generic plan for every text.
    if (shape.search)
        m_session.forgetStatement(&q);
    if (page.tasks.size() > query.limit) {
        page.tasks.resize(query.limit);
        page.nextCursor = encodeCursor(query, page.tasks.last());
    }
    return page;
}

Result<QSqlQuery*> TaskQueries::prepareTaskList(const TaskFilter& filter, ListShape& shape)
{
    for (DisplayState state : filter.states)
        shape.displayStates << stateName(state);
    shape.queueCount = int(filter.queues.size());
    shape.handlerCount = int(filter.handlers.size());
    shape.workerCount = int(filter.workers.size());
    shape.search = !filter.search.isEmpty();
    shape.createdFrom = filter.createdFrom.isValid();
    shape.createdTo = filter.createdTo.isValid();
    shape.failedRunWindow = filter.failedFrom.isValid() && filter.failedTo.isValid();
    // Every filter and sort makes a statement of its own: keep their number bounded.
    if (!m_session.inTransaction() && m_session.statementCount() > 300)
        m_session.forgetAllStatements();
    auto select = m_session.prepare(TaskListSql::select(m_session.dialect(), shape));
    if (!select)
        return select.error();
    QSqlQuery& q = **select;
    for (qsizetype i = 0; i < filter.queues.size(); ++i)
        q.bindValue(QLatin1String(":queue") + QString::number(i),
                    m_session.dialect().values().textValue(filter.queues.at(i)));
    for (qsizetype i = 0; i < filter.handlers.size(); ++i)
        q.bindValue(QLatin1String(":handler") + QString::number(i),
                    m_session.dialect().values().textValue(filter.handlers.at(i)));
    for (qsizetype i = 0; i < filter.workers.size(); ++i)
        q.bindValue(QLatin1String(":worker") + QString::number(i),
                    m_session.dialect().values().textValue(filter.workers.at(i)));
    if (shape.search)
        q.bindValue(QStringLiteral(":search"),
                    m_session.dialect().values().textValue(m_session.dialect().literalSearchValue(filter.search)));
    if (shape.createdFrom)
        q.bindValue(QStringLiteral(":created_from"), m_session.dialect().values().timeValue(filter.createdFrom));
    if (shape.createdTo)
        q.bindValue(QStringLiteral(":created_to"), m_session.dialect().values().timeValue(filter.createdTo));
    if (shape.failedRunWindow) {
        q.bindValue(QStringLiteral(":failed_from"), m_session.dialect().values().timeValue(filter.failedFrom));
        q.bindValue(QStringLiteral(":failed_to"), m_session.dialect().values().timeValue(filter.failedTo));
    }
    return &q;
}

Result<QList<StateCount>> TaskQueries::countUnfinishedTasks()
{
    Statement select(m_session, Sql::CountUnfinishedTasks);
    if (auto s = select.run(tr("count tasks")); !s)
        return s.error();
    // 'pending' still includes the queue's 'scheduled' tasks.
    CountSums sums;
    addCountRows(select.query(), m_session.dialect(), sums);
    const QString pending = stateName(DisplayState::Pending);
    const QString scheduled = stateName(DisplayState::Scheduled);
    QList<StateCount> counts;
    for (const auto& [key, sum] : sums) {
        const auto& [queue, countKey] = key;
        qint64 count = sum;
        if (countKey == pending) {
            const auto it = sums.find({queue, scheduled});
            count -= it == sums.end() ? 0 : it->second;
        }
        const auto state = parseDisplayState(countKey);
        if (count == 0 || !state)
            continue;
        counts << StateCount{queue, *state, count};
    }
    return counts;
}

Result<qint64> TaskQueries::foldTaskCounts()
{
    if (!m_session.dialect().traits().foldsTaskCounts)
        return 0;
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    Statement remove(m_session, Sql::DeleteTaskCounts);
    if (auto s = remove.run(tr("fold the task counts")); !s)
        return s.error();
    std::map<std::tuple<QString, QString, QString>, qint64> sums; // (queue, count key, handler) → count
    qint64 folded = 0;
    for (QSqlQuery& rows = remove.query(); rows.next(); ++folded)
        sums[{m_session.dialect().values().readText(rows.value(0)),
              m_session.dialect().values().readText(rows.value(1)),
              m_session.dialect().values().readText(rows.value(3))}] += rows.value(2).toLongLong();
    remove.finish();
    Statement insert(m_session, Sql::InsertTaskCount);
    for (const auto& [key, sum] : sums) {
        if (sum == 0)
            continue;
        const auto& [queue, countKey, handler] = key;
        insert.bindText(QStringLiteral(":queue"), queue);
        insert.bindText(QStringLiteral(":handler"), handler);
        insert.bindText(QStringLiteral(":count_key"), countKey);
        insert.bind(QStringLiteral(":task_count"), static_cast<qlonglong>(sum));
        if (auto s = insert.run(tr("fold the task counts")); !s)
            return s.error();
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return folded;
}

Result<QList<StateCount>> TaskQueries::countTasks()
{
    Statement select(m_session, Sql::CountTasks);
    if (auto s = select.run(tr("count tasks")); !s)
        return s.error();
    QList<StateCount> counts;
    while (select.next()) {
        StateCount count;
        count.queue = select.text(0);
        count.state = parseDisplayState(select.text(1)).value_or(DisplayState::Pending);
        count.count = select.integer(2);
        counts << count;
    }
    select.finish();
    return counts;
}

Result<QList<StatsRow>> TaskQueries::stats(const QDateTime& since, qint64 bucketMs)
{
    if (bucketMs < 60'000 || bucketMs % 60'000 != 0)
        return makeError(ErrorCode::InvalidArgument, tr("statistics are summed over whole minutes"));
    // Whole hours from the start of an hour are summed from the hourly rows (168 per queue and outcome for a week
    // instead of 10,080); anything finer from the per-minute rows, which are kept for minuteStatsMs.
    const bool hourly = bucketMs % kHourMs == 0 && since.toMSecsSinceEpoch() % kHourMs == 0;
    Statement select(m_session, m_session.dialect().statsSql(hourly));
    select.bind(QStringLiteral(":since"), m_session.dialect().values().timeValue(since));
    select.bind(QStringLiteral(":bucket_ms"), static_cast<qlonglong>(bucketMs));
    if (auto s = select.run(tr("read statistics")); !s)
        return s.error();
    QList<StatsRow> rows;
    while (select.next()) {
        StatsRow row;
        row.minute = select.time(0);
        row.queue = select.text(1);
        row.outcome = parseRunOutcome(select.text(2)).value_or(RunOutcome::Failed);
        row.count = select.integer(3);
        row.durationMsSum = select.integer(4);
        row.latencyMsSum = select.integer(5);
        rows << row;
    }
    select.finish();
    return rows;
}

Result<TaskFate> TaskQueries::taskFate(qint64 id)
{
    auto details = task(id);
    if (!details)
        return details.error();
    if (details->has_value())
        return TaskFate::Exists;
    Statement runs(m_session, Sql::SelectTaskRuns);
    runs.bind(QStringLiteral(":id"), static_cast<qlonglong>(id));
    if (auto s = runs.run(tr("read the runs of task %1").arg(id)); !s)
        return s.error();
    bool anyRun = false;
    bool succeeded = false;
    while (runs.next()) {
        anyRun = true;
        succeeded = runs.text(RunColumn::Outcome) == QLatin1String("succeeded");
    }
    runs.finish();
    if (succeeded)
        return TaskFate::SucceededAndRemoved;
    return anyRun ? TaskFate::RemovedAfterRuns : TaskFate::NeverExisted;
}

} // namespace taskdeck
