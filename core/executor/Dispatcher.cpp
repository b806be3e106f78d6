#include "executor/Dispatcher.h"

#include "executor/RunPumps.h"
#include "store/LocalWakeups.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSysInfo>
#include <QThread>

namespace taskdeck {

namespace {

bool isConnectionTrouble(const Error& error)
{
    return error.code == ErrorCode::Database || error.code == ErrorCode::Unavailable;
}

// The largest batch of outcomes recorded on the recorder's connection rather than the worker's (flush()).
constexpr qsizetype kMaxOutcomesRecordedAside = 64;

qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}

} // namespace

struct Dispatcher::Run
{
    ClaimedTask task;
    std::shared_ptr<CancellationToken> token = std::make_shared<CancellationToken>();
    QDeadlineTimer deadline{QDeadlineTimer::Forever};
    std::optional<int> timeoutS;
    QElapsedTimer clock;
};

Dispatcher::Dispatcher(Locator locator, std::shared_ptr<const HandlerRegistry> handlers, WorkerOptions options,
                       QObject* parent)
    : QObject(parent)
    , m_locator(std::move(locator))
    , m_handlers(std::move(handlers))
    , m_options(std::move(options))
    , m_runPumps(new RunPumps(std::clamp(m_options.concurrency, 1, 1000), this))
    , m_claimTimer(this)
    , m_flushTimer(this)
    , m_heartbeatTimer(this)
    , m_rescueTimer(this)
    , m_deadlineTimer(this)
    , m_graceTimer(this)
    , m_scheduleTimer(this)
    , m_maintenanceTimer(this)
{
    // The timers are children, so that moveToThread() takes them along (the console runs a dispatcher on a thread
    // of its own).
    m_options.concurrency = std::clamp(m_options.concurrency, 1, 1000);
    m_options.leaseMs = std::max<qint64>(m_options.leaseMs, 500);
    m_options.heartbeatMs = std::clamp<qint64>(m_options.heartbeatMs, 100, m_options.leaseMs / 2);
    m_options.pollMinMs = std::max<qint64>(m_options.pollMinMs, 1);
    m_options.pollMaxMs = std::max(m_options.pollMaxMs, m_options.pollMinMs);
    m_pollMs = m_options.pollMinMs;
    m_options.maintenanceIntervalMs = std::max<qint64>(m_options.maintenanceIntervalMs, 1'000);
    for (QTimer* timer : {&m_claimTimer, &m_flushTimer, &m_graceTimer, &m_scheduleTimer, &m_maintenanceTimer})
        timer->setSingleShot(true);
    connect(&m_scheduleTimer, &QTimer::timeout, this, &Dispatcher::fireSchedules);
    connect(&m_maintenanceTimer, &QTimer::timeout, this, &Dispatcher::maintain);
    connect(&m_claimTimer, &QTimer::timeout, this, &Dispatcher::claim);
    connect(&m_flushTimer, &QTimer::timeout, this, &Dispatcher::flush);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Dispatcher::heartbeat);
    connect(&m_rescueTimer, &QTimer::timeout, this, &Dispatcher::rescue);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Dispatcher::checkDeadlines);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] { cancelAll(CancellationToken::Reason::ShuttingDown); });
}

Dispatcher::~Dispatcher()
{
    // Waits for a recording under way; its answer, queued to this object, goes with it.
    m_recorder.reset();
    // Handlers must not outlive the dispatcher they report to; runs that have not started never will.
    m_runPumps->dropQueued();
    cancelAll(CancellationToken::Reason::ShuttingDown);
    delete m_runPumps; // waits for the running handlers
}

