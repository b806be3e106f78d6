// "Why isn't this task running?": each reason, checked against the database, comes first when it is the answer.

#include "common/Translations.h"
#include "support/StoreFixture.h"

#include <QTest>

using namespace taskdeck;
using namespace taskdeck::test;

class TestExplain : public StoreFixture
{
    Q_OBJECT

    // The first reason's code, and its text for the failure message.
    std::pair<QString, QString> firstReason(qint64 id)
    {
        auto explained = m_store->explain(id);
        if (!explained)
            return {QStringLiteral("error"), explained.error().message};
        if (explained->reasons.isEmpty())
            return {QStringLiteral("none"), QString()};
        return {explained->reasons.first().code, explained->reasons.first().text};
    }

    qint64 enqueue(const QString& queue = QStringLiteral("work"), int priority = 0, qint64 delayMs = 0)
    {
        EnqueueRequest r = request(QStringLiteral("h"), queue);
        r.priority = priority;
        r.delayMs = delayMs;
        auto added = m_store->enqueue(r);
        return added ? added->id : -1;
    }

    // A live worker offering handler h (for every queue unless queues are named).
    void startWorker(const QString& id, const QStringList& handlers = {QStringLiteral("h")},
                     const QStringList& queues = {})
    {
        WorkerInfo worker;
        worker.id = id;
        worker.name = id;
        worker.host = QStringLiteral("host-a");
        worker.pid = 4242;
        worker.version = QStringLiteral("test");
        worker.handlers = handlers;
        worker.queues = queues;
        worker.concurrency = 4;
        QVERIFY(m_store->registerWorker(worker).ok());
    }

private slots:
    void initTestCase() { installTranslations(QLocale(QStringLiteral("en"))); } // plural forms
    void init() { initStore(); }
    void cleanup() { cleanupStore(); }

