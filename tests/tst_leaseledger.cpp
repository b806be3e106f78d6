// The lease ledger: claims, fenced completions, retries and the dead-letter state, leases, rescue, progress, run now.

#include "support/StoreFixture.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTest>

using namespace taskdeck;
using namespace taskdeck::test;

class TestLeaseLedger : public StoreFixture
{
    Q_OBJECT

    // A task claimed by w1, whose lease ran out while it stalled: rescued, and 10 s later ready to be claimed again.
    Result<ClaimedTask> claimedAndRescued()
    {
        auto enqueued = m_store->enqueue(request(QStringLiteral("h")));
        if (!enqueued)
            return enqueued.error();
        auto first = m_store->claim(claimAll(QStringLiteral("w1"), 1, 1'000));
        if (!first)
            return first.error();
        if (first->size() != 1)
            return makeError(ErrorCode::Database, QStringLiteral("claimed %1 tasks, not 1").arg(first->size()));
        m_clock.advanceMs(1'001);
        auto rescued = m_store->rescueExpiredLeases();
        if (!rescued)
            return rescued.error();
        if (rescued->size() != 1)
            return makeError(ErrorCode::Database, QStringLiteral("rescued %1 tasks, not 1").arg(rescued->size()));
        m_clock.advanceMs(10'000);
        return first->first();
    }

private slots:
    void init() { initStore(); }
    void cleanup() { cleanupStore(); }

    void claimHonoursPriorityScheduleAndFilters()
    {
        EnqueueRequest low = request(QStringLiteral("h1"));
        EnqueueRequest high = request(QStringLiteral("h1"));
        high.priority = 10;
        EnqueueRequest later = request(QStringLiteral("h1"));
        later.priority = 100;
        later.delayMs = 60'000;
        EnqueueRequest otherHandler = request(QStringLiteral("h2"));
        EnqueueRequest otherQueue = request(QStringLiteral("h1"), QStringLiteral("q2"));
        TD_TRY(ids, m_store->enqueueBatch({low, high, later, otherHandler, otherQueue}));

        ClaimRequest claim = claimAll();
        claim.handlers = {QStringLiteral("h1")};
        claim.queues = {QStringLiteral("default")};
        TD_TRY(claimed, m_store->claim(claim));
        QCOMPARE(claimed->size(), 2);
        QCOMPARE(claimed->at(0).id, ids->at(1).id); // higher priority first
        QCOMPARE(claimed->at(1).id, ids->at(0).id);
        QCOMPARE(claimed->at(0).attempt, 1);
        QCOMPARE(claimed->at(0).lockedUntil, m_clock.nowUtc().addMSecs(30'000));

        TD_TRY(none, m_store->claim(claim));
        QVERIFY(none->isEmpty());

        // The scheduled task becomes claimable when its time comes.
        m_clock.advanceMs(60'000);
        TD_TRY(scheduled, m_store->claim(claim));
        QCOMPARE(scheduled->size(), 1);
        QCOMPARE(scheduled->at(0).id, ids->at(2).id);

        // A paused queue keeps its tasks; resuming makes them claimable.
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("q2"), true));
        TD_TRY(paused, m_store->claim(claimAll()));
        QCOMPARE(paused->size(), 1);
        QCOMPARE(paused->at(0).handler, QStringLiteral("h2"));
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("q2"), false));
        TD_TRY(resumed, m_store->claim(claimAll()));
        QCOMPARE(resumed->size(), 1);
        QCOMPARE(resumed->at(0).queue, QStringLiteral("q2"));
    }

    void claimRespectsLimit()
    {
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 30; ++i)
            batch << request(QStringLiteral("h"));
        TD_VERIFY_OK(m_store->enqueueBatch(batch));
        TD_TRY(first, m_store->claim(claimAll(QStringLiteral("w1"), 12)));
        QCOMPARE(first->size(), 12);
        TD_TRY(second, m_store->claim(claimAll(QStringLiteral("w2"), 100)));
        QCOMPARE(second->size(), 18);
    }

    void backoffScheduleThenDeadLetter()
    {
        EnqueueRequest r = request(QStringLiteral("flaky"));
        r.maxAttempts = 4;
        TD_TRY(enqueued, m_store->enqueue(r));
        const qint64 expectedDelays[] = {1'000, 2'000, 4'000};
        for (int attempt = 1; attempt <= 4; ++attempt) {
            TD_TRY(claimed, m_store->claim(claimAll()));
            QCOMPARE(claimed->size(), 1);
            QCOMPARE(claimed->at(0).attempt, attempt);
            m_clock.advanceMs(100);
            TD_TRY(report,
                   m_store->complete(
                       QStringLiteral("w1"),
                       {completionFor(claimed->at(0), RunOutcome::Failed, QStringLiteral("boom %1").arg(attempt))}));
            QCOMPARE(report->applied.size(), 1);
            TD_TRY(details, m_store->task(enqueued->id));
            const Task& task = (*details)->task;
            QCOMPARE(task.lastError, QStringLiteral("boom %1").arg(attempt));
            if (attempt < 4) {
                QCOMPARE(task.state, TaskState::Pending);
                QCOMPARE(task.displayState, DisplayState::Retrying);
                QCOMPARE(task.runAt, m_clock.nowUtc().addMSecs(expectedDelays[attempt - 1]));
                QVERIFY(!task.finishedAt.isValid());
                // Not claimable before its time.
                m_clock.advanceMs(expectedDelays[attempt - 1] - 1);
                TD_TRY(early, m_store->claim(claimAll()));
                QVERIFY(early->isEmpty());
                m_clock.advanceMs(1);
            } else {
                QCOMPARE(task.state, TaskState::Failed);
                QCOMPARE(task.finishedAt, m_clock.nowUtc());
                QCOMPARE((*details)->runs.size(), 4);
                for (int i = 0; i < 4; ++i) {
                    QCOMPARE((*details)->runs.at(i).attempt, i + 1);
                    QCOMPARE((*details)->runs.at(i).outcome, RunOutcome::Failed);
                    QCOMPARE((*details)->runs.at(i).worker, QStringLiteral("w1"));
                }
            }
        }
    }

    void jitterComesFromTheRandomSource()
    {
        m_store.reset();
        StoreOptions o = options();
        o.random = [] { return 0.0; };
        TD_TRY(store, TaskStore::open(m_db->locator(), o));
        TD_TRY(enqueued, (*store)->enqueue(request(QStringLiteral("h"))));
        TD_TRY(claimed, (*store)->claim(claimAll()));
        TD_VERIFY_OK((*store)->complete(QStringLiteral("w1"), {completionFor(claimed->at(0), RunOutcome::Failed)}));
        TD_TRY(details, (*store)->task(enqueued->id));
        QCOMPARE((*details)->task.runAt, m_clock.nowUtc().addMSecs(800)); // 1 s − 20 %
    }

    void nonRetryableAndHandlerDelay()
    {
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("a")), request(QStringLiteral("b"))}));
        TD_TRY(claimed, m_store->claim(claimAll()));
        QCOMPARE(claimed->size(), 2);
        Completion fatal = completionFor(claimed->at(0), RunOutcome::Failed, QStringLiteral("bad input"));
        fatal.retryable = false;
        Completion later = completionFor(claimed->at(1), RunOutcome::TimedOut, QStringLiteral("timed out"));
        later.retryDelayMs = 90'000;
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {fatal, later}));
        TD_TRY(a, m_store->task(fatal.taskId));
        QCOMPARE((*a)->task.state, TaskState::Failed);
        QCOMPARE((*a)->task.attempts, 1);
        TD_TRY(b, m_store->task(later.taskId));
        QCOMPARE((*b)->task.state, TaskState::Pending);
        QCOMPARE((*b)->task.runAt, m_clock.nowUtc().addMSecs(90'000));
        QCOMPARE((*b)->runs.at(0).outcome, RunOutcome::TimedOut);
    }

    void successRecordsResultRunAndStats()
    {
        TD_TRY(enqueued, m_store->enqueue(request(QStringLiteral("h"), QStringLiteral("q"))));
        TD_TRY(claimed, m_store->claim(claimAll()));
        Completion done = completionFor(claimed->at(0), RunOutcome::Succeeded);
        done.resultJson = QStringLiteral("{\"rows\": 12}");
        TD_TRY(report, m_store->complete(QStringLiteral("w1"), {done}));
        QCOMPARE(report->applied, QList<qint64>{enqueued->id});
        TD_TRY(details, m_store->task(enqueued->id));
        QCOMPARE((*details)->task.state, TaskState::Succeeded);
        QCOMPARE((*details)->task.result, QStringLiteral("{\"rows\": 12}"));
        QVERIFY((*details)->task.lockedBy.isEmpty());
        QCOMPARE((*details)->runs.size(), 1);
        QCOMPARE((*details)->runs.at(0).durationMs, std::optional<qint64>(7));

        TD_TRY(stats, m_store->stats(m_clock.nowUtc().addSecs(-3600)));
        QCOMPARE(stats->size(), 1);
        QCOMPARE(stats->at(0).queue, QStringLiteral("q"));
        QCOMPARE(stats->at(0).outcome, RunOutcome::Succeeded);
        QCOMPARE(stats->at(0).count, qint64(1));
        QCOMPARE(stats->at(0).durationMsSum, qint64(7));
        QCOMPARE(stats->at(0).latencyMsSum, qint64(3));
        QCOMPARE(stats->at(0).minute, m_clock.nowUtc());
    }

    void successfulRunsCanBeLeftOut()
    {
        m_store.reset();
        StoreOptions o = options();
        o.recordSuccessfulRuns = false;
        TD_TRY(store, TaskStore::open(m_db->locator(), o));
        TD_TRY(ids, (*store)->enqueueBatch({request(QStringLiteral("h")), request(QStringLiteral("h"))}));
        TD_TRY(claimed, (*store)->claim(claimAll()));
        TD_VERIFY_OK((*store)->complete(QStringLiteral("w1"),
                                        {completionFor(claimed->at(0), RunOutcome::Succeeded),
                                         completionFor(claimed->at(1), RunOutcome::Failed, QStringLiteral("x"))}));
        TD_TRY(ok, (*store)->task(claimed->at(0).id));
        QVERIFY((*ok)->runs.isEmpty());
        TD_TRY(failed, (*store)->task(claimed->at(1).id));
        QCOMPARE((*failed)->runs.size(), 1);
        TD_TRY(stats, (*store)->stats(m_clock.nowUtc().addSecs(-60)));
        QCOMPARE(stats->size(), 2); // the stats still count both
    }

    void completionsAreFenced()
    {
        // w1 stalls past its lease; the task is rescued and w2 claims attempt 2.
        TD_TRY(first, claimedAndRescued());
        TD_TRY(second, m_store->claim(claimAll(QStringLiteral("w2"))));
        QCOMPARE(second->size(), 1);
        QCOMPARE(second->at(0).attempt, 2);

        // The stale worker's result is refused: wrong attempt; and another worker cannot complete w2's attempt.
        TD_TRY(stale, m_store->complete(QStringLiteral("w1"), {completionFor(*first, RunOutcome::Succeeded)}));
        QCOMPARE(stale->fenced, QList<qint64>{first->id});
        QVERIFY(stale->applied.isEmpty());
        TD_TRY(wrongWorker,
               m_store->complete(QStringLiteral("w1"), {completionFor(second->at(0), RunOutcome::Succeeded)}));
        QCOMPARE(wrongWorker->fenced.size(), 1);
        TD_TRY(details, m_store->task(first->id));
        QCOMPARE((*details)->task.state, TaskState::Running);
        QCOMPARE((*details)->task.lockedBy, QStringLiteral("w2"));

        TD_TRY(real, m_store->complete(QStringLiteral("w2"), {completionFor(second->at(0), RunOutcome::Succeeded)}));
        QCOMPARE(real->applied.size(), 1);
        // A second report of the same run changes nothing.
        TD_TRY(twice, m_store->complete(QStringLiteral("w2"), {completionFor(second->at(0), RunOutcome::Failed)}));
        QCOMPARE(twice->fenced.size(), 1);
        TD_TRY(after, m_store->task(first->id));
        QCOMPARE((*after)->task.state, TaskState::Succeeded);
        QCOMPARE((*after)->runs.size(), 2);
        QCOMPARE((*after)->runs.at(0).outcome, RunOutcome::Lost);
        QCOMPARE((*after)->runs.at(1).outcome, RunOutcome::Succeeded);
    }

    // One worker stalled past its lease and claimed the task again: both attempts' outcomes may come in one batch,
    // along with another task's so that the successes go through the bulk statement. Only the latest applies.
    void anEarlierAttemptInTheSameBatchIsFenced_data() { addRetentionRows(); }

    void anEarlierAttemptInTheSameBatchIsFenced()
    {
        QFETCH(bool, removeOnSuccess);
        TD_VERIFY_OK(removeSuccessesAtOnceIf(removeOnSuccess));
        TD_TRY(first, claimedAndRescued());
        TD_TRY(other, m_store->enqueue(request(QStringLiteral("h"))));
        TD_TRY(second, m_store->claim(claimAll(QStringLiteral("w1"))));
        QCOMPARE(second->size(), 2);
        QList<Completion> done;
        done << completionFor(*first, RunOutcome::Succeeded);
        for (const ClaimedTask& t : std::as_const(*second))
            done << completionFor(t, RunOutcome::Succeeded);
        TD_TRY(report, m_store->complete(QStringLiteral("w1"), done));
        QCOMPARE(report->fenced, QList<qint64>{first->id});
        QCOMPARE(report->applied.size(), 2);
        QVERIFY(report->applied.contains(first->id) && report->applied.contains(other->id));
        TD_TRY(stats, m_store->stats(m_clock.nowUtc().addSecs(-60)));
        qint64 succeeded = 0;
        for (const auto& s : std::as_const(*stats))
            succeeded += s.outcome == RunOutcome::Succeeded ? s.count : 0;
        QCOMPARE(succeeded, qint64(2)); // each task counted once
        if (!removeOnSuccess) {
            TD_TRY(details, m_store->task(first->id));
            QCOMPARE((*details)->task.state, TaskState::Succeeded);
            QCOMPARE((*details)->runs.size(), 2);
            QCOMPARE((*details)->runs.at(0).outcome, RunOutcome::Lost);
            QCOMPARE((*details)->runs.at(1).outcome, RunOutcome::Succeeded);
            QCOMPARE((*details)->runs.at(1).attempt, 2);
        }
        QCOMPARE(overviewCountsDiffer(*m_store), QString());
    }

    void largeBatchOfSuccessesIsFinishedAtOnce_data() { addRetentionRows(); }

    void largeBatchOfSuccessesIsFinishedAtOnce()
    {
        // More successes than one statement takes, reported in one batch: every task finishes with its own result
        // (or goes, with retention 0), each counted once.
        QFETCH(bool, removeOnSuccess);
        TD_VERIFY_OK(removeSuccessesAtOnceIf(removeOnSuccess));
        TD_VERIFY_OK(enqueueWaiting(600));
        QList<ClaimedTask> claimed;
        while (claimed.size() < 600) {
            TD_TRY(some, m_store->claim(claimAll(QStringLiteral("w1"), 1000)));
            QVERIFY(!some->isEmpty());
            claimed << *some;
        }
        auto resultOf = [](qint64 id) { return QStringLiteral("{\"task\": %1}").arg(id); };
        QList<Completion> done;
        for (const ClaimedTask& task : std::as_const(claimed)) {
            Completion c = completionFor(task, RunOutcome::Succeeded);
            c.resultJson = resultOf(task.id);
            done << c;
        }
        TD_TRY(report, m_store->complete(QStringLiteral("w1"), done));
        QCOMPARE(report->applied.size(), 600);
        QVERIFY(report->fenced.isEmpty());
        QCOMPARE(totalCount(*m_store), removeOnSuccess ? qint64(0) : qint64(600));
        if (!removeOnSuccess) {
            for (const ClaimedTask& task : std::as_const(claimed)) {
                TD_TRY(details, m_store->task(task.id));
                QVERIFY(details->has_value());
                QCOMPARE((*details)->task.state, TaskState::Succeeded);
                QCOMPARE((*details)->task.result, resultOf(task.id));
            }
        }
        TD_TRY(stats, m_store->stats(m_clock.nowUtc().addSecs(-60)));
        QCOMPARE(stats->size(), 1);
        QCOMPARE(stats->at(0).count, qint64(600));
        QCOMPARE(overviewCountsDiffer(*m_store), QString());
    }

    void batchOfLargeResultsIsRecordedWhole()
    {
        // 80 successes with results near the size limit in one report: 20 MB of results, more than MariaDB takes in
        // one statement by default (16 MB). Every task keeps its own result.
        TD_VERIFY_OK(enqueueWaiting(80));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 100)));
        QCOMPARE(claimed->size(), 80);
        auto resultOf = [](qint64 id) {
            return QStringLiteral("{\"task\": %1, \"text\": \"%2\"}")
                .arg(id)
                .arg(QString(TextLimits::kResultBytes - 100, QLatin1Char('a' + id % 26)));
        };
        QList<Completion> done;
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            Completion c = completionFor(task, RunOutcome::Succeeded);
            c.resultJson = resultOf(task.id);
            done << c;
        }
        TD_TRY(report, m_store->complete(QStringLiteral("w1"), done));
        QCOMPARE(report->applied.size(), 80);
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            TD_TRY(details, m_store->task(task.id));
            QVERIFY(details->has_value());
            QCOMPARE((*details)->task.state, TaskState::Succeeded);
            QVERIFY2((*details)->task.result == resultOf(task.id), qPrintable(QString::number(task.id)));
        }
    }

    void batchOfSuccessesIsFencedTaskByTask_data() { addRetentionRows(); }

    void batchOfSuccessesIsFencedTaskByTask()
    {
        QFETCH(bool, removeOnSuccess);
        TD_VERIFY_OK(removeSuccessesAtOnceIf(removeOnSuccess));
        QList<EnqueueRequest> requests;
        for (int i = 0; i < 5; ++i)
            requests << request(QStringLiteral("h"));
        TD_TRY(ids, m_store->enqueueBatch(requests));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 10, 1'000)));
        QCOMPARE(claimed->size(), 5);
        // The third task's lease runs out and w2 takes it: w1's report of it must not apply.
        const ClaimedTask& lostOne = claimed->at(2);
        TD_VERIFY_OK(m_store->releaseTasks(QStringLiteral("w1"), {lostOne}));
        TD_TRY(taken, m_store->claim(claimAll(QStringLiteral("w2"))));
        QCOMPARE(taken->size(), 1);
        QCOMPARE(taken->at(0).id, lostOne.id);
        // The fifth is still w1's, but the report names another attempt than the task's: it must not apply either.
        const ClaimedTask& staleOne = claimed->at(4);

        const QStringList results{QStringLiteral("{\"quote\": \"a \\\" b\", \"n\": 1}"),
                                  QStringLiteral("{\"text\": \"\u00e9\u4e2d \\\\ \\n\"}"), QStringLiteral("{\"x\": 3}"),
                                  QString()};
        QList<Completion> done;
        for (int i = 0; i < 5; ++i) {
            Completion c = completionFor(claimed->at(i), RunOutcome::Succeeded);
            c.resultJson = results.value(i);
            if (claimed->at(i).id == staleOne.id)
                ++c.attempt;
            done << c;
        }
        TD_TRY(report, m_store->complete(QStringLiteral("w1"), done));
        QCOMPARE(report->fenced, (QList<qint64>{lostOne.id, staleOne.id}));
        QCOMPARE(report->applied.size(), 3);
        for (int i = 0; i < 5; ++i) {
            const qint64 id = claimed->at(i).id;
            TD_TRY(details, m_store->task(id));
            if (id == lostOne.id || id == staleOne.id) {
                QVERIFY(details->has_value());
                QCOMPARE((*details)->task.state, TaskState::Running);
                QCOMPARE((*details)->task.lockedBy, id == lostOne.id ? QStringLiteral("w2") : QStringLiteral("w1"));
            } else if (removeOnSuccess) {
                QVERIFY2(!details->has_value(), qPrintable(QString::number(id)));
            } else {
                QVERIFY(details->has_value());
                QCOMPARE((*details)->task.state, TaskState::Succeeded);
                QVERIFY((*details)->task.lockedBy.isEmpty());
                QCOMPARE((*details)->task.result, results.at(i));
            }
        }
        QVERIFY(std::all_of(ids->cbegin(), ids->cend(), [](const EnqueueResult& r) { return r.id > 0; }));
        TD_TRY(stats, m_store->stats(m_clock.nowUtc().addSecs(-60)));
        QCOMPARE(stats->size(), 1);
        QCOMPARE(stats->at(0).count, qint64(3));
        QCOMPARE(overviewCountsDiffer(*m_store), QString());
    }

    void rescueReturnsExpiredLeases()
    {
        EnqueueRequest once = request(QStringLiteral("h"));
        once.maxAttempts = 1;
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("h")), once, request(QStringLiteral("h"))}));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("crashed"), 10, 5'000)));
        QCOMPARE(claimed->size(), 3);
        TD_TRY(cancel, m_store->cancelTasks({ids->at(2).id}));
        QCOMPARE(cancel->requested, qint64(1));

        m_clock.advanceMs(5'000);
        TD_TRY(notYet, m_store->rescueExpiredLeases());
        QVERIFY(notYet->isEmpty()); // expires strictly after locked_until
        m_clock.advanceMs(1);
        TD_TRY(rescued, m_store->rescueExpiredLeases());
        QCOMPARE(rescued->size(), 3);

        TD_TRY(retried, m_store->task(ids->at(0).id));
        QCOMPARE((*retried)->task.state, TaskState::Pending);
        QCOMPARE((*retried)->task.runAt, m_clock.nowUtc().addMSecs(1'000));
        QCOMPARE((*retried)->runs.size(), 1);
        QCOMPARE((*retried)->runs.at(0).outcome, RunOutcome::Lost);
        QVERIFY((*retried)->runs.at(0).message.contains(QLatin1String("crashed")));
        TD_TRY(dead, m_store->task(ids->at(1).id));
        QCOMPARE((*dead)->task.state, TaskState::Failed);
        TD_TRY(cancelled, m_store->task(ids->at(2).id));
        QCOMPARE((*cancelled)->task.state, TaskState::Cancelled);

        TD_TRY(stats, m_store->stats(m_clock.nowUtc().addSecs(-60)));
        QCOMPARE(stats->size(), 1);
        QCOMPARE(stats->at(0).outcome, RunOutcome::Lost);
        QCOMPARE(stats->at(0).count, qint64(3));
    }

    void heartbeatsKeepLeasesAndReportCancellation()
    {
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("h")), request(QStringLiteral("h"))}));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 10, 3'000)));
        const QList<qint64> mine{claimed->at(0).id, claimed->at(1).id};
        for (int beat = 0; beat < 5; ++beat) {
            m_clock.advanceMs(2'000);
            TD_TRY(report, m_store->extendLeases(QStringLiteral("w1"), mine, 3'000));
            QCOMPARE(report->held.size(), 2);
            TD_TRY(rescued, m_store->rescueExpiredLeases());
            QVERIFY(rescued->isEmpty());
        }
        TD_VERIFY_OK(m_store->cancelTasks({mine.at(0)}));
        TD_TRY(withCancel, m_store->extendLeases(QStringLiteral("w1"), mine, 3'000));
        QCOMPARE(withCancel->cancelRequested, QList<qint64>{mine.at(0)});
        TD_VERIFY_OK(m_store->deleteTasks({mine.at(1)}));
        TD_TRY(lost, m_store->extendLeases(QStringLiteral("w1"), mine, 3'000));
        QCOMPARE(lost->lost, QList<qint64>{mine.at(1)});
        TD_TRY(notMine, m_store->extendLeases(QStringLiteral("w2"), mine, 3'000));
        QCOMPARE(notMine->lost.size(), 2);

        Completion cancelled = completionFor(claimed->at(0), RunOutcome::Cancelled, QStringLiteral("stopped"));
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {cancelled}));
        TD_TRY(details, m_store->task(mine.at(0)));
        QCOMPARE((*details)->task.state, TaskState::Cancelled);
    }

    void queueConcurrencyLimitHoldsAcrossWorkers()
    {
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("limited"), QueueUpdate{2, {}, {}, {}}));
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 5; ++i)
            batch << request(QStringLiteral("h"), QStringLiteral("limited"));
        for (int i = 0; i < 3; ++i)
            batch << request(QStringLiteral("h"), QStringLiteral("free"));
        TD_VERIFY_OK(m_store->enqueueBatch(batch));
        TD_TRY(first, m_store->claim(claimAll(QStringLiteral("w1"), 10)));
        QCOMPARE(first->size(), 5); // 2 limited + 3 free
        QCOMPARE(std::count_if(first->cbegin(), first->cend(),
                               [](const ClaimedTask& t) { return t.queue == QLatin1String("limited"); }),
                 2);
        TD_TRY(none, m_store->claim(claimAll(QStringLiteral("w2"), 10)));
        QVERIFY(none->isEmpty());
        const auto limited = std::find_if(first->cbegin(), first->cend(),
                                          [](const ClaimedTask& t) { return t.queue == QLatin1String("limited"); });
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {completionFor(*limited, RunOutcome::Succeeded)}));
        ClaimRequest onlyLimited = claimAll(QStringLiteral("w2"), 10);
        onlyLimited.queues = {QStringLiteral("limited")};
        TD_TRY(one, m_store->claim(onlyLimited));
        QCOMPARE(one->size(), 1);
        // Removing the limit frees the rest.
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("limited"), QueueUpdate{0, {}, {}, {}}));
        TD_TRY(rest, m_store->claim(onlyLimited));
        QCOMPARE(rest->size(), 2);
    }

    void aLimitSetByAnotherConnectionIsNeverExceeded()
    {
        // The worker's store has just read that no queue has a limit; another connection then limits one. The
        // worker's next claims may leave that queue's tasks alone for a moment, but never take more than the limit.
        TD_TRY(worker, TaskStore::open(m_db->locator(), options()));
        TD_TRY(nothing, (*worker)->claim(claimAll(QStringLiteral("w1"), 10)));
        QVERIFY(nothing->isEmpty());
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("limited"), QueueUpdate{1, {}, {}, {}}));
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 3; ++i)
            batch << request(QStringLiteral("h"), QStringLiteral("limited"));
        batch << request(QStringLiteral("h"), QStringLiteral("free"));
        TD_VERIFY_OK(m_store->enqueueBatch(batch));
        int limitedClaimed = 0;
        int freeClaimed = 0;
        auto claimSome = [&]() -> bool {
            auto claimed = (*worker)->claim(claimAll(QStringLiteral("w1"), 10));
            if (!claimed)
                return false;
            for (const ClaimedTask& task : std::as_const(*claimed))
                ++(task.queue == QLatin1String("limited") ? limitedClaimed : freeClaimed);
            return true;
        };
        QVERIFY(claimSome());
        QCOMPARE(freeClaimed, 1);
        QVERIFY(limitedClaimed <= 1);
        // Within the worker's recheck of the limits, the limited queue's first task is claimed, and no second.
        QTRY_VERIFY_WITH_TIMEOUT(claimSome() && limitedClaimed == 1, 10'000);
        QVERIFY(claimSome());
        QCOMPARE(limitedClaimed, 1);
        QCOMPARE(freeClaimed, 1);
    }

    void claimReadsTheClaimIndexWhateverTheQueueStatistics()
    {
        // The planner's statistics for the queues table say nothing about the names the tasks use: a hundred paused
        // queues of other names, analyzed, once made it guess that almost every task is in a paused queue, read all
        // waiting tasks and sort them for every claim. The claim must take the first tasks off its index.
        const Dialect& d = m_store->dialect();
        if (d.name() != QLatin1String("postgresql"))
            QSKIP("the plan of PostgreSQL's claim; the other databases test each queue per task as they read it");
        TD_VERIFY_OK(enqueueWaiting(2000));
        QVERIFY(runSql({QStringLiteral("INSERT INTO taskdeck.queues (name, paused) SELECT 'idle' || g, true"
                                       " FROM generate_series(1, 100) AS g"),
                        QStringLiteral("ANALYZE taskdeck.tasks"), QStringLiteral("ANALYZE taskdeck.queues")}));
        for (const bool skipLimitedQueues : {false, true}) {
            ClaimShape shape;
            shape.handlerCount = 1;
            shape.skipLimitedQueues = skipLimitedQueues;
            const QString plan = planOf(d.claimSql(shape),
                                        {{QStringLiteral(":lease_ms"), QStringLiteral("30000")},
                                         {QStringLiteral(":limit"), QStringLiteral("10")},
                                         {QStringLiteral(":worker"), QStringLiteral("'w1'")},
                                         {QStringLiteral(":handler0"), QStringLiteral("'h'")}})
                                     .join(QLatin1Char('\n'));
            QVERIFY2(plan.contains(QLatin1String("Index Scan using tasks_claim")) &&
                         !plan.contains(QLatin1String("Seq Scan on tasks")),
                     qPrintable(plan));
        }
    }

    void runningTasksAreReadOffTheLeaseIndex()
    {
        // PostgreSQL leaves running tasks out of the state index (a claim then writes one index entry fewer per
        // task): what asks for running tasks — a claim counting a limited queue's running tasks, the console's list
        // of them, with or without a queue, a rescue looking for expired leases — must still read an index, the
        // lease index, not every task.
        const Dialect& d = m_store->dialect();
        if (d.name() != QLatin1String("postgresql"))
            QSKIP("PostgreSQL's state index; the other databases keep running tasks in it");
        QSqlQuery predicate(m_store->database());
        QVERIFY2(predicate.exec(QStringLiteral("SELECT pg_get_expr(indpred, indrelid) FROM pg_index"
                                               " WHERE indexrelid = 'taskdeck.tasks_state'::regclass")),
                 qPrintable(predicate.lastError().text()));
        QVERIFY(predicate.next());
        QCOMPARE(predicate.value(0).toString(), QStringLiteral("(state <> 'running'::text)"));

        TD_VERIFY_OK(enqueueWaiting(3000));
        QVERIFY(runSql({QStringLiteral("UPDATE taskdeck.tasks SET state = 'running', attempts = 1, locked_by = 'w2',"
                                       " locked_until = now() + INTERVAL '1 minute'"
                                       " WHERE id IN (SELECT id FROM taskdeck.tasks ORDER BY id LIMIT 100)"),
                        QStringLiteral("ANALYZE taskdeck.tasks")}));
        QStringList statements{d.sql(Sql::CountRunningByQueue), d.sql(Sql::SelectExpiredLeases)};
        for (const int queueCount : {0, 1}) {
            ListShape running;
            running.displayStates = {QStringLiteral("running")};
            running.queueCount = queueCount;
            statements << TaskListSql::select(d, running);
        }
        for (const QString& statement : std::as_const(statements)) {
            const QString plan = planOf(statement,
                                        {{QStringLiteral(":limit"), QStringLiteral("100")},
                                         {QStringLiteral(":queue0"), QStringLiteral("'work'")}})
                                     .join(QLatin1Char('\n'));
            QVERIFY2(plan.contains(QLatin1String("tasks_lease")) && !plan.contains(QLatin1String("Seq Scan on tasks")),
                     qPrintable(statement + QLatin1Char('\n') + plan));
        }
    }

    void statementsOnTasksByIdReadThePrimaryKey()
    {
        // Statistics taken while every task waited say that none runs; a thousand then run. A worker finishing,
        // extending or checking its own tasks, and an operator acting on chosen tasks, must find them by their ids,
        // not read every running (or waiting) task off the state index.
        const Dialect& d = m_store->dialect();
        if (d.name() != QLatin1String("postgresql"))
            QSKIP("PostgreSQL's plans; the other databases find a row by its key whatever their statistics say");
        TD_VERIFY_OK(enqueueWaiting(3000));
        QVERIFY(runSql({QStringLiteral("ANALYZE taskdeck.tasks"),
                        QStringLiteral("UPDATE taskdeck.tasks SET state = 'running', attempts = 1, locked_by = 'w2',"
                                       " locked_until = now() + INTERVAL '1 minute'"
                                       " WHERE id IN (SELECT id FROM taskdeck.tasks ORDER BY id LIMIT 1000)")}));
        const QList<std::pair<QString, QString>> literals{
            {QStringLiteral("{ids}"), QStringLiteral("5, 6, 7")},
            {QStringLiteral(":id"), QStringLiteral("5")},
            {QStringLiteral(":task_id"), QStringLiteral("5")},
            {QStringLiteral(":worker"), QStringLiteral("'w2'")},
            {QStringLiteral(":attempt"), QStringLiteral("1")},
            {QStringLiteral(":lease_ms"), QStringLiteral("30000")},
            {QStringLiteral(":limit"), QStringLiteral("1")},
            {QStringLiteral(":retryable"), QStringLiteral("1")},
            {QStringLiteral(":delay_ms"), QStringLiteral("1000")},
            {QStringLiteral(":message"), QStringLiteral("'m'")},
            {QStringLiteral(":result"), QStringLiteral("NULL")},
            {QStringLiteral(":default_max_attempts"), QStringLiteral("5")},
            {QStringLiteral(":rows"), QStringLiteral("'[{\"i\": 5, \"a\": 1, \"r\": null}]'")}};
        ClaimShape runNow;
        runNow.singleTask = true;
        const QList<std::pair<const char*, QString>> statements{
            {"a success", d.sql(Sql::FinishSucceeded)},
            {"a failure", d.sql(Sql::FinishFailed)},
            {"successes in a batch", d.batchSql(BatchSql::FinishSucceededFromJson, {})},
            {"successes removed in a batch", d.batchSql(BatchSql::RemoveSucceededFromJson, {})},
            {"leases extended", d.sql(Sql::ExtendLeases)},
            {"leases read", d.sql(Sql::SelectLeaseStates)},
            {"cancellation requested", d.sql(Sql::RequestCancelRunningTasks)},
            {"pending tasks cancelled", d.sql(Sql::CancelPendingTasks)},
            {"run now", d.sql(Sql::MakeRunnableNow)},
            {"run now, the claim", d.claimSql(runNow)},
        };
        for (const auto& [what, sql] : statements) {
            const QString plan = planOf(sql, literals).join(QLatin1Char('\n'));
            QVERIFY2(plan.contains(QLatin1String("tasks_pkey")) && !plan.contains(QLatin1String("tasks_state")) &&
                         !plan.contains(QLatin1String("tasks_lease")) && !plan.contains(QLatin1String("tasks_claim")),
                     qPrintable(QLatin1String(what) + QLatin1String(":\n") + plan));
        }
    }

    void progressAndRelease()
    {
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("h")), request(QStringLiteral("h"))}));
        TD_TRY(claimed, m_store->claim(claimAll()));
        QCOMPARE(claimed->size(), 2);
        TD_VERIFY_OK(
            m_store->updateProgress(QStringLiteral("w1"), {{claimed->at(0).id, 1, 40, QStringLiteral("page 4")}}));
        TD_VERIFY_OK(
            m_store->updateProgress(QStringLiteral("w2"), {{claimed->at(0).id, 1, 90, QStringLiteral("nope")}}));
        TD_TRY(progressed, m_store->task(claimed->at(0).id));
        QCOMPARE((*progressed)->task.progress, std::optional<int>(40));
        QCOMPARE((*progressed)->task.progressMessage, QStringLiteral("page 4"));

        TD_TRY(released, m_store->releaseTasks(QStringLiteral("w1"), {claimed->at(1)}));
        QCOMPARE(*released, QList<qint64>{claimed->at(1).id});
        TD_TRY(back, m_store->task(claimed->at(1).id));
        QCOMPARE((*back)->task.state, TaskState::Pending);
        QCOMPARE((*back)->task.attempts, 0);
        QCOMPARE((*back)->task.displayState, DisplayState::Pending);
        TD_TRY(again, m_store->claim(claimAll(QStringLiteral("w2"))));
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->at(0).attempt, 1);
    }

    void runNowClaimsOneTaskForTheCallingWorker()
    {
        EnqueueRequest later = request(QStringLiteral("h"), QStringLiteral("q"));
        later.delayMs = 3'600'000;
        TD_TRY(scheduled, m_store->enqueue(later));
        TD_TRY(other, m_store->enqueue(request(QStringLiteral("h"), QStringLiteral("q"))));

        // A task scheduled an hour ahead runs now, and only it: the runnable one beside it stays pending.
        TD_TRY(claimed, m_store->claimTaskNow(QStringLiteral("console"), scheduled->id, 30'000));
        QCOMPARE(claimed->id, scheduled->id);
        QCOMPARE(claimed->attempt, 1);
        TD_TRY(otherTask, m_store->task(other->id));
        QCOMPARE((*otherTask)->task.state, TaskState::Pending);

        // Running: refused with the worker's name.
        auto again = m_store->claimTaskNow(QStringLiteral("console"), scheduled->id, 30'000);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QLatin1String("already running on console")),
                 qPrintable(again.error().message));

        // Failed: a fresh budget of attempts, claimed at once.
        Completion failed = completionFor(*claimed, RunOutcome::Failed, QStringLiteral("boom"));
        failed.retryable = false;
        TD_VERIFY_OK(m_store->complete(QStringLiteral("console"), {failed}));
        TD_TRY(rerun, m_store->claimTaskNow(QStringLiteral("console"), scheduled->id, 30'000));
        QCOMPARE(rerun->attempt, 2);

        // A paused queue: refused, and nothing changed.
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("q"), true));
        auto paused = m_store->claimTaskNow(QStringLiteral("console"), other->id, 30'000);
        QVERIFY(!paused.ok());
        QVERIFY2(paused.error().message.contains(QLatin1String("paused")), qPrintable(paused.error().message));
        TD_TRY(unchanged, m_store->task(other->id));
        QCOMPARE((*unchanged)->task.state, TaskState::Pending);
        QCOMPARE((*unchanged)->task.attempts, 0);

        auto missing = m_store->claimTaskNow(QStringLiteral("console"), other->id + 1000, 30'000);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestLeaseLedger)
#include "tst_leaseledger.moc"
