#include "client/StoreClient.h"
#include "support/TestDatabase.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <map>
#include <sys/types.h>

using namespace taskdeck;
using namespace taskdeck::test;

// Faults with real processes: workers are stopped, frozen and killed with signals while they work.
class TestFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;
    QTemporaryDir m_dir;

    QString writeConfig(const QString& name, const QByteArray& json)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
            return {};
        return path;
    }

    std::unique_ptr<QProcess> startWorker(const QString& config)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TASKDECK_DB"));
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QStringLiteral(TASKDECKCTL_PATH),
                       {QStringLiteral("--db"), m_db->locatorText(), QStringLiteral("worker"),
                        QStringLiteral("--config"), config});
        process->waitForStarted();
        return process;
    }

    // A worker process tagged TAG in its environment (its handlers inherit it): `taskdeckctl worker`, or, with
    // `localExecutor`, the console's LocalExecutor hosted in a process of its own.
    std::unique_ptr<QProcess> startTaggedWorker(const QString& config, int tag, bool localExecutor)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TASKDECK_DB"));
        env.insert(QStringLiteral("TAG"), QString::number(tag));
        env.insert(QStringLiteral("TASKDECK_FAULT_TREE"), treeMark(tag));
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        if (localExecutor)
            process->start(QStringLiteral(EXECUTOR_HOST_PATH), {m_db->locatorText(), config});
        else
            process->start(QStringLiteral(TASKDECKCTL_PATH),
                           {QStringLiteral("--db"), m_db->locatorText(), QStringLiteral("worker"),
                            QStringLiteral("--config"), config});
        process->waitForStarted();
        return process;
    }

    // Every process a worker starts inherits this mark: its handler guards, what they run, and a child the worker had
    // forked but not yet turned into a guard when it was killed — which writes no pid file line before it runs.
    static QString treeMark(int tag)
    {
        return QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(tag);
    }

    // The live processes that carry a worker's mark, from one look at /proc.
    static QList<qint64> markedProcesses(int tag)
    {
        const QByteArray entry = "TASKDECK_FAULT_TREE=" + treeMark(tag).toLatin1();
        QList<qint64> pids;
        const QStringList all = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& name : all) {
            bool isPid = false;
            const qint64 pid = name.toLongLong(&isPid);
            if (!isPid)
                continue;
            QFile environment(QStringLiteral("/proc/%1/environ").arg(pid));
            if (!environment.open(QIODevice::ReadOnly))
                continue; // gone meanwhile, or not ours
            if (environment.readAll().split('\0').contains(entry) && processAlive(pid))
                pids << pid;
        }
        return pids;
    }

    static bool processAlive(qint64 pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll(); // a zombie ("Z") has ended; only its parent has not collected it
        const qsizetype close = line.lastIndexOf(')');
        return close < 0 || line.mid(close + 2, 1) != "Z";
    }

    // "TAG PID" lines: every process a handler run started, by the tag of the worker that ran it.
    static QList<qint64> pidsOfTag(const QString& path, int tag)
    {
        QList<qint64> pids;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return pids;
        while (!file.atEnd()) {
            const QList<QByteArray> parts = file.readLine().trimmed().split(' ');
            if (parts.size() == 2 && parts[0].toInt() == tag)
                pids << parts[1].toLongLong();
        }
        return pids;
    }

    static bool stopWorker(QProcess& process)
    {
        if (process.state() == QProcess::NotRunning)
            return true;
        ::kill(pid_t(process.processId()), SIGTERM);
        return process.waitForFinished(60'000) && process.exitStatus() == QProcess::NormalExit &&
            process.exitCode() == 0;
    }

    qint64 succeeded()
    {
        auto counts = m_store->countTasks();
        qint64 total = 0;
        if (counts) {
            for (const StateCount& c : std::as_const(*counts)) {
                if (c.state == DisplayState::Succeeded)
                    total += c.count;
            }
        }
        return total;
    }

    bool holdsLeases(qint64 pid)
    {
        TaskQuery query;
        query.filter.states = {DisplayState::Running};
        query.limit = 100;
        auto page = m_store->listTasks(query);
        if (!page)
            return false;
        const QString marker = QLatin1Char(':') + QString::number(pid) + QLatin1Char(':');
        return std::any_of(page->tasks.cbegin(), page->tasks.cend(),
                           [&](const Task& task) { return task.lockedBy.contains(marker); });
    }

    TaskDetails detailsOf(qint64 id)
    {
        auto details = m_store->task(id);
        return details && details->has_value() ? **details : TaskDetails{};
    }

    // The journal builtin's lines: every execution's start and end, by task and attempt.
    struct Execution
    {
        qint64 pid = 0;
        qint64 start = 0;
        qint64 end = 0;
    };
    using Journal = std::map<qint64, std::map<int, Execution>>;

    static Journal readJournal(const QString& path)
    {
        Journal executions;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return executions;
        while (!file.atEnd()) {
            const QList<QByteArray> parts = file.readLine().trimmed().split(' ');
            if (parts.size() != 5)
                continue;
            Execution& e = executions[parts[1].toLongLong()][parts[2].toInt()];
            e.pid = parts[3].toLongLong();
            (parts[0] == "start" ? e.start : e.end) = parts[4].toLongLong();
        }
        return executions;
    }

    // Runs of one task that overlap in time: a later attempt started before the earlier one ended.
    static int concurrentDuplicates(const Journal& executions)
    {
        int overlaps = 0;
        for (const auto& [task, attempts] : executions) {
            const Execution* previous = nullptr;
            for (const auto& [attempt, e] : attempts) {
                if (previous && previous->end && e.start < previous->end)
                    ++overlaps;
                previous = &e;
            }
        }
        return overlaps;
    }

    // A worker with 2 s leases whose one handler, "work", journals each execution and takes ms milliseconds.
    QString journalWorkerConfig(const QString& name, const QString& journal, int ms)
    {
        return writeConfig(name,
                           QStringLiteral(R"({"lease": "2s", "heartbeat": "500ms", "poll_max": "100ms",
                                   "concurrency": 4, "handlers": {"work": {"type": "builtin", "builtin": "journal",
                                   "file": "%1", "ms": %2}}})")
                               .arg(journal)
                               .arg(ms)
                               .toUtf8());
    }

    // count tasks for "work", enough attempts that every kill or outage may cost one and none runs out.
    Status enqueueWork(int count, int first)
    {
        QList<EnqueueRequest> batch;
        for (int i = 0; i < count; ++i) {
            EnqueueRequest r;
            r.handler = QStringLiteral("work");
            r.payload = QStringLiteral("{\"n\": %1}").arg(first + i);
            r.maxAttempts = 25;
            batch << r;
        }
        auto added = m_store->enqueueBatch(batch);
        if (!added)
            return added.error();
        return {};
    }