Status Dispatcher::start()
{
    if (m_started)
        return {};
    if (!m_handlers || m_handlers->isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("the worker has no handlers: configure at least one in its configuration"));
    auto store = TaskStore::open(m_locator, m_options.store, SchemaMode::Require);
    if (!store)
        return store.error();
    m_store = std::move(*store);
    if (m_store->dialect().traits().writersRunConcurrently)
        m_recorder = std::make_unique<OutcomeRecorder>(m_locator, m_options.store);
    m_workerId = QStringLiteral("%1@%2:%3:%4")
                     .arg(m_options.name, QSysInfo::machineHostName())
                     .arg(QCoreApplication::applicationPid())
                     .arg(QRandomGenerator::global()->generate() & 0xffff, 4, 16, QLatin1Char('0'));
    WorkerInfo info;
    info.id = m_workerId;
    info.name = m_options.name;
    info.host = QSysInfo::machineHostName();
    info.pid = QCoreApplication::applicationPid();
    info.version = QStringLiteral(TASKDECK_VERSION_STRING);
    info.queues = m_options.queues;
    info.handlers = m_handlers->names();
    info.concurrency = m_options.concurrency;
    if (auto s = m_store->registerWorker(info); !s)
        return s;
    subscribeToNotifications();
    // Tasks committed by this process (a producer, the console) wake this worker at once, with or without a
    // notification channel; queued into this thread.
    connect(&LocalWakeups::instance(), &LocalWakeups::tasksCommitted, this,
            [this, key = m_locator.redacted()](const QString& databaseKey) {
                if (databaseKey != key)
                    return;
                m_pollMs = m_options.pollMinMs;
                scheduleClaim(0);
            });
    // Leases were last renewed at most one heartbeat before a failed renewal: stop a heartbeat before they end.
    m_watchdog = std::make_unique<LeaseWatchdog>(m_options.leaseMs - m_options.heartbeatMs);
    m_watchdog->start();
    m_started = true;
    m_heartbeatTimer.start(int(m_options.heartbeatMs));
    // Rescue as often as leases are renewed: an orphan comes back within lease + heartbeat.
    m_rescueTimer.start(int(m_options.heartbeatMs));
    m_deadlineTimer.start(100);
    rescue();
    scheduleClaim(0);
    if (m_options.mode == WorkerOptions::Mode::Continuous) {
        if (m_options.fireSchedules)
            m_scheduleTimer.start(0);
        if (m_options.maintain)
            m_maintenanceTimer.start(int(std::min(m_options.maintenanceIntervalMs, m_options.heartbeatMs)));
    }
    return {};
}

void Dispatcher::subscribeToNotifications()
{
    const QString channel = m_store->dialect().notificationChannel();
    QSqlDriver* driver = m_store->database().driver();
    if (!m_store->dialect().traits().notifiesListeningWorkers || !driver ||
        !driver->hasFeature(QSqlDriver::EventNotifications))
        return;
    if (driver->subscribeToNotification(channel)) {
        connect(driver, &QSqlDriver::notification, this, [this] {
            m_pollMs = m_options.pollMinMs;
            scheduleClaim(0);
        });
    }
}

void Dispatcher::scheduleClaim(qint64 delayMs)
{
    if (m_stopping || !m_started)
        return;
    if (m_options.mode == WorkerOptions::Mode::Once && m_claimedOnce)
        return;
    if (!m_claimTimer.isActive() || m_claimTimer.remainingTime() > delayMs)
        m_claimTimer.start(int(delayMs));
}