    void scheduledForLater()
    {
        startWorker(QStringLiteral("w1"));
        const qint64 id = enqueue(QStringLiteral("work"), 0, 3'600'000);
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("scheduled"));
        QVERIFY2(text.contains(QLatin1String("UTC")) && text.contains(QLatin1String("1h")), qPrintable(text));
    }

    void waitingForItsBackoff()
    {
        startWorker(QStringLiteral("w1"));
        const qint64 id = enqueue();
        TD_TRY(claimed, m_store->claim(claimAll()));
        QCOMPARE(claimed->size(), 1);
        Completion failed = completionFor(claimed->at(0), RunOutcome::Failed, QStringLiteral("upstream said 503"));
        failed.retryable = true;
        failed.retryDelayMs = 600'000;
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {failed}));
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("backoff"));
        QVERIFY2(text.contains(QLatin1String("Attempt 1 of")) && text.contains(QLatin1String("upstream said 503")),
                 qPrintable(text));
    }

    void itsQueuePaused()
    {
        startWorker(QStringLiteral("w1"));
        const qint64 id = enqueue();
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("work"), true));
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("queue_paused"));
        QVERIFY2(text.contains(QLatin1String("'work' is paused (by ")), qPrintable(text)); // who, from the audit
    }

    void itsQueueAtItsLimit()
    {
        startWorker(QStringLiteral("w1"));
        QueueUpdate limit;
        limit.concurrencyLimit = 1;
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("work"), limit));
        enqueue();
        TD_TRY(claimed, m_store->claim(claimAll()));
        QCOMPARE(claimed->size(), 1);
        const qint64 id = enqueue();
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("queue_limit"));
        QVERIFY2(text.contains(QLatin1String("1 running of 1")), qPrintable(text));
    }

    void noWorkerForItsQueueOrHandler()
    {
        const qint64 id = enqueue();
        auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("no_worker"));
        QVERIFY2(text.contains(QLatin1String("No worker is running")), qPrintable(text));
        // Workers that offer another handler, or take other queues, do not serve it; they are named.
        startWorker(QStringLiteral("w-other-handler"), {QStringLiteral("mail.send")});
        startWorker(QStringLiteral("w-other-queue"), {QStringLiteral("h")}, {QStringLiteral("reports")});
        std::tie(code, text) = firstReason(id);
        QCOMPARE(code, QStringLiteral("no_worker"));
        QVERIFY2(text.contains(QLatin1String("mail.send")) && text.contains(QLatin1String("reports")),
                 qPrintable(text));
        startWorker(QStringLiteral("w-right"), {QStringLiteral("h")}, {QStringLiteral("work")});
        QCOMPARE(firstReason(id).first, QStringLiteral("ready"));
    }

    void heldByAWorkerThatStoppedBeating()
    {
        startWorker(QStringLiteral("w1"));
        const qint64 id = enqueue();
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 1, 30'000)));
        QCOMPARE(claimed->size(), 1);
        QCOMPARE(firstReason(id).first, QStringLiteral("running"));
        m_clock.advanceMs(120'000);
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("stale_worker"));
        QVERIFY2(text.contains(QLatin1String("w1")) && text.contains(QLatin1String("ran out at")), qPrintable(text));
    }

    void behindOtherRunnableTasks()
    {
        startWorker(QStringLiteral("w1"));
        // Two runs in the last ten minutes: the queue's pace for the estimate.
        enqueue(QStringLiteral("work"), 9);
        enqueue(QStringLiteral("work"), 9);
        TD_TRY(done, m_store->claim(claimAll()));
        QCOMPARE(done->size(), 2);
        TD_VERIFY_OK(m_store->complete(
            QStringLiteral("w1"),
            {completionFor(done->at(0), RunOutcome::Succeeded), completionFor(done->at(1), RunOutcome::Succeeded)}));
        for (int i = 0; i < 3; ++i)
            enqueue(QStringLiteral("work"), 5); // higher priority
        enqueue(QStringLiteral("work"), 0); // equal priority, earlier
        const qint64 id = enqueue(QStringLiteral("work"), 0);
        enqueue(QStringLiteral("work"), 0); // equal priority, later: behind it
        enqueue(QStringLiteral("other"), 9); // another queue
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("behind"));
        QVERIFY2(text.startsWith(QLatin1String("4 runnable tasks")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("about 20m")), qPrintable(text)); // 4 at 0.2 a minute
    }

    // Behind more than the count goes, only "more than" is said: the count stays cheap however long the queue.
    void farBehindIsCountedUpToALimit()
    {
        startWorker(QStringLiteral("w1"));
        QList<EnqueueRequest> ahead;
        for (qint64 i = 0; i <= TaskExplainer::kMostCountedAhead; ++i) {
            EnqueueRequest r = request(QStringLiteral("h"), QStringLiteral("work"));
            r.priority = 1;
            ahead << r;
        }
        TD_VERIFY_OK(m_store->enqueueBatch(ahead));
        const qint64 id = enqueue();
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("behind"));
        QVERIFY2(text.startsWith(QStringLiteral("More than %L1 ").arg(TaskExplainer::kMostCountedAhead)),
                 qPrintable(text));
    }

    void cancellationRequested()
    {
        startWorker(QStringLiteral("w1"));
        const qint64 id = enqueue();
        TD_TRY(claimed, m_store->claim(claimAll()));
        QCOMPARE(claimed->size(), 1);
        TD_VERIFY_OK(m_store->cancelTasks({id}));
        QCOMPARE(firstReason(id).first, QStringLiteral("cancel_requested"));
    }

    void failedForGood()
    {
        startWorker(QStringLiteral("w1"));
        const qint64 id = enqueue();
        TD_TRY(claimed, m_store->claim(claimAll()));
        Completion failed = completionFor(claimed->at(0), RunOutcome::Failed, QStringLiteral("template missing"));
        failed.retryable = false;
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {failed}));
        const auto [code, text] = firstReason(id);
        QCOMPARE(code, QStringLiteral("failed"));
        QVERIFY2(text.contains(QLatin1String("template missing")), qPrintable(text));
    }

    void anUnknownTaskIsSaidSo()
    {
        auto explained = m_store->explain(987'654);
        QVERIFY(!explained);
        QCOMPARE(explained.error().code, ErrorCode::NotFound);
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestExplain)
#include "tst_explain.moc"
