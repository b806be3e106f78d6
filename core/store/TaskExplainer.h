#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class Fleet;
class OperatorActions;
class StoreSession;
class TaskQueries;

// Why a task is where it is — above all, why a waiting task is not running — in the order an operator checks:
// scheduled for later, waiting for its retry backoff, its queue paused, its queue at its concurrency limit, no live
// worker for its queue or handler, held by a worker that stopped beating, behind other runnable tasks; for a running
// task its worker and a cancellation asked for; for a finished one how it ended. Checked against the database now.
struct TaskExplanation
{
    struct Reason
    {
        // Stable for scripts: scheduled, backoff, queue_paused, queue_limit, no_worker, stale_worker, behind, ready,
        // running, cancel_requested, failed, cancelled, succeeded.
        QString code;
        QString text;
    };
    qint64 taskId = 0;
    DisplayState state = DisplayState::Pending;
    QList<Reason> reasons; // the first is the answer; at least one
};

// A unit of TaskStore (the facade that callers use); it reads through the other units and the store's session.
class TaskExplainer
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    // A worker silent this long is taken for gone, as the console's workers view shows it.
    static constexpr qint64 kSilentWorkerMs = 60'000;
    // Tasks ahead are counted up to this many: past it, only "more than" is said (and the count stays cheap).
    static constexpr qint64 kMostCountedAhead = 1'000;

    TaskExplainer(StoreSession& session, TaskQueries& queries, Fleet& fleet, OperatorActions& actions);

    Result<TaskExplanation> explain(qint64 taskId);

private:
    Status explainWaiting(const Task& task, const QDateTime& now, TaskExplanation& explanation);
    Status explainRunning(const Task& task, const QDateTime& now, TaskExplanation& explanation);
    // Who paused the queue and when, from the audit log's recent actions; empty when it is not there.
    QString whoPaused(const QString& queue);
    Result<qint64> runnableAhead(const Task& task);
    // Runs per minute of the queue over the last ten minutes, from the statistics.
    Result<double> recentPacePerMinute(const QString& queue, const QDateTime& now);

    StoreSession& m_session;
    TaskQueries& m_queries;
    Fleet& m_fleet;
    OperatorActions& m_actions;
};

} // namespace taskdeck
