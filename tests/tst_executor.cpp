#include "db/DatabaseConnection.h"
#include "executor/BuiltinHandlers.h"
#include "executor/Dispatcher.h"
#include "executor/ProcessHandler.h"
#include "support/TestDatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWaitCondition>

#include <atomic>

using namespace taskdeck;
using namespace taskdeck::test;

namespace {

// Tests keep leases short (1–2 s) so that the fault paths run quickly.
WorkerOptions fastOptions(WorkerOptions::Mode mode, int concurrency = 4)
{
    WorkerOptions options;
    options.name = QStringLiteral("test");
    options.mode = mode;
    options.concurrency = concurrency;
    options.leaseMs = 2'000;
    options.heartbeatMs = 200;
    options.pollMinMs = 10;
    options.pollMaxMs = 100;
    options.shutdownGraceMs = 5'000;
    options.store.retryPolicy.baseDelayMs = 50;
    options.store.retryPolicy.maxDelayMs = 400;
    return options;
}

bool processAlive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    // A zombie has finished; only its parent has not collected it yet.
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
}

// Shell commands that start three children that outlive the handler unless something ends them, each writing its
// pid to $PIDFILE: one in the background (the handler's process group), one that called setsid (a session of its
// own, out of reach of a signal to the group), and one whose parent exited at once (a daemon, re-parented away).
const char* const kEscapingChildren =
    "sleep 300 & echo $! >> \"$PIDFILE\"; setsid sleep 300 & echo $! >> \"$PIDFILE\"; "
    "(sleep 300 & echo $! >> \"$PIDFILE\"); ";

QList<qint64> pidsIn(const QString& path)
{
    QList<qint64> pids;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!file.atEnd())
            pids << file.readLine().trimmed().toLongLong();
    }
    return pids;
}

bool anyAlive(const QList<qint64>& pids)
{
    return std::any_of(pids.cbegin(), pids.cend(), [](qint64 pid) { return processAlive(pid); });
}

std::shared_ptr<ProcessHandler> shell(const QString& script)
{
    auto handler = std::make_shared<ProcessHandler>();
    handler->program = QStringLiteral("/bin/sh");
    handler->arguments = {QStringLiteral("-c"), script};
    handler->killGraceMs = 500;
    return handler;
}