void Dispatcher::claim()
{
    if (m_stopping)
        return;
    const int capacity = m_options.concurrency - inFlight();
    if (capacity <= 0)
        return; // a finishing run schedules the next claim
    if (!ensureStore()) {
        scheduleClaim(std::max<qint64>(m_reconnectDelayMs, m_options.pollMinMs));
        return;
    }
    ClaimRequest request;
    request.workerId = m_workerId;
    request.queues = m_options.queues;
    request.handlers = m_handlers->names();
    request.limit = capacity;
    request.leaseMs = m_options.leaseMs;
    auto claimed = m_store->claim(request);
    if (!claimed) {
        storeFailed(claimed.error());
        scheduleClaim(m_options.pollMaxMs);
        return;
    }
    m_claimedOnce = true;
    for (const ClaimedTask& task : std::as_const(*claimed)) {
        ++m_metrics.byQueueAndHandler[{task.queue, task.handler}].claimed;
        startRun(task);
    }
    const bool wasIdle = m_lastClaimEmpty;
    m_lastClaimEmpty = claimed->isEmpty();
    if (claimed->size() == capacity) {
        m_pollMs = m_options.pollMinMs; // full: more may be waiting; the next finishing run claims again
    } else if (!claimed->isEmpty()) {
        m_pollMs = m_options.pollMinMs;
        scheduleClaim(m_pollMs);
    } else {
        finishIfDone(); // drain / once: nothing runnable now
        // Back off only while idle: the first empty claim after work polls again soon.
        m_pollMs = wasIdle ? std::min(m_pollMs * 2, m_options.pollMaxMs) : m_options.pollMinMs;
        scheduleClaim(m_pollMs);
        Q_EMIT waiting(m_pollMs);
    }
}

void Dispatcher::runNow(qint64 taskId)
{
    if (m_stopping) {
        Q_EMIT runNowRefused(taskId, tr("the local executor is stopping"));
        return;
    }
    if (!ensureStore()) {
        Q_EMIT runNowRefused(taskId, tr("the local executor has no database connection at the moment"));
        return;
    }
    auto found = m_store->task(taskId);
    if (!found) {
        storeFailed(found.error());
        Q_EMIT runNowRefused(taskId, found.error().message);
        return;
    }
    if (found->has_value() && !m_handlers->find((*found)->task.handler)) {
        Q_EMIT runNowRefused(taskId,
                             tr("the local executor has no handler '%1' (it has: %2)")
                                 .arg((*found)->task.handler, m_handlers->names().join(QLatin1String(", "))));
        return;
    }
    auto claimed = m_store->claimTaskNow(m_workerId, taskId, m_options.leaseMs);
    if (!claimed) {
        if (claimed.error().code == ErrorCode::Database || claimed.error().code == ErrorCode::Unavailable)
            storeFailed(claimed.error());
        Q_EMIT runNowRefused(taskId, claimed.error().message);
        return;
    }
    ++m_metrics.byQueueAndHandler[{claimed->queue, claimed->handler}].claimed;
    startRun(*claimed);
}

void Dispatcher::startRun(const ClaimedTask& task)
{
    if (const auto previous = m_runs.find(task.id); previous != m_runs.end()) {
        // Our lease ran out under the earlier attempt and the task came back to us; the earlier attempt's outcome is
        // fenced off, and its handler (a process tree, perhaps) is stopped before the new one starts.
        previous->second->token->cancel(CancellationToken::Reason::LeaseLost);
        m_heldBack[task.id] = task;
        Q_EMIT runHeldBack(task.id, task.attempt);
        return;
    }
    auto run = std::make_unique<Run>();
    run->task = task;
    run->clock.start();
    const std::shared_ptr<const Handler> handler = m_handlers->find(task.handler);
    if (handler) {
        run->timeoutS = task.timeoutS ? task.timeoutS : handler->timeoutS;
        if (!run->timeoutS && m_queueTimeouts.contains(task.queue))
            run->timeoutS = m_queueTimeouts.value(task.queue);
        if (run->timeoutS)
            run->deadline = QDeadlineTimer(qint64(*run->timeoutS) * 1000);
    }
    const auto token = run->token;
    const qint64 id = task.id;
    HandlerContext context;
    context.taskId = task.id;
    context.attempt = task.attempt;
    context.maxAttempts = task.maxAttempts;
    context.queue = task.queue;
    context.handler = task.handler;
    context.payload = task.payload;
    context.progress = [this, id, attempt = task.attempt](int percent, const QString& message) {
        {
            QMutexLocker lock(&m_progressMutex);
            m_progress.insert(id, ProgressUpdate{id, attempt, percent, message});
        }
        Q_EMIT runProgressed(id, percent, message);
    };
    auto job = [this, handler, token, id, context]() mutable {
        context.token = token.get();
        HandlerOutcome outcome;
        if (!handler) {
            outcome = HandlerOutcome::failure(tr("this worker has no handler '%1'").arg(context.handler));
        } else {
            // Nothing may leave a pool thread: an exception becomes the run's failure.
            try {
                outcome = handler->run(context);
            } catch (const std::exception& e) {
                outcome = HandlerOutcome::failure(
                    tr("the handler threw an exception: %1").arg(QString::fromLocal8Bit(e.what())));
            } catch (...) {
                outcome = HandlerOutcome::failure(tr("the handler threw an unknown exception"));
            }
        }
        handBack(id, std::move(outcome));
    };
    if (m_watchdog)
        m_watchdog->watch(id, run->token);
    m_runs.emplace(id, std::move(run));
    m_runPumps->queue(id, std::move(job));
    Q_EMIT runStarted(id, task.queue, task.handler, task.attempt);
}

