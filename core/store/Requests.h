#pragma once

#include "store/Task.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace taskdeck {

struct EnqueueRequest
{
    QString handler;
    QString payload; // JSON; empty means {}
    QString queue = QStringLiteral("default");
    int priority = 0; // higher runs first
    std::optional<qint64> delayMs;
    std::optional<QDateTime> runAt; // exclusive with delayMs
    std::optional<int> maxAttempts; // else the queue's default, else the store's
    QString uniqueKey; // empty: none
    std::optional<int> timeoutS; // else the queue's default
};

struct EnqueueResult
{
    qint64 id = 0;
    bool created = true; // false: a task with the same unique key already existed and this is its id
};

struct ClaimRequest
{
    QString workerId;
    QStringList queues; // empty: every queue
    QStringList handlers; // empty: every handler
    int limit = 10;
    qint64 leaseMs = 30'000;
    qint64 taskId = 0; // nonzero: only this task (an operator's "run now")
};

struct ClaimedTask
{
    qint64 id = 0;
    QString queue;
    QString handler;
    QString payload;
    int priority = 0;
    int attempt = 0; // 1 for the first run
    int maxAttempts = 0;
    std::optional<int> timeoutS;
    QDateTime runAt;
    QDateTime startedAt;
    QDateTime lockedUntil;
    QDateTime createdAt;
};

// The outcome of one claimed task, as its worker reports it.
struct Completion
{
    qint64 taskId = 0;
    int attempt = 0;
    QString queue;
    RunOutcome outcome = RunOutcome::Succeeded; // Succeeded, Failed, TimedOut or Cancelled
    bool retryable = true; // false: straight to failed, whatever attempts are left
    QString message; // error text for failures
    QString resultJson; // the handler's result (JSON), optional
    QDateTime startedAt;
    qint64 durationMs = 0;
    qint64 queueLatencyMs = 0; // start − run_at
    std::optional<qint64> retryDelayMs; // a handler may ask for its own delay

    // The completion of a claimed task's run: identity, attempt, queue and timing filled in from the claim.
    static Completion of(const ClaimedTask& task, RunOutcome outcome = RunOutcome::Succeeded, QString message = {});
};

struct CompletionReport
{
    QList<qint64> applied;
    // The worker no longer held these leases (rescued, deleted, cancelled): its result was not recorded.
    QList<qint64> fenced;
};

struct LeaseReport
{
    QList<qint64> held;
    QList<qint64> lost; // no longer ours: stop working on them
    QList<qint64> cancelRequested; // an operator asked to cancel these
};

struct RescuedTask
{
    qint64 id = 0;
    int attempt = 0;
    QString previousWorker;
    TaskState newState = TaskState::Pending;
};

struct CancelReport
{
    qint64 cancelled = 0; // pending tasks now cancelled
    qint64 requested = 0; // running tasks asked to stop; their worker ends them as cancelled
};

struct TaskFilter
{
    QList<DisplayState> states;
    QStringList queues;
    QStringList handlers;
    QStringList workers; // ids of the workers running the tasks (WorkerInfo::id)
    QString search; // literal, case-insensitive for ASCII, in payload, last error and unique key
    QDateTime createdFrom;
    QDateTime createdTo;
    // Tasks with a failed, timed-out or lost run that ended in [failedFrom, failedTo): a point of the failures chart.
    QDateTime failedFrom;
    QDateTime failedTo;
};

struct TaskQuery
{
    enum class SortKey {
        Id,
        RunAt,
        CreatedAt,
        Priority,
    };
    TaskFilter filter;
    SortKey sortKey = SortKey::Id;
    bool descending = true;
    int limit = 100;
    QString afterCursor; // from a previous page's nextCursor
};

struct TaskPage
{
    QList<Task> tasks;
    QString nextCursor; // empty on the last page
};

struct StateCount
{
    QString queue;
    DisplayState state = DisplayState::Pending;
    qint64 count = 0;
};

// One worker process as it registers itself (the workers table).
struct WorkerInfo
{
    QString id; // unique per process run
    QString name;
    QString host;
    qint64 pid = 0;
    QString version;
    QStringList queues; // empty: every queue
    QStringList handlers;
    int concurrency = 0;
    int inFlight = 0;
    QDateTime startedAt;
    QDateTime heartbeatAt;
    bool stopping = false;
};

struct ProgressUpdate
{
    qint64 taskId = 0;
    int attempt = 0;
    int percent = 0;
    QString message;
};

// A queue's own settings (absent: the store's defaults).
struct QueueSettings
{
    QString name;
    bool paused = false;
    std::optional<int> concurrencyLimit; // across all workers
    std::optional<int> defaultMaxAttempts;
    std::optional<qint64> backoffBaseMs;
    std::optional<qint64> backoffMaxMs;
    std::optional<int> defaultTimeoutS;
};

// Changes to a queue's settings: a field that is not set stays as it is; 0 removes the queue's own value.
struct QueueUpdate
{
    std::optional<int> concurrencyLimit;
    std::optional<int> maxAttempts;
    std::optional<std::pair<qint64, qint64>> backoffMs; // base, max
    std::optional<int> timeoutS;
};

struct StatsRow
{
    QDateTime minute;
    QString queue;
    RunOutcome outcome = RunOutcome::Succeeded;
    qint64 count = 0;
    qint64 durationMsSum = 0;
    qint64 latencyMsSum = 0;
};

} // namespace taskdeck
