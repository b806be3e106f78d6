#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class Statement;
class StoreSession;
class TaskQueries;

// Writes new tasks: enqueue (one, or a batch in multi-row statements where the dialect has them), and an operator's
// "edit and re-enqueue". A unit of TaskStore (the facade that callers use); it runs its statements through the store's
// StoreSession.
class TaskWriter
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit TaskWriter(StoreSession& session, TaskQueries& taskQueries);

    Result<EnqueueResult> enqueue(const EnqueueRequest& request);
    // All or nothing: one invalid request fails the batch before anything is written.
    Result<QList<EnqueueResult>> enqueueBatch(const QList<EnqueueRequest>& requests);
    // An operator's "edit and re-enqueue": the edited copy replaces the task in one transaction (audited as "edit").
    // A running task is refused: cancel it first.
    Result<EnqueueResult> replaceTask(qint64 taskId, const EnqueueRequest& copy);

private:
    // Tasks [from, to) of requests one statement each (Sql::InsertTask, prepared once), into results[from, to).
    Status insertTasksOneByOne(const QList<EnqueueRequest>& requests, qsizetype from, qsizetype to,
                               QList<EnqueueResult>& results);
    // One task with the prepared Sql::InsertTask, in the caller's transaction; a taken unique key answers with its
    // holder's id.
    Result<EnqueueResult> insertTask(Statement& insert, const EnqueueRequest& request);
    // enqueueBatch()'s inserts in statements of many rows, where the dialect has them: the tasks as one array per
    // field (BatchSql::InsertTasksFromArrays) or as one JSON text; row by row where it has none for a part of the batch
    // with unique keys.
    Result<QList<EnqueueResult>> insertTasksInStatements(const QList<EnqueueRequest>& requests);
    // The same with the dialect's BatchSql::InsertTaskRows, where it has one: each task's fields bound on their own.
    Result<QList<EnqueueResult>> insertTaskRows(const QList<EnqueueRequest>& requests);
    // The tasks of a batch that were not inserted (results[i].id still 0) get the id of the task that holds their
    // unique key; a task without one that was not inserted is an error.
    Status answerSkippedTasks(const QList<EnqueueRequest>& requests, QList<EnqueueResult>& results);

    StoreSession& m_session;
    TaskQueries& m_queries;
};

} // namespace taskdeck