void Dispatcher::handBack(qint64 taskId, HandlerOutcome outcome)
{
    bool first = false;
    {
        QMutexLocker lock(&m_finishedRunsMutex);
        first = m_finishedRuns.empty();
        m_finishedRuns.emplace_back(taskId, std::move(outcome));
    }
    // Only the first since the last take posts: the take that call makes collects the others.
    if (first)
        QMetaObject::invokeMethod(this, &Dispatcher::takeFinishedRuns, Qt::QueuedConnection);
}

void Dispatcher::takeFinishedRuns()
{
    std::vector<std::pair<qint64, HandlerOutcome>> finished;
    {
        QMutexLocker lock(&m_finishedRunsMutex);
        finished.swap(m_finishedRuns);
    }
    for (const auto& [taskId, outcome] : finished)
        onRunDone(taskId, outcome);
}

void Dispatcher::onRunDone(qint64 taskId, const HandlerOutcome& outcome)
{
    const auto it = m_runs.find(taskId);
    if (it == m_runs.end())
        return;
    const Run& run = *it->second;
    const auto reason = run.token->reason();
    PendingCompletion pending;
    pending.handler = run.task.handler;
    Completion& c = pending.completion;
    c = Completion::of(run.task, outcome.outcome, outcome.message);
    c.durationMs = run.clock.elapsed();
    c.retryable = outcome.retryable;
    c.resultJson = outcome.resultJson;
    c.retryDelayMs = outcome.retryDelayMs;
    bool report = true;
    switch (reason) {
    case CancellationToken::Reason::None:
        break;
    case CancellationToken::Reason::TimedOut:
        // Even a handler that ignored its token and finished: it ran past its limit.
        c.outcome = RunOutcome::TimedOut;
        c.retryable = true;
        c.message = tr("timed out after %1 s").arg(run.timeoutS.value_or(0)) +
            (outcome.message.isEmpty() ? QString() : QLatin1Char('\n') + outcome.message);
        break;
    case CancellationToken::Reason::Cancelled:
        if (outcome.outcome != RunOutcome::Succeeded) {
            c.outcome = RunOutcome::Cancelled;
            c.message = tr("cancelled by an operator") +
                (outcome.message.isEmpty() ? QString() : QLatin1Char('\n') + outcome.message);
        }
        break;
    case CancellationToken::Reason::LeaseLost:
        // A handler that finished its work anyway is reported: fencing applies the result only if this worker still
        // holds the lease (the watchdog stops handlers on a stalled renewal, which may yet succeed), so the task does
        // not run a second time for nothing. An interrupted one is not: its task comes back through its lease.
        // Not when this worker has claimed the task again meanwhile: the lease is the new attempt's.
        report = outcome.outcome == RunOutcome::Succeeded && !m_heldBack.count(taskId);
        break;
    case CancellationToken::Reason::ShuttingDown:
        if (outcome.outcome != RunOutcome::Succeeded) {
            c.outcome = RunOutcome::Failed;
            c.retryable = true;
            c.retryDelayMs = 0;
            c.message = tr("interrupted: the worker shut down before the task finished");
        }
        break;
    }
    pending.deadLettered = (c.outcome == RunOutcome::Failed || c.outcome == RunOutcome::TimedOut) &&
        (!c.retryable || run.task.attempt >= run.task.maxAttempts);
    if (m_watchdog)
        m_watchdog->forget(taskId);
    m_runs.erase(it);
    Q_EMIT runEnded(taskId);
    if (report)
        m_pending << pending;
    scheduleFlush();
    if (const auto held = m_heldBack.find(taskId); held != m_heldBack.end()) {
        const ClaimedTask next = held->second;
        m_heldBack.erase(held);
        startRun(next);
    }
}