private slots:
    void init() { TD_VERIFY_OK(openFresh(m_db, m_store)); }

    void cleanup() { closeFresh(m_db, m_store); }

    void frozenWorkerCannotRecordItsStaleOutcome()
    {
        const QString slow = writeConfig(QStringLiteral("a.json"),
                                         R"({"name": "frozen", "lease": "2s", "heartbeat": "400ms", "poll_max": "200ms",
                "handlers": {"mark": {"type": "process", "program": "/bin/sh",
                                      "args": ["-c", "sleep 1; echo '::result \"frozen\"'"]}}})");
        const QString quick =
            writeConfig(QStringLiteral("b.json"),
                        R"({"name": "healthy", "lease": "2s", "heartbeat": "400ms", "poll_max": "200ms",
                "handlers": {"mark": {"type": "process", "program": "/bin/sh",
                                      "args": ["-c", "echo '::result \"healthy\"'"]}}})");
        EnqueueRequest request;
        request.handler = QStringLiteral("mark");
        request.maxAttempts = 3;
        TD_TRY(enqueued, m_store->enqueue(request));

        auto frozen = startWorker(slow);
        QTRY_VERIFY_WITH_TIMEOUT(detailsOf(enqueued->id).task.lockedBy.startsWith(QLatin1String("frozen@")), 30'000);
        ::kill(pid_t(frozen->processId()), SIGSTOP);

        // Its lease runs out; a healthy worker rescues the task, runs it again and records it.
        auto healthy = startWorker(quick);
        QTRY_COMPARE_WITH_TIMEOUT(detailsOf(enqueued->id).task.state, TaskState::Succeeded, 60'000);
        QCOMPARE(detailsOf(enqueued->id).task.result, QStringLiteral("\"healthy\""));

        // The frozen worker wakes up with a finished handler and a lease that is no longer its own.
        ::kill(pid_t(frozen->processId()), SIGCONT);
        QVERIFY(stopWorker(*frozen));
        QVERIFY(stopWorker(*healthy));
        const TaskDetails details = detailsOf(enqueued->id);
        QCOMPARE(details.task.state, TaskState::Succeeded);
        QCOMPARE(details.task.result, QStringLiteral("\"healthy\""));
        QCOMPARE(details.task.attempts, 2);
        QCOMPARE(details.runs.size(), 2);
        QCOMPARE(details.runs.at(0).outcome, RunOutcome::Lost);
        QVERIFY(details.runs.at(0).worker.startsWith(QLatin1String("frozen@")));
        QCOMPARE(details.runs.at(1).outcome, RunOutcome::Succeeded);
        QVERIFY(details.runs.at(1).worker.startsWith(QLatin1String("healthy@")));
    }

    // 20 rounds: worker processes drain a steady stream of tasks while one or two of them are killed with SIGKILL
    // at a random moment (after a random amount of progress, while they hold leases) and replaced.
    void killedWorkersLoseNothing()
    {
        constexpr int kRounds = 20;
        constexpr int kWorkers = 3;
        constexpr qint64 kLeaseMs = 2'000;
        constexpr qint64 kHeartbeatMs = 500;
        const quint32 seed = qEnvironmentVariableIsSet("TASKDECK_FAULT_SEED")
            ? quint32(qEnvironmentVariableIntValue("TASKDECK_FAULT_SEED"))
            : QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        qInfo("fault seed %u (TASKDECK_FAULT_SEED=%u repeats this run)", seed, seed);
        const QString journal = m_dir.filePath(QStringLiteral("journal.txt"));
        const QString config = journalWorkerConfig(QStringLiteral("worker.json"), journal, 3);
        qint64 enqueued = 0;
        auto enqueueBatch = [&](int count) -> Status {
            auto added = enqueueWork(count, int(enqueued));
            if (added)
                enqueued += count;
            return added;
        };
        TD_VERIFY_OK(enqueueBatch(2'000));
        // The steady stream: 100 tasks every 100 ms while the rounds go on.
        QTimer producer;
        Status producerStatus;
        QObject::connect(&producer, &QTimer::timeout, &producer, [&] {
            if (auto s = enqueueBatch(100); !s)
                producerStatus = s;
        });
        producer.start(100);

        std::vector<std::unique_ptr<QProcess>> workers;
        for (int i = 0; i < kWorkers; ++i)
            workers.push_back(startWorker(config));
        std::map<qint64, qint64> killedAt; // pid → epoch ms
        for (int round = 0; round < kRounds; ++round) {
            // A random moment: after a random amount of further progress.
            const qint64 target = succeeded() + 20 + qint64(random.bounded(300));
            QTRY_VERIFY_WITH_TIMEOUT(succeeded() >= target, 300'000);
            const int victims = 1 + int(random.bounded(2));
            for (int v = 0; v < victims; ++v) {
                const int slot = int(random.bounded(kWorkers));
                const qint64 pid = workers[slot]->processId();
                // Kill it while it holds leases, so that the kill hits work in flight.
                // Latched: QTRY evaluates its condition again after it first holds, and this one can flip back.
                bool holding = false;
                QTRY_VERIFY_WITH_TIMEOUT(holding || (holding = holdsLeases(pid)), 60'000);
                ::kill(pid_t(pid), SIGKILL);
                killedAt[pid] = QDateTime::currentMSecsSinceEpoch();
                workers[slot]->waitForFinished(30'000);
                workers[slot] = startWorker(config);
            }
        }
        producer.stop();
        TD_VERIFY_OK(producerStatus);
        const qint64 kTasks = enqueued;
        QTRY_COMPARE_WITH_TIMEOUT(succeeded(), kTasks, 600'000);
        for (auto& worker : workers)
            QVERIFY(stopWorker(*worker));

        const Journal executions = readJournal(journal);
        QCOMPARE(qint64(executions.size()), qint64(kTasks));
        int reExecutions = 0;
        int interrupted = 0;
        int overlaps = 0;
        for (const auto& [task, attempts] : executions) {
            const Execution* previous = nullptr;
            for (const auto& [attempt, e] : attempts) {
                if (previous) {
                    ++reExecutions;
                    // The next run starts after the previous one ended, or after its worker was killed.
                    const qint64 previousDone = previous->end ? previous->end : killedAt[previous->pid];
                    if (!previous->end && !killedAt.count(previous->pid))
                        ++overlaps; // an unfinished run whose worker was never killed
                    else if (e.start < previousDone)
                        ++overlaps;
                }
                if (!e.end)
                    ++interrupted;
                previous = &e;
            }
            QVERIFY(previous->end > 0); // the last run finished
        }

        // Every orphan went back to the queue within lease + heartbeat of its worker's death (database clock).
        qint64 longestRescueMs = 0;
        int lostRuns = 0;
        for (const auto& [task, attempts] : executions) {
            if (attempts.size() < 2)
                continue;
            const TaskDetails details = detailsOf(task);
            for (const TaskRun& run : details.runs) {
                if (run.outcome != RunOutcome::Lost)
                    continue;
                ++lostRuns;
                const qint64 pid = run.worker.section(u':', 1, 1).toLongLong();
                QVERIFY2(killedAt.count(pid), qPrintable(run.worker));
                longestRescueMs = std::max(longestRescueMs, run.finishedAt.toMSecsSinceEpoch() - killedAt[pid]);
            }
        }
        QTextStream(stdout) << "fault figures: rounds " << kRounds << ", kills " << killedAt.size() << ", tasks "
                            << kTasks << ", finished " << succeeded() << ", lost " << (kTasks - succeeded())
                            << ", interrupted runs " << interrupted << ", re-executions " << reExecutions
                            << ", lost runs recorded " << lostRuns << ", concurrent duplicates " << overlaps
                            << ", longest rescue " << longestRescueMs << " ms (lease " << kLeaseMs << " + heartbeat "
                            << kHeartbeatMs << ")" << Qt::endl;
        QCOMPARE(overlaps, 0);
        // Every execution cut short left a lost run; so did tasks that ran to the end but whose outcome the
        // killed worker had not recorded yet (they ran again: at-least-once).
        QVERIFY(lostRuns >= interrupted);
        QVERIFY(lostRuns >= 1); // the kills did hit work in flight
        // Scheduling slack on a loaded 2-core machine on top of the protocol's bound.
        QVERIFY2(longestRescueMs <= kLeaseMs + kHeartbeatMs + 1'000, qPrintable(QString::number(longestRescueMs)));
    }

    // A handler must never outlive its worker. The handler runs longer than the 2 s lease and starts three children
    // that would outlive it (in the background, after setsid, double-forked). 20 rounds: the worker running it —
    // alternately `taskdeckctl worker` and the console's local executor in a process of its own — is killed with
    // SIGKILL at a random moment of a run and replaced. 1 s later no process its runs started may be alive, and no
    // attempt of a task may start before the previous attempt's processes were gone.
    void killedWorkersLeaveNoHandlerProcessBehind()
    {
        constexpr int kRounds = 20;
        constexpr qint64 kTreeBoundMs = 1'000;
        const quint32 seed = qEnvironmentVariableIsSet("TASKDECK_FAULT_SEED")
            ? quint32(qEnvironmentVariableIntValue("TASKDECK_FAULT_SEED"))
            : QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        qInfo("fault seed %u (TASKDECK_FAULT_SEED=%u repeats this run)", seed, seed);
        const QString journal = m_dir.filePath(QStringLiteral("tree-journal.txt"));
        const QString pids = m_dir.filePath(QStringLiteral("tree-pids.txt"));
        // The journal's lines are "start|end TASK ATTEMPT TAG MS", as the journal builtin's with the tag for a pid.
        const QString script =
            QStringLiteral(
                "J='%1'; P='%2'; echo \"start $TASKDECK_TASK_ID $TASKDECK_ATTEMPT $TAG $(date +%s%3N)\" >> \"$J\"; "
                "echo \"$TAG $$\" >> \"$P\"; "
                "sleep 300 & echo \"$TAG $!\" >> \"$P\"; "
                "setsid sleep 300 & echo \"$TAG $!\" >> \"$P\"; "
                "(sleep 300 & echo \"$TAG $!\" >> \"$P\"); "
                "sleep 3; echo \"end $TASKDECK_TASK_ID $TASKDECK_ATTEMPT $TAG $(date +%s%3N)\" >> \"$J\"")
                .arg(journal, pids);
        QJsonObject handler{{QStringLiteral("type"), QStringLiteral("process")},
                            {QStringLiteral("program"), QStringLiteral("/bin/sh")},
                            {QStringLiteral("args"), QJsonArray{QStringLiteral("-c"), script}}};
        QJsonObject configJson{{QStringLiteral("lease"), QStringLiteral("2s")},
                               {QStringLiteral("heartbeat"), QStringLiteral("500ms")},
                               {QStringLiteral("poll_max"), QStringLiteral("100ms")},
                               {QStringLiteral("concurrency"), 8},
                               {QStringLiteral("handlers"), QJsonObject{{QStringLiteral("tree"), handler}}}};
        const QString config =
            writeConfig(QStringLiteral("tree.json"), QJsonDocument(configJson).toJson(QJsonDocument::Compact));
        QVERIFY(!config.isEmpty());

        qint64 enqueued = 0;
        int tag = 0;
        auto worker = startTaggedWorker(config, tag, false);
        std::map<qint64, qint64> killedAt; // tag → epoch ms
        std::map<qint64, qint64> treeGoneAt; // tag → epoch ms by which every process of its runs was seen gone
        int survivors = 0;
        int processes = 0;
        qint64 longestTreeEndMs = 0;
        for (int round = 0; round < kRounds; ++round) {
            QList<EnqueueRequest> batch;
            for (int i = 0; i < 2; ++i) {
                EnqueueRequest r;
                r.handler = QStringLiteral("tree");
                r.maxAttempts = 25;
                batch << r;
            }
            TD_TRY(added, m_store->enqueueBatch(batch));
            enqueued += batch.size();
            // A run of this worker is in progress (its handler runs 3 s): kill at a random moment of it.
            bool running = false;
            QTRY_VERIFY_WITH_TIMEOUT(running || (running = !pidsOfTag(pids, tag).isEmpty()), 60'000);
            QTest::qWait(int(random.bounded(1'500)));
            ::kill(pid_t(worker->processId()), SIGKILL);
            const qint64 killed = QDateTime::currentMSecsSinceEpoch();
            killedAt[tag] = killed;
            QVERIFY(worker->waitForFinished(30'000));
            // Every process its runs started is gone within the bound. The census is by the worker's mark, not by
            // the pid file alone: a guard the worker was starting when it died runs its handler for a moment before
            // it reads that the worker has gone, and that handler's lines may land after a look at the file.
            QDeadlineTimer bound(kTreeBoundMs);
            while (!bound.hasExpired() && !markedProcesses(tag).isEmpty())
                QTest::qWait(10);
            treeGoneAt[tag] = QDateTime::currentMSecsSinceEpoch();
            longestTreeEndMs = std::max(longestTreeEndMs, treeGoneAt[tag] - killed);
            processes += int(pidsOfTag(pids, tag).size());
            QList<qint64> alive = markedProcesses(tag);
            for (const qint64 pid : pidsOfTag(pids, tag)) {
                if (!alive.contains(pid) && processAlive(pid))
                    alive << pid; // one that dropped the mark from its environment
            }
            survivors += int(alive.size());
            for (const qint64 pid : std::as_const(alive))
                ::kill(pid_t(pid), SIGKILL); // so that one failure does not spoil the rounds after it
            ++tag;
            worker = startTaggedWorker(config, tag, tag % 2 == 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(succeeded(), enqueued, 300'000);
        QVERIFY(stopWorker(*worker));

        // Attempts of one task never overlap: each starts after the previous one ended, or after every process of
        // its killed worker's runs was gone. A killed run never reaches its end.
        const Journal executions = readJournal(journal);
        QCOMPARE(qint64(executions.size()), enqueued);
        int overlaps = 0;
        int ranOnAfterKill = 0;
        int rescued = 0;
        for (const auto& [task, attempts] : executions) {
            const Execution* previous = nullptr;
            int previousAttempt = 0;
            for (const auto& [attempt, e] : attempts) {
                if (killedAt.count(e.pid) && e.end > killedAt[e.pid])
                    ++ranOnAfterKill;
                if (previous) {
                    ++rescued;
                    const qint64 previousDone = previous->end ? previous->end : treeGoneAt[previous->pid];
                    const bool overlapping = (!previous->end && !killedAt.count(previous->pid)) // never killed
                        || e.start < previousDone;
                    if (overlapping) {
                        ++overlaps;
                        // Enough to tell which worker ran which attempt when, against its kill and the end of its tree.
                        qWarning("overlap: task %lld attempt %d (worker tag %lld, start %lld, end %lld, killed %lld, "
                                 "tree gone %lld) then attempt %d (worker tag %lld, start %lld, end %lld)",
                                 task, previousAttempt, previous->pid, previous->start, previous->end,
                                 killedAt.count(previous->pid) ? killedAt[previous->pid] : 0LL,
                                 treeGoneAt.count(previous->pid) ? treeGoneAt[previous->pid] : 0LL, attempt, e.pid,
                                 e.start, e.end);
                    }
                }
                previous = &e;
                previousAttempt = attempt;
            }
            QVERIFY(previous->end > 0); // the last run finished
        }
        QTextStream(stdout) << "fault figures: handler trees: rounds " << kRounds << ", kills " << killedAt.size()
                            << " (half of them the console's local executor), tasks " << enqueued << ", lost "
                            << (enqueued - succeeded()) << ", handler processes started by killed workers " << processes
                            << ", alive " << kTreeBoundMs << " ms after the kill " << survivors
                            << ", longest until all were gone " << longestTreeEndMs << " ms, runs that went on after "
                            << "the kill " << ranOnAfterKill << ", rescued attempts " << rescued
                            << ", overlapping attempts " << overlaps << Qt::endl;
        QCOMPARE(survivors, 0);
        QCOMPARE(ranOnAfterKill, 0);
        QCOMPARE(overlaps, 0);
        QVERIFY(rescued >= 1); // the kills did hit runs in progress
    }

    // The database goes away under load and comes back: PostgreSQL and MariaDB are stopped for 5 s and started
    // again; SQLite's file is write-locked by another connection for 5 s. The worker process and a console client
    // notice, retry with backoff and carry on by themselves; every task finishes, none runs twice at once.
    void databaseOutageUnderLoadLosesNothing()
    {
        constexpr qint64 kOutageMs = 5'000;
        const QString backend = TestDatabase::backendName();
        const bool isSqlite = backend == QLatin1String("sqlite");
        const QString server =
            backend.startsWith(QLatin1String("postgresql")) ? QStringLiteral("postgresql") : QStringLiteral("mariadb");
        const QString control = qEnvironmentVariable("TASKDECK_TEST_SERVER_CONTROL");
        if (!isSqlite && control.isEmpty())
            QSKIP("restarting the database needs scripts/with-test-servers.sh (TASKDECK_TEST_SERVER_CONTROL)");
        auto serverControl = [&control, &server](const char* action) {
            QProcess process;
            process.setProcessChannelMode(QProcess::ForwardedChannels);
            process.start(QStringLiteral("/bin/sh"), {control, QString::fromLatin1(action), server});
            return process.waitForFinished(120'000) && process.exitStatus() == QProcess::NormalExit &&
                process.exitCode() == 0;
        };
        const QString journal = m_dir.filePath(QStringLiteral("outage-journal.txt"));
        const QString config = journalWorkerConfig(QStringLiteral("outage.json"), journal, 5);
        constexpr int kBefore = 3'000;
        constexpr int kAfter = 1'000;
        TD_VERIFY_OK(enqueueWork(kBefore, 0));

        auto worker = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TASKDECK_DB"));
        worker->setProcessEnvironment(env);
        worker->start(QStringLiteral(TASKDECKCTL_PATH),
                      {QStringLiteral("--db"), m_db->locatorText(), QStringLiteral("worker"),
                       QStringLiteral("--config"), config});
        QVERIFY(worker->waitForStarted());
        QString workerLog;
        QObject::connect(worker.get(), &QProcess::readyReadStandardError, worker.get(),
                         [&] { workerLog += QString::fromUtf8(worker->readAllStandardError()); });

        // A console's client, refreshing as the console does.
        StoreClient console(m_db->locator());
        QList<ClientState> consoleStates;
        QObject::connect(&console, &StoreClient::stateChanged, &console,
                         [&](ClientState state, const QString&) { consoleStates << state; });
        console.open();
        QTimer refresh;
        QObject::connect(&refresh, &QTimer::timeout, &console, [&] {
            console.run(
                &console, [](TaskStore& store) { return store.countTasks(); }, [](auto) {});
        });
        refresh.start(200);
        QTRY_COMPARE_WITH_TIMEOUT(console.state(), ClientState::Connected, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(succeeded() >= 300, 120'000);

        // The outage.
        const qint64 outageStart = QDateTime::currentMSecsSinceEpoch();
        std::unique_ptr<TaskStore> locker;
        if (isSqlite) {
            // Another process's writer, as far as the worker can tell: a second connection holding the write lock.
            TD_TRY(opened, TaskStore::open(m_db->locator()));
            locker = std::move(*opened);
            QSqlQuery lock(locker->database());
            QVERIFY2(lock.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(lock.lastError().text()));
        } else {
            m_store.reset(); // the test's own connection would only be cut
            QVERIFY(serverControl("stop"));
        }
        QDeadlineTimer outage(kOutageMs);
        QTRY_VERIFY_WITH_TIMEOUT(outage.hasExpired(), kOutageMs + 5'000);
        if (isSqlite) {
            QSqlQuery unlock(locker->database());
            QVERIFY(unlock.exec(QStringLiteral("ROLLBACK")));
            locker.reset();
        } else {
            QVERIFY(serverControl("start"));
            TD_TRY(reopened, m_db->open());
            m_store = std::move(*reopened);
        }
        const qint64 outageMs = QDateTime::currentMSecsSinceEpoch() - outageStart;
        TD_VERIFY_OK(enqueueWork(kAfter, kBefore));
        const qint64 total = kBefore + kAfter;
        QTRY_COMPARE_WITH_TIMEOUT(succeeded(), total, 300'000);
        const qint64 recoveredMs = QDateTime::currentMSecsSinceEpoch() - outageStart - outageMs;
        QTRY_COMPARE_WITH_TIMEOUT(console.state(), ClientState::Connected, 60'000);
        refresh.stop();
        QVERIFY(stopWorker(*worker));
        workerLog += QString::fromUtf8(worker->readAllStandardError());

        const Journal executions = readJournal(journal);
        QCOMPARE(qint64(executions.size()), total);
        int reExecutions = 0;
        for (const auto& [task, attempts] : executions) {
            reExecutions += int(attempts.size()) - 1;
            QVERIFY(attempts.rbegin()->second.end > 0);
        }
        const int duplicates = concurrentDuplicates(executions);
        if (!isSqlite) {
            // The server was gone: both noticed and said so, and came back by themselves.
            QVERIFY2(workerLog.contains(QLatin1String("retrying")) &&
                         workerLog.contains(QLatin1String("connection restored")),
                     qPrintable(workerLog.right(2000)));
            QVERIFY2(consoleStates.contains(ClientState::Reconnecting),
                     qPrintable(QString::number(consoleStates.size())));
        }
        QTextStream(stdout) << "outage figures: " << (isSqlite ? "write lock held " : "server down ") << outageMs
                            << " ms, tasks " << total << ", finished " << succeeded() << ", lost "
                            << (total - succeeded()) << ", re-executions " << reExecutions << ", concurrent duplicates "
                            << duplicates << ", all done " << recoveredMs << " ms after it ended" << Qt::endl;
        QCOMPARE(duplicates, 0);
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestFaults)
#include "tst_faults.moc"
