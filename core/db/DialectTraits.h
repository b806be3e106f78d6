#pragma once

namespace taskdeck {

// What a database does best and what it allows, as the store asks before it picks a way to claim, write a batch,
// record outcomes or run a statement on its own. Each dialect fills these in its constructor; a trait names the
// statements (Dialect) that its way needs, and a dialect answers only those.
struct DialectTraits
{
    enum class ClaimMethod {
        OneStatement, // Dialect::claimSql()
        LockThenMark, // Dialect::claimLockSql(), then Sql::ClaimByIds and Sql::SelectClaimedByIds
    };
    enum class BatchInsert {
        RowByRow, // Sql::InsertTask per task
        RowsOfParameters, // BatchSql::InsertTaskRows
        FromArrays, // BatchSql::InsertTasksFromArrays, bound by BatchBinder::bindTasks()
        FromJson, // BatchSql::InsertTasksFromJson, bound by BatchBinder::bindTasks()
    };
    enum class BatchSuccess {
        PerTask, // Sql::FinishSucceeded or Sql::DeleteSucceededFenced per task
        FromJson, // BatchSql::FinishSucceededFromJson, bound by BatchBinder::bindSucceeded()
        ByPairs, // BatchSql::RemoveSucceededByPairs, or LockSucceededByPairs then FinishSucceededByPairs
    };

    ClaimMethod claimMethod = ClaimMethod::OneStatement;
    // A batch of tasks none of which has a unique key, and one where some do.
    BatchInsert batchInsert = BatchInsert::RowByRow;
    BatchInsert batchInsertWithUniqueKeys = BatchInsert::RowByRow;
    BatchSuccess batchSuccess = BatchSuccess::PerTask;
    // An index for literal text search (Dialect::searchIndexSql()).
    bool hasSearchIndex = false;
    // Sql::InsertTask returns the new id as a row (RETURNING); when false, the store reads Sql::SelectLastInsertId,
    // and an insert that affected no row means the unique key is taken.
    bool insertReturnsId = true;
    // A write of one statement (enqueueing one task outside a caller's transaction) may run on its own, in
    // autocommit, instead of between BEGIN and COMMIT: a lone statement is atomic, and the transaction's two round
    // trips are most of a single enqueue's time on a server. Only where Sql::InsertTask is the whole write (it
    // returns the id and wakes the workers itself): where the id takes a second statement, a failure between the two
    // would report an error for a task that was saved. Not for SQLite: its autocommit statement reads before it
    // writes and fails with SQLITE_BUSY_SNAPSHOT when another writer commits in between.
    bool loneInsertMayAutocommit = false;
    // Dialect::claimSql() may likewise run on its own, in autocommit, when no queue has a concurrency limit (the
    // statement is the whole claim then). Not for SQLite, for the same reason as above.
    bool loneClaimMayAutocommit = false;
    // Workers listen on Dialect::notificationChannel() and a write wakes them with Sql::NotifyTasks.
    bool notifiesListeningWorkers = false;
    // Sql::InsertTask wakes listening workers by itself, so that the store sends no Sql::NotifyTasks after it.
    bool insertTaskNotifiesWorkers = false;
    // Each statement costs a round trip to a server, so that combining statements pays (not for SQLite, where a
    // prepared statement per row is cheaper than a long one).
    bool statementsCostRoundTrips = true;
    // Two connections' write transactions proceed side by side, so that a worker gains by recording outcomes on a
    // connection of its own while it claims on another (not for SQLite: one writer at a time, the second would only
    // wait for the first).
    bool writersRunConcurrently = true;
    // After a failed statement the rest of the transaction still stands (false on PostgreSQL: 25P02).
    bool failedStatementKeepsTransaction = true;
    // The task_counts triggers count running tasks too (where a statement's trigger runs once however many tasks it
    // finishes: nearly free) or the counts read them off the state index (where a trigger runs per row: a success
    // then touches no counter at all, and running tasks are no more than the workers' concurrency).
    bool triggersCountRunningTasks = false;
    // The triggers add a row per change (the servers, whose writers must not wait on one counter row), which a
    // maintenance pass folds (Sql::DeleteTaskCounts, Sql::InsertTaskCount); elsewhere they update their row in place.
    bool foldsTaskCounts = false;
    // The database keeps no planner statistics by itself, so that a maintenance pass refreshes them once a day
    // (Sql::SelectPlannerStatisticsDue, RefreshPlannerStatistics, FinishPlannerStatistics).
    bool refreshesPlannerStatistics = false;
};

} // namespace taskdeck