void Dispatcher::scheduleFlush(qint64 delayMs)
{
    // A zero-delay timer collects the outcomes that arrive together into one transaction.
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > delayMs)
        m_flushTimer.start(int(delayMs));
}

void Dispatcher::flush()
{
    // Small batches go to the recorder, so that a claim for newly enqueued work does not wait behind their commit.
    // A large one is recorded here: the worker is saturated, the claim for the capacity it frees waits for it in any
    // case, and a second connection would only add a server process competing for the CPU (the high-throughput
    // drain was 15 % slower with every batch recorded aside). After the recorder failed, batches go here until its
    // next try is due: outcomes get recorded even where a second connection cannot be had.
    const bool recorderReady = m_recorderRetryDelayMs == 0 || m_recorderFailedClock.elapsed() >= m_recorderRetryDelayMs;
    if (m_recorder && (!m_recording.isEmpty() || (recorderReady && m_pending.size() <= kMaxOutcomesRecordedAside))) {
        // One batch at a time, so that outcomes reach the database in the order they came; what finishes meanwhile
        // goes with the next batch.
        if (!m_pending.isEmpty() && m_recording.isEmpty()) {
            m_recording = std::exchange(m_pending, {});
            m_recorder->record(m_workerId, completionsOf(m_recording), [this](Result<CompletionReport> report) {
                QMetaObject::invokeMethod(
                    this, [this, report = std::move(report)]() mutable { onRecorded(std::move(report)); },
                    Qt::QueuedConnection);
            });
        }
        // The capacity the finished runs freed is claimed at once, while their outcomes are being recorded (the
        // default configuration's drain: 2,300 → 3,200–3,600 tasks/s).
        if (m_options.mode != WorkerOptions::Mode::Once || !m_claimedOnce)
            scheduleClaim(0);
        finishIfDone();
        return;
    }
    if (!m_pending.isEmpty()) {
        if (!ensureStore()) {
            scheduleFlush(std::max<qint64>(m_reconnectDelayMs, 200));
            finishIfDone();
            return;
        }
        auto report = m_store->complete(m_workerId, completionsOf(m_pending));
        if (!report) {
            storeFailed(report.error());
            scheduleFlush(std::max<qint64>(m_reconnectDelayMs, 500));
            finishIfDone();
            return;
        }
        outcomesRecorded(std::exchange(m_pending, {}), *report);
    }
    if (m_options.mode == WorkerOptions::Mode::Once && m_claimedOnce) {
        finishIfDone();
        return;
    }
    scheduleClaim(0);
    finishIfDone();
}

QList<Completion> Dispatcher::completionsOf(const QList<PendingCompletion>& pending)
{
    QList<Completion> completions;
    completions.reserve(pending.size());
    for (const PendingCompletion& p : pending)
        completions << p.completion;
    return completions;
}