// A worker on a thread of its own, as in the console: its database calls may hang, the test's not. Stopped, and its
// thread ended, when this goes.
class ThreadedWorker
{
public:
    ThreadedWorker(const Locator& locator, std::shared_ptr<const HandlerRegistry> handlers, WorkerOptions options)
        : worker(new Dispatcher(locator, std::move(handlers), std::move(options)))
    {
        worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
        m_thread.start();
    }
    ~ThreadedWorker()
    {
        QMetaObject::invokeMethod(
            worker, [this] { worker->stop(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait(60'000);
    }
    ThreadedWorker(const ThreadedWorker&) = delete;
    ThreadedWorker& operator=(const ThreadedWorker&) = delete;

    Status start()
    {
        Status started = makeError(ErrorCode::Database, QStringLiteral("not started"));
        QMetaObject::invokeMethod(
            worker, [&] { started = worker->start(); }, Qt::BlockingQueuedConnection);
        return started;
    }

    Dispatcher* const worker; // lives on the thread

private:
    QThread m_thread;
};

} // namespace

class TestExecutor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;

    TaskState stateOf(qint64 id)
    {
        auto details = m_store->task(id);
        return details && details->has_value() ? (*details)->task.state : TaskState::Pending;
    }

    TaskDetails detailsOf(qint64 id)
    {
        auto details = m_store->task(id);
        return details && details->has_value() ? **details : TaskDetails{};
    }

    qint64 enqueue(const QString& handler, const QString& payload = {}, int maxAttempts = 5,
                   const QString& queue = QStringLiteral("default"))
    {
        EnqueueRequest r;
        r.handler = handler;
        r.payload = payload;
        r.maxAttempts = maxAttempts;
        r.queue = queue;
        auto enqueued = m_store->enqueue(r);
        return enqueued ? enqueued->id : -1;
    }

private slots:
    void init() { TD_VERIFY_OK(openFresh(m_db, m_store)); }

    void cleanup() { closeFresh(m_db, m_store); }

    void drains5000TasksOnceEach()
    {
        constexpr int kTasks = 5'000;
        QList<EnqueueRequest> batch;
        for (int i = 0; i < kTasks; ++i) {
            EnqueueRequest r;
            r.handler = QStringLiteral("count");
            r.payload = QStringLiteral("{\"n\": %1}").arg(i);
            batch << r;
        }
        TD_VERIFY_OK(m_store->enqueueBatch(batch));

        QMutex mutex;
        QHash<qint64, int> executions;
        std::atomic<int> running{0};
        std::atomic<int> mostAtOnce{0};
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("count"), [&](HandlerContext& context) {
            const int now = ++running;
            int seen = mostAtOnce.load();
            while (now > seen && !mostAtOnce.compare_exchange_weak(seen, now)) { }
            {
                QMutexLocker lock(&mutex);
                ++executions[context.taskId];
            }
            --running;
            return HandlerOutcome::success();
        });
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Drain, 4));
        QSignalSpy finished(&worker, &Dispatcher::finished);
        TD_VERIFY_OK(worker.start());
        QVERIFY(finished.wait(240'000));
        QCOMPARE(finished.first().first().toInt(), 0);

        QCOMPARE(executions.size(), kTasks);
        for (auto it = executions.cbegin(); it != executions.cend(); ++it)
            QCOMPARE(it.value(), 1);
        QVERIFY(mostAtOnce.load() <= 4);
        TD_TRY(counts, m_store->countTasks());
        QCOMPARE(counts->size(), 1);
        QCOMPARE(counts->at(0).state, DisplayState::Succeeded);
        QCOMPARE(counts->at(0).count, qint64(kTasks));
        TD_TRY(workers, m_store->workers());
        QVERIFY(workers->isEmpty()); // unregistered on the way out
    }

    void failuresRetryWithBackoffThenFail()
    {
        const qint64 id = enqueue(QStringLiteral("fail"), QStringLiteral("{\"message\": \"smtp 451\"}"), 3);
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("fail"), makeBuiltinHandler(QStringLiteral("fail")));
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TaskState::Failed, 30'000);
        const TaskDetails details = detailsOf(id);
        QCOMPARE(details.task.attempts, 3);
        QCOMPARE(details.runs.size(), 3);
        for (const TaskRun& run : details.runs) {
            QCOMPARE(run.outcome, RunOutcome::Failed);
            QCOMPARE(run.message, QStringLiteral("smtp 451"));
        }
        // Backoff 50 ms then 100 ms, ±20 %: each retry started no earlier than that after the previous failure.
        QVERIFY(details.runs.at(0).finishedAt.msecsTo(details.runs.at(1).startedAt) >= 40);
        QVERIFY(details.runs.at(1).finishedAt.msecsTo(details.runs.at(2).startedAt) >= 80);
        QSignalSpy finished(&worker, &Dispatcher::finished);
        worker.stop();
        QVERIFY(finished.count() == 1 || finished.wait(10'000));
    }

    // A worker that has found nothing waits for its next poll; tasks this process commits (enqueued or retried)
    // wake it at once. Polls here are ten minutes apart, so only the wake-up can run them within the test.
    void idleWorkerWakesForTasksThisProcessCommits()
    {
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("noop"), makeBuiltinHandler(QStringLiteral("noop")));
        handlers->add(QStringLiteral("fail"), makeBuiltinHandler(QStringLiteral("fail")));
        WorkerOptions options = fastOptions(WorkerOptions::Mode::Continuous);
        options.pollMinMs = 600'000;
        options.pollMaxMs = 600'000;
        Dispatcher worker(m_db->locator(), handlers, options);
        QSignalSpy waiting(&worker, &Dispatcher::waiting);
        TD_VERIFY_OK(worker.start());
        QVERIFY(waiting.count() > 0 || waiting.wait(10'000));

        const qint64 enqueued = enqueue(QStringLiteral("noop"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(enqueued), TaskState::Succeeded, 10'000);

        waiting.clear();
        const qint64 failing =
            enqueue(QStringLiteral("fail"), QStringLiteral("{\"message\": \"no\", \"retryable\": false}"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(failing), TaskState::Failed, 10'000);
        QVERIFY(waiting.count() > 0 || waiting.wait(10'000)); // idle again, with a failed task
        TD_TRY(retried, m_store->retryTasks({failing}));
        QCOMPARE(*retried, 1);
        QTRY_COMPARE_WITH_TIMEOUT(detailsOf(failing).runs.size(), qsizetype(2), 10'000);

        QSignalSpy finished(&worker, &Dispatcher::finished);
        worker.stop();
        QVERIFY(finished.count() == 1 || finished.wait(10'000));
    }

    void processExitCodesProgressAndResult()
    {
        const qint64 ok = enqueue(QStringLiteral("ok"), QStringLiteral("{\"order\": 7}"));
        const qint64 later = enqueue(QStringLiteral("later"), {}, 2);
        const qint64 never = enqueue(QStringLiteral("never"), {}, 5);
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("ok"),
                      shell(QStringLiteral("read payload; echo \"::progress 50 halfway\"; echo \"got $payload\"; "
                                           "echo \"::result {\\\"task\\\": $TASKDECK_TASK_ID, \\\"attempt\\\": "
                                           "$TASKDECK_ATTEMPT}\"")));
        handlers->add(QStringLiteral("later"), shell(QStringLiteral("echo busy >&2; exit 75")));
        handlers->add(QStringLiteral("never"), shell(QStringLiteral("echo bad input >&2; exit 65")));
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ok), TaskState::Succeeded, 30'000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(later), TaskState::Failed, 30'000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(never), TaskState::Failed, 30'000);

        const TaskDetails okDetails = detailsOf(ok);
        QCOMPARE(okDetails.task.result, QStringLiteral("{\"task\": %1, \"attempt\": 1}").arg(ok));
        QVERIFY2(okDetails.runs.at(0).message.contains(QLatin1String("got {\"order\": 7}")),
                 qPrintable(okDetails.runs.at(0).message));
        const TaskDetails laterDetails = detailsOf(later);
        QCOMPARE(laterDetails.runs.size(), 2); // 75: retried until attempts ran out
        QVERIFY(laterDetails.task.lastError.contains(QLatin1String("75")));
        QVERIFY(laterDetails.task.lastError.contains(QLatin1String("busy")));
        const TaskDetails neverDetails = detailsOf(never);
        QCOMPARE(neverDetails.runs.size(), 1); // 65: failed at once, attempts left or not
        QVERIFY(neverDetails.task.lastError.contains(QLatin1String("bad input")));
        worker.stop();
    }

    void progressIsReported()
    {
        const qint64 id = enqueue(QStringLiteral("slow"));
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("slow"), shell(QStringLiteral("echo '::progress 42 reading rows'; sleep 30")));
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(detailsOf(id).task.progress, std::optional<int>(42), 30'000);
        QCOMPARE(detailsOf(id).task.progressMessage, QStringLiteral("reading rows"));
        TD_VERIFY_OK(m_store->cancelTasks({id}));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TaskState::Cancelled, 30'000);
        worker.stop();
    }

    void timeoutKillsTheProcessAndItsChildren()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
        EnqueueRequest r;
        r.handler = QStringLiteral("hang");
        r.timeoutS = 1;
        r.maxAttempts = 1;
        TD_TRY(enqueued, m_store->enqueue(r));
        auto hang = shell(QLatin1String(kEscapingChildren) + QStringLiteral("sleep 60"));
        hang->environment.insert(QStringLiteral("PIDFILE"), pidFile);
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("hang"), hang);
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(enqueued->id), TaskState::Failed, 30'000);
        const TaskDetails details = detailsOf(enqueued->id);
        QCOMPARE(details.runs.size(), 1);
        QCOMPARE(details.runs.at(0).outcome, RunOutcome::TimedOut);
        QVERIFY(details.task.lastError.contains(QLatin1String("timed out after 1 s")));
        const QList<qint64> children = pidsIn(pidFile);
        QCOMPARE(children.size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!anyAlive(children), 10'000);
        worker.stop();
    }

    // Handlers that flood their output, crash, or leave children running behind them: the worker records each,
    // keeps only the tails of the output, ends the children with the handler's process group, and goes on working.
    void misbehavingHandlersAreRecordedAndLeaveNothingBehind()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("orphan.pid"));
        const qint64 flood = enqueue(QStringLiteral("flood"), {}, 1);
        const qint64 crash = enqueue(QStringLiteral("crash"), {}, 1);
        const qint64 orphan = enqueue(QStringLiteral("orphan"), {}, 1);
        auto handlers = std::make_shared<HandlerRegistry>();
        // 20 MB on standard output and 5 MB on standard error, in lines and without newlines.
        handlers->add(QStringLiteral("flood"),
                      shell(QStringLiteral("yes 'flood flood flood' | head -c 20000000; head -c 5000000 /dev/zero | "
                                           "tr '\\0' x >&2; echo; echo last-line")));
        handlers->add(QStringLiteral("crash"), shell(QStringLiteral("echo before; kill -SEGV $$")));
        // Children that would outlive the handler, which exits at once with success.
        auto leaves = shell(QLatin1String(kEscapingChildren) + QStringLiteral("exit 0"));
        leaves->environment.insert(QStringLiteral("PIDFILE"), pidFile);
        handlers->add(QStringLiteral("orphan"), leaves);
        handlers->add(QStringLiteral("noop"), makeBuiltinHandler(QStringLiteral("noop")));
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(flood) == TaskState::Succeeded && stateOf(crash) == TaskState::Failed &&
                                     stateOf(orphan) == TaskState::Succeeded,
                                 60'000);
        const TaskDetails flooded = detailsOf(flood);
        QCOMPARE(flooded.runs.size(), 1);
        QVERIFY2(flooded.runs.at(0).message.endsWith(QLatin1String("last-line")),
                 qPrintable(flooded.runs.at(0).message.right(200)));
        QVERIFY2(flooded.runs.at(0).message.size() < 16 * 1024,
                 qPrintable(QString::number(flooded.runs.at(0).message.size())));
        const TaskDetails crashed = detailsOf(crash);
        QVERIFY2(crashed.task.lastError.contains(QLatin1String("killed by a signal or crashed")) &&
                     crashed.task.lastError.contains(QLatin1String("before")),
                 qPrintable(crashed.task.lastError));
        const QList<qint64> children = pidsIn(pidFile);
        QCOMPARE(children.size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!anyAlive(children), 10'000);
        // Still working.
        const qint64 after = enqueue(QStringLiteral("noop"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(after), TaskState::Succeeded, 30'000);
        worker.stop();
    }

    // A program that cannot be started is reported as such, with the system's reason, not as an exit code.
    void missingProgramIsReportedAsCannotStart()
    {
        const qint64 id = enqueue(QStringLiteral("missing"), {}, 1);
        auto missing = std::make_shared<ProcessHandler>();
        missing->program = QStringLiteral("/nonexistent/taskdeck-handler");
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("missing"), missing);
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TaskState::Failed, 30'000);
        const QString error = detailsOf(id).task.lastError;
        QVERIFY2(error.contains(QLatin1String("cannot start /nonexistent/taskdeck-handler")) &&
                     error.contains(QLatin1String("No such file")),
                 qPrintable(error));
        worker.stop();
    }

    void builtinThatIgnoresItsTokenKeepsItsSlot()
    {
        EnqueueRequest r;
        r.handler = QStringLiteral("stubborn");
        r.timeoutS = 1;
        r.maxAttempts = 1;
        TD_TRY(enqueued, m_store->enqueue(r));
        std::atomic<int> running{0};
        std::atomic<int> mostAtOnce{0};
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("stubborn"), [&](HandlerContext&) {
            mostAtOnce = std::max(mostAtOnce.load(), ++running);
            QThread::msleep(2'500); // ignores the token on purpose; past the timeout and a lease
            --running;
            return HandlerOutcome::success();
        });
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(enqueued->id), TaskState::Failed, 30'000);
        const TaskDetails details = detailsOf(enqueued->id);
        QCOMPARE(details.runs.size(), 1); // its lease was renewed while it ran: never rescued, never run twice
        QCOMPARE(details.runs.at(0).outcome, RunOutcome::TimedOut);
        QCOMPARE(mostAtOnce.load(), 1);
        worker.stop();
    }

    // Short handlers share a few pool threads; handlers that block must still all run at once, up to the worker's
    // concurrency: each of these waits until all of them have started.
    void blockingHandlersAllRunAtOnce()
    {
        constexpr int kTasks = 12;
        QList<EnqueueRequest> requests;
        for (int i = 0; i < kTasks; ++i) {
            EnqueueRequest r;
            r.handler = QStringLiteral("rendezvous");
            r.maxAttempts = 1;
            requests << r;
        }
        TD_TRY(ids, m_store->enqueueBatch(requests));
        QMutex mutex;
        QWaitCondition allStarted;
        int started = 0;
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("rendezvous"), [&](HandlerContext&) {
            QMutexLocker lock(&mutex);
            if (++started == kTasks)
                allStarted.wakeAll();
            QDeadlineTimer deadline(20'000);
            while (started < kTasks) {
                if (!allStarted.wait(&mutex, deadline))
                    return HandlerOutcome::failure(QStringLiteral("only %1 handlers started").arg(started));
            }
            return HandlerOutcome::success();
        });
        Dispatcher worker(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Drain, kTasks));
        QSignalSpy finished(&worker, &Dispatcher::finished);
        TD_VERIFY_OK(worker.start());
        QVERIFY(finished.wait(60'000));
        for (const EnqueueResult& id : std::as_const(*ids)) {
            const TaskDetails details = detailsOf(id.id);
            QCOMPARE(details.task.state, TaskState::Succeeded);
        }
    }

    void claimsDoNotWaitForOutcomesBeingRecorded()
    {
        if (!m_store->dialect().traits().writersRunConcurrently)
            QSKIP("one writer at a time: outcomes are recorded on the worker's own connection");
        // The first task runs alone (concurrency 1, higher priority), so the second can only be claimed once the
        // first has finished.
        EnqueueRequest firstRequest;
        firstRequest.handler = QStringLiteral("first");
        firstRequest.priority = 1;
        TD_TRY(first, m_store->enqueue(firstRequest));
        const qint64 second = enqueue(QStringLiteral("second"));
        QMutex mutex;
        QWaitCondition released;
        bool go = false;
        std::atomic<bool> firstStarted = false;
        std::atomic<bool> secondStarted = false;
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("first"), [&](HandlerContext&) {
            firstStarted = true;
            QMutexLocker lock(&mutex);
            QDeadlineTimer deadline(30'000);
            while (!go && released.wait(&mutex, deadline)) { }
            return HandlerOutcome::success();
        });
        handlers->add(QStringLiteral("second"), [&](HandlerContext&) {
            secondStarted = true;
            return HandlerOutcome::success();
        });
        // Long leases: no heartbeat or rescue touches the first task's row while the test holds it.
        WorkerOptions options = fastOptions(WorkerOptions::Mode::Drain, 1);
        options.leaseMs = 60'000;
        options.heartbeatMs = 30'000;
        ThreadedWorker runner(m_db->locator(), handlers, options);
        std::atomic<bool> finished = false;
        connect(
            runner.worker, &Dispatcher::finished, runner.worker, [&] { finished = true; }, Qt::DirectConnection);
        auto locker = DatabaseConnection::open(m_db->locator());
        QVERIFY2(locker.ok(), locker.ok() ? "" : qPrintable(locker.error().message));
        // Before the runner stops the worker: the lock and the first handler must let it finish.
        const auto release = qScopeGuard([&] {
            (*locker)->database().rollback();
            QMutexLocker lock(&mutex);
            go = true;
            released.wakeAll();
        });
        TD_VERIFY_OK(runner.start());
        QTRY_VERIFY_WITH_TIMEOUT(firstStarted, 30'000);

        // The first task's outcome cannot be written while another connection holds its row: the second task must
        // start all the same.
        TD_VERIFY_OK(TestDatabase::lockTaskRow((*locker)->database(), (*locker)->dialect(), first->id));
        {
            QMutexLocker lock(&mutex);
            go = true;
            released.wakeAll();
        }
        QTRY_VERIFY_WITH_TIMEOUT(secondStarted, 30'000);
        QCOMPARE(stateOf(first->id), TaskState::Running);

        QVERIFY((*locker)->database().rollback());
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30'000);
        QCOMPARE(stateOf(first->id), TaskState::Succeeded);
        QCOMPARE(stateOf(second), TaskState::Succeeded);
        QCOMPARE(detailsOf(first->id).runs.size(), 1);
        QCOMPARE(detailsOf(second).runs.size(), 1);
    }

    void handlersStopWhenLeasesCannotBeRenewed()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
        const qint64 id = enqueue(QStringLiteral("hang"), {}, 1);
        auto hang = shell(QStringLiteral("sleep 60 & echo $! > \"$PIDFILE\"; wait"));
        hang->environment.insert(QStringLiteral("PIDFILE"), pidFile);
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("hang"), hang);
        ThreadedWorker runner(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous));
        TD_VERIFY_OK(runner.start());
        qint64 child = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            child > 0 ||
                [&] {
                    QFile file(pidFile);
                    child = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
                    return child > 0;
                }(),
            30'000);
        QVERIFY(processAlive(child));

        // Another connection locks the tasks: the worker's heartbeat hangs inside the database call. Its handler
        // must stop anyway, before the lease it can no longer renew runs out (2 s lease, 200 ms heartbeat).
        auto locker = DatabaseConnection::open(m_db->locator());
        QVERIFY2(locker.ok(), locker.ok() ? "" : qPrintable(locker.error().message));
        TD_VERIFY_OK(TestDatabase::lockTasksExclusively((*locker)->database(), (*locker)->dialect()));
        QElapsedTimer locked;
        locked.start();
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(child), 15'000);
        const qint64 stoppedAfterMs = locked.elapsed();
        QVERIFY((*locker)->database().rollback());
        QVERIFY2(stoppedAfterMs < 2'000 + 500, qPrintable(QString::number(stoppedAfterMs)));

        // Its lease ran out meanwhile: the run is recorded as lost, never as the worker's own outcome.
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TaskState::Failed, 30'000);
        const TaskDetails details = detailsOf(id);
        QCOMPARE(details.runs.size(), 1);
        QCOMPARE(details.runs.at(0).outcome, RunOutcome::Lost);
        // runner stops the worker and its thread.
    }

    // A worker stalled past its lease (a loaded machine) may claim the task again that it still runs: the task was
    // rescued meanwhile. The new attempt must wait until the earlier one has ended, or the two would run at once.
    void aTaskClaimedAgainWaitsForItsEarlierAttempt()
    {
        const qint64 id = enqueue(QStringLiteral("stubborn"));
        QMutex mutex;
        QWaitCondition wake;
        bool firstReleased = false;
        bool stallReleased = false;
        std::atomic<bool> firstStarted = false;
        std::atomic<int> started{0};
        std::atomic<int> running{0};
        std::atomic<int> mostAtOnce{0};
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("stubborn"), [&](HandlerContext& context) {
            ++started;
            mostAtOnce = std::max(mostAtOnce.load(), ++running);
            if (context.attempt == 1) {
                firstStarted = true;
                QMutexLocker lock(&mutex);
                QDeadlineTimer deadline(60'000);
                while (!firstReleased && wake.wait(&mutex, deadline)) { } // ignores its token on purpose
            }
            --running;
            return HandlerOutcome::success();
        });
        ThreadedWorker runner(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Continuous, 2));
        std::atomic<bool> heldBack = false;
        connect(
            runner.worker, &Dispatcher::runHeldBack, runner.worker, [&] { heldBack = true; }, Qt::DirectConnection);
        const auto release = qScopeGuard([&] {
            QMutexLocker lock(&mutex);
            firstReleased = stallReleased = true;
            wake.wakeAll();
        });
        TD_VERIFY_OK(runner.start());
        QTRY_VERIFY_WITH_TIMEOUT(firstStarted, 30'000);

        // The worker's thread stalls: no renewal, its lease runs out, and the task is rescued behind its back.
        QMetaObject::invokeMethod(
            runner.worker,
            [&] {
                QMutexLocker lock(&mutex);
                QDeadlineTimer deadline(60'000);
                while (!stallReleased && wake.wait(&mutex, deadline)) { }
            },
            Qt::QueuedConnection);
        bool rescued = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            rescued ||
                [&] {
                    auto r = m_store->rescueExpiredLeases(10);
                    return rescued = r && !r->isEmpty();
                }(),
            30'000);
        {
            QMutexLocker lock(&mutex);
            stallReleased = true;
            wake.wakeAll();
        }
        // It claims the task again while its first attempt still runs: that attempt is held back.
        QTRY_VERIFY_WITH_TIMEOUT(heldBack || started > 1, 30'000);
        QCOMPARE(started.load(), 1);
        QCOMPARE(stateOf(id), TaskState::Running);
        {
            QMutexLocker lock(&mutex);
            firstReleased = true;
            wake.wakeAll();
        }
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TaskState::Succeeded, 30'000);
        QCOMPARE(started.load(), 2);
        QCOMPARE(mostAtOnce.load(), 1);
        const TaskDetails details = detailsOf(id);
        QCOMPARE(details.runs.size(), 2);
        QCOMPARE(details.runs.at(0).outcome, RunOutcome::Lost);
        QCOMPARE(details.runs.at(1).outcome, RunOutcome::Succeeded);
    }

    void gracefulShutdownFinishesThenInterrupts()
    {
        const qint64 quick = enqueue(QStringLiteral("sleep"), QStringLiteral("{\"ms\": 1500}"));
        const qint64 slow = enqueue(QStringLiteral("sleep"), QStringLiteral("{\"ms\": 60000}"));
        auto handlers = std::make_shared<HandlerRegistry>();
        // Both handlers must have begun before the stop: a claimed task that has not is handed back unrun.
        std::atomic<int> begun{0};
        handlers->add(QStringLiteral("sleep"),
                      [sleep = makeBuiltinHandler(QStringLiteral("sleep")), &begun](HandlerContext& context) {
                          ++begun;
                          return sleep->run(context);
                      });
        WorkerOptions options = fastOptions(WorkerOptions::Mode::Continuous, 2);
        options.shutdownGraceMs = 4'000;
        Dispatcher worker(m_db->locator(), handlers, options);
        TD_VERIFY_OK(worker.start());
        QTRY_COMPARE_WITH_TIMEOUT(begun.load(), 2, 30'000);
        QSignalSpy finished(&worker, &Dispatcher::finished);
        worker.stop();
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.first().first().toInt(), 0);
        QCOMPARE(stateOf(quick), TaskState::Succeeded); // finished within the grace period
        const TaskDetails interrupted = detailsOf(slow);
        QCOMPARE(interrupted.task.state, TaskState::Pending); // back in the queue, nothing lost
        QCOMPARE(interrupted.runs.size(), 1);
        QVERIFY(interrupted.runs.at(0).message.contains(QLatin1String("shut down")));
        TD_TRY(workers, m_store->workers());
        QVERIFY(workers->isEmpty());
    }

    // Two continuous workers fire an every-second schedule: each occurrence becomes one task, run once.
    void schedulesFireInContinuousWorkers()
    {
        ScheduleDefinition everySecond;
        everySecond.name = QStringLiteral("tick");
        everySecond.cron = QStringLiteral("* * * * * *");
        everySecond.handler = QStringLiteral("noop");
        TD_VERIFY_OK(m_store->addSchedule(everySecond));
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("noop"), makeBuiltinHandler(QStringLiteral("noop")));
        WorkerOptions options = fastOptions(WorkerOptions::Mode::Continuous, 2);
        options.maintenanceIntervalMs = 1'000;
        Dispatcher first(m_db->locator(), handlers, options);
        Dispatcher second(m_db->locator(), handlers, options);
        TD_VERIFY_OK(first.start());
        TD_VERIFY_OK(second.start());
        auto succeeded = [this] {
            TaskFilter filter;
            filter.states = {DisplayState::Succeeded};
            auto ids = m_store->selectTaskIds(filter);
            return ids ? ids->size() : -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(succeeded() >= 4, 30'000);
        for (Dispatcher* worker : {&first, &second}) {
            QSignalSpy finished(worker, &Dispatcher::finished);
            worker->stop();
            QVERIFY(!finished.isEmpty() || finished.wait(30'000)); // an idle worker finishes inside stop()
        }
        TaskQuery query;
        query.limit = 1000;
        TD_TRY(page, m_store->listTasks(query));
        QSet<qint64> occurrences;
        for (const Task& task : std::as_const(page->tasks)) {
            QCOMPARE(task.handler, QStringLiteral("noop"));
            QCOMPARE(task.runAt.time().msec(), 0); // the occurrence itself, a whole second
            occurrences.insert(task.runAt.toMSecsSinceEpoch());
        }
        QCOMPARE(occurrences.size(), page->tasks.size()); // no occurrence twice
        TD_TRY(schedule, m_store->schedule(QStringLiteral("tick")));
        QVERIFY((*schedule)->lastTaskId > 0);
        // The worker that pruned handed its turn back when it stopped.
        QSqlQuery holder(m_store->database());
        QVERIFY(holder.exec(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE holder IS NOT NULL")
                                .arg(m_store->dialect().tableName(QStringLiteral("maintenance")))));
        QVERIFY(holder.next());
        QCOMPARE(holder.value(0).toInt(), 0);
    }

    // Between its maintenance passes (an hour apart here), the worker whose turn it is folds the count rows that
    // the servers' triggers append, every heartbeat, so that the overview never sums an hour's changes.
    void countRowsAreFoldedBetweenPasses()
    {
        if (m_store->dialect().sql(Sql::DeleteTaskCounts).isEmpty())
            QSKIP("this database's triggers keep one row per counter in place");
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("noop"), makeBuiltinHandler(QStringLiteral("noop")));
        WorkerOptions options = fastOptions(WorkerOptions::Mode::Continuous, 2);
        options.queues = {QStringLiteral("elsewhere")}; // the tasks below stay waiting
        options.maintenanceIntervalMs = 3'600'000;
        Dispatcher worker(m_db->locator(), handlers, options);
        TD_VERIFY_OK(worker.start());
        const Dialect& d = m_store->dialect();
        auto count = [&](const QString& sql) -> qint64 {
            QSqlQuery rows(m_store->database());
            if (!rows.exec(sql) || !rows.next())
                return -1;
            return rows.value(0).toLongLong();
        };
        // The first pass (pruning, then folding) is over before the tasks come.
        QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE name = 'prune' AND last_run_at"
                                                       " IS NOT NULL")
                                            .arg(d.tableName(QStringLiteral("maintenance")))),
                                  qint64(1), 10'000);
        for (int i = 0; i < 12; ++i)
            enqueue(i % 2 ? QStringLiteral("mail") : QStringLiteral("report"), QStringLiteral("{}"));
        const QString waitingRows = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE queue = 'default' AND count_key ="
                                                   " 'pending'")
                                        .arg(d.tableName(QStringLiteral("task_counts")));
        QVERIFY(count(waitingRows) >= 2);
        // One row per handler, long before the next pass.
        QTRY_COMPARE_WITH_TIMEOUT(count(waitingRows), qint64(2), 10'000);
        TD_TRY(unfinished, m_store->countUnfinishedTasks());
        QCOMPARE(unfinished->size(), 1);
        QCOMPARE(unfinished->at(0).count, qint64(12));
        QSignalSpy finished(&worker, &Dispatcher::finished);
        worker.stop();
        QVERIFY(!finished.isEmpty() || finished.wait(30'000));
    }

    void queueLimitHoldsAcrossFourWorkers()
    {
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("scarce"), QueueUpdate{2, {}, {}, {}}));
        QList<qint64> ids;
        for (int i = 0; i < 12; ++i)
            ids << enqueue(QStringLiteral("hold"), QStringLiteral("{\"ms\": 150}"), 5, QStringLiteral("scarce"));
        std::atomic<int> running{0};
        std::atomic<int> mostAtOnce{0};
        auto handlers = std::make_shared<HandlerRegistry>();
        handlers->add(QStringLiteral("hold"), [&](HandlerContext& context) {
            const int now = ++running;
            int seen = mostAtOnce.load();
            while (now > seen && !mostAtOnce.compare_exchange_weak(seen, now)) { }
            context.token->waitFor(150);
            --running;
            return HandlerOutcome::success();
        });
        std::vector<std::unique_ptr<Dispatcher>> workers;
        std::vector<std::unique_ptr<QSignalSpy>> spies;
        for (int i = 0; i < 4; ++i) {
            workers.push_back(
                std::make_unique<Dispatcher>(m_db->locator(), handlers, fastOptions(WorkerOptions::Mode::Drain, 3)));
            spies.push_back(std::make_unique<QSignalSpy>(workers.back().get(), &Dispatcher::finished));
            TD_VERIFY_OK(workers.back()->start());
        }
        for (qint64 id : std::as_const(ids))
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TaskState::Succeeded, 60'000);
        QVERIFY2(mostAtOnce.load() <= 2, qPrintable(QString::number(mostAtOnce.load())));
        QVERIFY(mostAtOnce.load() >= 1);
        for (auto& spy : spies)
            QVERIFY(spy->count() == 1 || spy->wait(30'000));
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestExecutor)
#include "tst_executor.moc"
