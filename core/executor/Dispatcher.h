#pragma once

#include "db/Locator.h"
#include "executor/CancellationToken.h"
#include "executor/Handler.h"
#include "executor/HandlerRegistry.h"
#include "executor/LeaseWatchdog.h"
#include "executor/OutcomeRecorder.h"
#include "executor/WorkerOptions.h"
#include "store/TaskStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace taskdeck {

// What a worker has done since it started, for its metrics endpoint.
struct WorkerMetrics
{
    struct Series
    {
        qint64 claimed = 0;
        QMap<QString, qint64> completed; // by outcome
        double durationSecondsSum = 0;
        qint64 durationCount = 0;
    };
    QMap<QPair<QString, QString>, Series> byQueueAndHandler; // (queue, handler)
    QMap<QString, double> lagSeconds; // oldest runnable task per queue
    qint64 fenced = 0;
};

// The executor's engine. It owns a database connection (in the thread that calls start()), claims batches of tasks
// within its free capacity, runs their handlers on its own QThreadPool, records outcomes in batches (fenced on its
// lease; on a second connection, beside the claims, where the database runs writers side by side), renews leases
// with heartbeats, stops handlers whose task timed out, was cancelled or whose lease it lost, rescues expired leases
// of dead workers, registers itself in the workers table, reconnects after losing the database, and shuts down
// gracefully. taskdeckctl worker runs one headless; the console runs one in-process.
class RunPumps;

class Dispatcher : public QObject
{
    Q_OBJECT

public:
    Dispatcher(Locator locator, std::shared_ptr<const HandlerRegistry> handlers, WorkerOptions options,
               QObject* parent = nullptr);
    ~Dispatcher() override;

    Status start();
    // Stops claiming, hands back claimed tasks that have not started, lets running ones finish within the grace
    // period, then stops them. A second call stops them at once. finished() follows.
    void stop();

    QString workerId() const { return m_workerId; }
    int inFlight() const { return int(m_runs.size() + m_heldBack.size()); }
    bool isStopping() const { return m_stopping; }
    // The database connection was lost and is not back yet (connectionProblem() said why).
    bool isDisconnected() const { return m_connectionBroken; }
    const WorkerMetrics& metrics() const { return m_metrics; }

    // An operator's "run now": claims this one task at once (scheduled, failed and cancelled ones too) and runs it
    // here, beside the claimed ones. Call on the dispatcher's thread; a refusal comes as runNowRefused().
    void runNow(qint64 taskId);

    // Called (on the dispatcher's thread) for each task that entered the failed state through this worker.
    void setOnFailed(std::function<void(const Task& task)> onFailed) { m_onFailed = std::move(onFailed); }

Q_SIGNALS:
    void finished(int exitCode);
    void runRecorded(qint64 taskId, const QString& queue, const QString& handler, taskdeck::RunOutcome outcome,
                     qint64 durationMs);
    void connectionProblem(const QString& message);
    void connectionRestored();
    // A run's life as the console's local executor view shows it: placed on the pool, progress (emitted from the
    // pool thread), and its end (recorded, handed back or abandoned).
    void runStarted(qint64 taskId, const QString& queue, const QString& handler, int attempt);
    void runProgressed(qint64 taskId, int percent, const QString& message);
    void runEnded(qint64 taskId);
    void runNowRefused(qint64 taskId, const QString& reason);
    // The task was claimed again while this worker's earlier attempt of it still winds down (its lease ran out under
    // it, a stalled renewal): the new attempt starts, with runStarted(), once the earlier one has ended.
    void runHeldBack(qint64 taskId, int attempt);
    // A claim found nothing runnable: the worker claims again in pollMs unless woken sooner (a notification, or
    // tasks committed by this process).
    void waiting(qint64 pollMs);

private:
    struct Run;
    struct PendingCompletion
    {
        Completion completion;
        QString handler;
        bool deadLettered = false;
    };

    void scheduleClaim(qint64 delayMs);
    void claim();
    void startRun(const ClaimedTask& task);
    // Pool threads hand finished runs back through m_finishedRuns: one queued call for all that finish before the
    // dispatcher's thread takes them, not one event (and one wake-up of that thread) per run.
    void handBack(qint64 taskId, HandlerOutcome outcome);
    void takeFinishedRuns();
    void onRunDone(qint64 taskId, const HandlerOutcome& outcome);
    void scheduleFlush(qint64 delayMs = 0);
    void flush();
    static QList<Completion> completionsOf(const QList<PendingCompletion>& pending);
    // The recorder's answer for m_recording.
    void onRecorded(Result<CompletionReport> report);
    // Metrics, signals and the failure callback for outcomes the database has taken (or fenced).
    void outcomesRecorded(const QList<PendingCompletion>& done, const CompletionReport& report);
    void heartbeat();
    void rescue();
    void checkDeadlines();
    void fireSchedules();
    void maintain();
    void cancelAll(CancellationToken::Reason reason);
    bool ensureStore();
    void storeFailed(const Error& error);
    void subscribeToNotifications();
    void finishIfDone();
    bool workLeft() const;

    Locator m_locator;
    std::shared_ptr<const HandlerRegistry> m_handlers;
    WorkerOptions m_options;
    std::unique_ptr<TaskStore> m_store;
    QString m_workerId;
    RunPumps* m_runPumps; // a child, so that it moves with the dispatcher to another thread
    QMutex m_finishedRunsMutex; // guards m_finishedRuns
    std::vector<std::pair<qint64, HandlerOutcome>> m_finishedRuns;
    std::map<qint64, std::unique_ptr<Run>> m_runs;
    // Claimed attempts whose task still has a run in m_runs: two attempts of one task never run at once, not even
    // in one worker. Their leases are renewed like the runs'.
    std::map<qint64, ClaimedTask> m_heldBack;
    QList<PendingCompletion> m_pending;
    std::unique_ptr<OutcomeRecorder> m_recorder; // null where outcomes are recorded on m_store
    QList<PendingCompletion> m_recording; // with m_recorder, its answer not back yet
    QElapsedTimer m_recorderFailedClock;
    qint64 m_recorderRetryDelayMs = 0; // > 0 after a failed recording: batches go to m_store until it has passed
    QMutex m_progressMutex;
    QHash<qint64, ProgressUpdate> m_progress;
    QHash<QString, int> m_queueTimeouts;
    std::function<void(const Task&)> m_onFailed;
    WorkerMetrics m_metrics;
    std::unique_ptr<LeaseWatchdog> m_watchdog;

    QTimer m_claimTimer;
    QTimer m_flushTimer;
    QTimer m_heartbeatTimer;
    QTimer m_rescueTimer;
    QTimer m_deadlineTimer;
    QTimer m_graceTimer;
    QTimer m_scheduleTimer;
    QTimer m_maintenanceTimer;
    bool m_heldMaintenance = false;
    qint64 m_nextPruneAtMs = 0; // monotonic: maintenance ticks in between only fold the task counts
    qint64 m_pollMs = 0;
    QElapsedTimer m_reconnectClock;
    qint64 m_reconnectDelayMs = 0;
    QElapsedTimer m_stoppingClock;
    bool m_connectionBroken = false;
    bool m_started = false;
    bool m_stopping = false;
    bool m_finished = false;
    bool m_claimedOnce = false;
    bool m_lastClaimEmpty = false;
};

} // namespace taskdeck