void Dispatcher::onRecorded(Result<CompletionReport> report)
{
    QList<PendingCompletion> done = std::exchange(m_recording, {});
    if (!report) {
        // Kept, ahead of what finished meanwhile, and recorded at once on the worker's own connection; the recorder
        // tries again (reopening its connection) after a pause that grows while it keeps failing.
        Q_EMIT connectionProblem(report.error().message);
        m_recorderRetryDelayMs = std::clamp<qint64>(m_recorderRetryDelayMs * 2, 500, 30'000);
        m_recorderFailedClock.restart();
        m_pending = done + m_pending;
        scheduleFlush();
        finishIfDone();
        return;
    }
    if (m_recorderRetryDelayMs > 0) {
        m_recorderRetryDelayMs = 0;
        if (!m_connectionBroken)
            Q_EMIT connectionRestored();
    }
    outcomesRecorded(done, *report);
    if (!m_pending.isEmpty())
        scheduleFlush();
    if (m_options.mode == WorkerOptions::Mode::Once && m_claimedOnce) {
        finishIfDone();
        return;
    }
    // A failed task may be runnable again now: a drain claims once more before it ends.
    m_lastClaimEmpty = false;
    scheduleClaim(0);
    finishIfDone();
}

void Dispatcher::outcomesRecorded(const QList<PendingCompletion>& done, const CompletionReport& report)
{
    const QSet<qint64> applied(report.applied.cbegin(), report.applied.cend());
    for (const PendingCompletion& p : done) {
        if (!applied.contains(p.completion.taskId)) {
            ++m_metrics.fenced; // the task moved on without us
            continue;
        }
        WorkerMetrics::Series& series = m_metrics.byQueueAndHandler[{p.completion.queue, p.handler}];
        ++series.completed[outcomeName(p.completion.outcome)];
        series.durationSecondsSum += p.completion.durationMs / 1000.0;
        ++series.durationCount;
        Q_EMIT runRecorded(p.completion.taskId, p.completion.queue, p.handler, p.completion.outcome,
                           p.completion.durationMs);
        if (p.deadLettered && m_onFailed && ensureStore()) {
            auto task = m_store->task(p.completion.taskId);
            if (task && task->has_value() && (*task)->task.state == TaskState::Failed)
                m_onFailed((*task)->task);
        }
    }
}

void Dispatcher::heartbeat()
{
    // Without renewals our leases run out: the LeaseWatchdog stops the handlers in time, whether renewals fail
    // here or hang.
    if (!ensureStore())
        return;
    QList<qint64> ids;
    for (const auto& [id, run] : m_runs) {
        if (run->token->reason() != CancellationToken::Reason::LeaseLost || m_heldBack.count(id))
            ids << id;
    }
    auto leases = m_store->extendLeases(m_workerId, ids, m_options.leaseMs);
    if (!leases) {
        storeFailed(leases.error());
        return;
    }
    if (m_watchdog)
        m_watchdog->renewed();
    for (qint64 id : std::as_const(leases->lost)) {
        m_heldBack.erase(id); // the held-back attempt went elsewhere or back to the queue
        if (const auto it = m_runs.find(id); it != m_runs.end())
            it->second->token->cancel(CancellationToken::Reason::LeaseLost);
    }
    for (qint64 id : std::as_const(leases->cancelRequested)) {
        if (const auto it = m_runs.find(id); it != m_runs.end())
            it->second->token->cancel(CancellationToken::Reason::Cancelled);
    }
    QList<ProgressUpdate> progress;
    {
        QMutexLocker lock(&m_progressMutex);
        progress = m_progress.values();
        m_progress.clear();
    }
    if (auto s = m_store->updateProgress(m_workerId, progress); !s)
        storeFailed(s.error());
    if (auto s = m_store->workerHeartbeat(m_workerId, inFlight(), m_stopping); !s)
        storeFailed(s.error());
}

void Dispatcher::rescue()
{
    if (!ensureStore())
        return;
    auto rescued = m_store->rescueExpiredLeases(100);
    if (!rescued) {
        storeFailed(rescued.error());
        return;
    }
    if (!rescued->isEmpty())
        scheduleClaim(0);
    // A worker silent for three leases is gone; its tasks came back through their leases already.
    if (auto removed = m_store->removeStaleWorkers(3 * m_options.leaseMs); !removed) {
        storeFailed(removed.error());
        return;
    }
    auto lags = m_store->queueLagMs();
    if (!lags) {
        storeFailed(lags.error());
        return;
    }
    m_metrics.lagSeconds.clear();
    for (const auto& [queue, lagMs] : std::as_const(*lags))
        m_metrics.lagSeconds.insert(queue, lagMs / 1000.0);
    auto queues = m_store->queues();
    if (!queues) {
        storeFailed(queues.error());
        return;
    }
    m_queueTimeouts.clear();
    for (const QueueSettings& q : std::as_const(*queues)) {
        if (q.defaultTimeoutS)
            m_queueTimeouts.insert(q.name, *q.defaultTimeoutS);
    }
}

void Dispatcher::checkDeadlines()
{
    for (const auto& [id, run] : m_runs) {
        if (!run->token->isCancelled() && run->deadline.hasExpired())
            run->token->cancel(CancellationToken::Reason::TimedOut);
    }
    if (m_stopping)
        finishIfDone();
}

void Dispatcher::fireSchedules()
{
    if (m_stopping)
        return;
    // Checked at least every heartbeat: schedules added or enabled by others have to be noticed.
    qint64 nextCheckMs = m_options.heartbeatMs;
    if (ensureStore()) {
        auto report = m_store->fireDueSchedules();
        if (!report) {
            storeFailed(report.error());
        } else {
            for (const QString& problem : std::as_const(report->unreadable))
                qWarning("TaskDeck: %s", qPrintable(problem));
            if (report->moreDue)
                nextCheckMs = 0;
            else if (report->nextDue.isValid())
                nextCheckMs = std::clamp<qint64>(report->checkedAt.msecsTo(report->nextDue), 0, nextCheckMs);
            if (!report->fired.isEmpty())
                scheduleClaim(0);
        }
    }
    m_scheduleTimer.start(int(nextCheckMs));
}

void Dispatcher::maintain()
{
    if (m_stopping)
        return;
    // Pruning once per interval; between passes, every heartbeat, the worker whose turn it is folds the count rows
    // that the servers' triggers append (a row per statement and queue, handler and state; on MariaDB per changed
    // task), so that the overview sums a few seconds' rows rather than a minute's, however busy the fleet.
    const qint64 tickMs = std::min(m_options.maintenanceIntervalMs, m_options.heartbeatMs);
    if (ensureStore()) {
        if (monotonicMs() >= m_nextPruneAtMs) {
            qint64 nextPassMs = m_options.maintenanceIntervalMs;
            auto report = m_store->prune(m_workerId);
            if (!report) {
                storeFailed(report.error());
            } else {
                m_heldMaintenance = report->tookTurn;
                if (report->moreLeft)
                    nextPassMs = tickMs; // a backlog goes in short steps
            }
            m_nextPruneAtMs = monotonicMs() + nextPassMs;
        } else if (m_heldMaintenance) {
            if (auto folded = m_store->foldTaskCounts(); !folded)
                storeFailed(folded.error());
        }
    }
    m_maintenanceTimer.start(int(tickMs));
}

void Dispatcher::cancelAll(CancellationToken::Reason reason)
{
    for (const auto& [id, run] : m_runs)
        run->token->cancel(reason);
}

void Dispatcher::stop()
{
    if (!m_started) {
        m_finished = true;
        Q_EMIT finished(0);
        return;
    }
    if (m_stopping) {
        cancelAll(CancellationToken::Reason::ShuttingDown);
        return;
    }
    m_stopping = true;
    m_stoppingClock.start();
    m_claimTimer.stop();
    // Claimed tasks that have not started yet go back to the queue at once, without using up an attempt.
    QList<ClaimedTask> unstarted;
    for (const auto& [id, task] : m_heldBack)
        unstarted << task;
    m_heldBack.clear();
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        Run& run = *it->second;
        if (m_runPumps->takeQueued(run.task.id)) {
            if (m_watchdog)
                m_watchdog->forget(run.task.id);
            unstarted << run.task;
            Q_EMIT runEnded(run.task.id);
            it = m_runs.erase(it);
        } else {
            ++it;
        }
    }
    if (!unstarted.isEmpty() && ensureStore()) {
        if (auto released = m_store->releaseTasks(m_workerId, unstarted); !released)
            storeFailed(released.error());
    }
    if (!m_runs.empty())
        m_graceTimer.start(int(std::max<qint64>(0, m_options.shutdownGraceMs)));
    heartbeat(); // tells the workers table that this worker is stopping
    finishIfDone();
}

