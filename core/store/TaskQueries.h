#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class StoreSession;

// Reading tasks: one task with its runs, keyset-paged lists, counts from the count tables, statistics, and the
// literal-search index. A unit of TaskStore (the facade that callers use); it runs its statements through the store's
// StoreSession.
class TaskQueries
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit TaskQueries(StoreSession& session);

    Result<std::optional<TaskDetails>> task(qint64 id);
    // The index that answers literal text searches without reading every task, where the database has one
    // (PostgreSQL: pg_trgm): whether it is in place, and building or removing it. Building reads every task but
    // does not stop workers or producers; it makes each enqueue dearer (about three times the index work), so it is
    // the operator's choice. Not inside a transaction; progress gets a line per step. Audited as "search_index".
    Result<bool> searchIndexed();
    Status setSearchIndexed(bool indexed, const std::function<void(const QString&)>& progress = {});
    Result<TaskPage> listTasks(const TaskQuery& query);
    // The task list's statement for filter (shape gets the filter's part; the caller sets the rest), prepared and
    // with the filter's values bound.
    Result<QSqlQuery*> prepareTaskList(const TaskFilter& filter, ListShape& shape);
    // countTasks() without the succeeded tasks, from the counts that triggers keep (and the scheduled tasks off the
    // state index), so it stays fast at millions of rows.
    Result<QList<StateCount>> countUnfinishedTasks();
    // Part of a maintenance pass (also callable alone): folds the rows the count triggers appended into one per
    // queue and key, returning how many it folded (0 where the triggers update their rows in place).
    Result<qint64> foldTaskCounts();
    Result<QList<StateCount>> countTasks();
    // Runs, durations and latencies since a time, summed per bucket of bucketMs (a whole number of minutes; each
    // row's minute is its bucket's start, buckets aligned to the epoch), queue and outcome.
    Result<QList<StatsRow>> stats(const QDateTime& since, qint64 bucketMs = 60'000);
    // Tells a task that succeeded and was removed from one that never existed.
    Result<TaskFate> taskFate(qint64 id);

private:
    Task readTask(const QSqlQuery& query) const;
    // The literal-search indexes that exist: (valid ones, all of them).
    Result<std::pair<qint64, qint64>> searchIndexCount();

    StoreSession& m_session;
};

} // namespace taskdeck