bool Dispatcher::workLeft() const
{
    return !m_runs.empty() || !m_heldBack.empty() || !m_pending.isEmpty() || !m_recording.isEmpty();
}

void Dispatcher::finishIfDone()
{
    if (m_finished || !m_started)
        return;
    bool done = false;
    int exitCode = 0;
    switch (m_options.mode) {
    case WorkerOptions::Mode::Continuous:
        done = m_stopping && !workLeft();
        break;
    case WorkerOptions::Mode::Once:
        done = (m_stopping || m_claimedOnce) && !workLeft();
        break;
    case WorkerOptions::Mode::Drain:
        done = (m_stopping || (m_claimedOnce && m_lastClaimEmpty)) && !workLeft();
        break;
    }
    // Results that cannot be recorded (database gone) are not waited for forever: their tasks come back through
    // their leases.
    if (!done && m_stopping && m_runs.empty() && (!m_pending.isEmpty() || !m_recording.isEmpty()) &&
        m_stoppingClock.elapsed() > m_options.shutdownGraceMs + 30'000) {
        done = true;
        exitCode = 1;
    }
    if (!done)
        return;
    m_finished = true;
    for (QTimer* timer : {&m_claimTimer, &m_flushTimer, &m_heartbeatTimer, &m_rescueTimer, &m_deadlineTimer,
                          &m_graceTimer, &m_scheduleTimer, &m_maintenanceTimer})
        timer->stop();
    m_runPumps->stopStallCheck();
    if (m_store && m_heldMaintenance) {
        // Another worker can take over pruning at once instead of after the maintenance lease runs out.
        if (auto s = m_store->releaseMaintenance(m_workerId); !s)
            qWarning("TaskDeck: %s", qPrintable(s.error().message));
    }
    if (m_store) {
        if (auto s = m_store->unregisterWorker(m_workerId); !s)
            qWarning("TaskDeck: %s", qPrintable(s.error().message));
    }
    if (m_recording.isEmpty())
        m_recorder.reset(); // else the destructor waits for the recording under way
    Q_EMIT finished(exitCode);
}

bool Dispatcher::ensureStore()
{
    if (m_store)
        return true;
    if (m_reconnectClock.isValid() && m_reconnectClock.elapsed() < m_reconnectDelayMs)
        return false;
    m_reconnectClock.restart();
    auto store = TaskStore::open(m_locator, m_options.store, SchemaMode::Require);
    if (!store) {
        m_reconnectDelayMs = std::clamp<qint64>(m_reconnectDelayMs * 2, 500, 30'000);
        Q_EMIT connectionProblem(store.error().message);
        return false;
    }
    m_store = std::move(*store);
    m_reconnectDelayMs = 0;
    subscribeToNotifications();
    if (m_connectionBroken) {
        m_connectionBroken = false;
        Q_EMIT connectionRestored();
    }
    return true;
}

void Dispatcher::storeFailed(const Error& error)
{
    Q_EMIT connectionProblem(error.message);
    if (isConnectionTrouble(error)) {
        // Reopen on the next use: a broken connection does not heal by itself.
        m_store.reset();
        m_connectionBroken = true;
        m_reconnectClock.restart();
        m_reconnectDelayMs = std::max<qint64>(m_reconnectDelayMs, 500);
    }
}

} // namespace taskdeck
