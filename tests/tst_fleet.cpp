// The fleet: queue settings, and workers that register, beat and leave.

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

class TestFleet : public StoreFixture
{
    Q_OBJECT

private slots:
    void init() { initStore(); }
    void cleanup() { cleanupStore(); }

    void queueSettingsApply()
    {
        QueueUpdate update;
        update.maxAttempts = 7;
        update.backoffMs = std::pair<qint64, qint64>{100, 1000};
        update.timeoutS = 30;
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("mail"), update));
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("mail"), true));
        TD_TRY(queues, m_store->queues());
        QCOMPARE(queues->size(), 1);
        const QueueSettings& mail = queues->at(0);
        QCOMPARE(mail.name, QStringLiteral("mail"));
        QVERIFY(mail.paused);
        QCOMPARE(mail.defaultMaxAttempts, std::optional<int>(7));
        QCOMPARE(mail.backoffBaseMs, std::optional<qint64>(100));
        QCOMPARE(mail.backoffMaxMs, std::optional<qint64>(1000));
        QCOMPARE(mail.defaultTimeoutS, std::optional<int>(30));
        QCOMPARE(mail.concurrencyLimit, std::optional<int>());

        TD_TRY(enqueued, m_store->enqueue(request(QStringLiteral("h"), QStringLiteral("mail"))));
        TD_TRY(task, m_store->task(enqueued->id));
        QCOMPARE((*task)->task.maxAttempts, 7);
        QCOMPARE((*task)->task.timeoutS, std::optional<int>()); // resolved at run time: task, handler, queue
        // The queue's backoff applies to failures.
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("mail"), false));
        TD_TRY(claimed, m_store->claim(claimAll()));
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {completionFor(claimed->at(0), RunOutcome::Failed)}));
        TD_TRY(failed, m_store->task(enqueued->id));
        QCOMPARE((*failed)->task.runAt, m_clock.nowUtc().addMSecs(100));

        QueueUpdate clear;
        clear.maxAttempts = 0;
        clear.timeoutS = 0;
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("mail"), clear));
        TD_TRY(cleared, m_store->queues());
        QCOMPARE(cleared->at(0).defaultMaxAttempts, std::optional<int>());
        QCOMPARE(cleared->at(0).defaultTimeoutS, std::optional<int>());
        QCOMPARE(cleared->at(0).backoffBaseMs, std::optional<qint64>(100)); // untouched

        // The audit says what changed, from what to what.
        TD_TRY(actions, m_store->operatorActions(10));
        QStringList details;
        for (const OperatorAction& action : std::as_const(*actions)) {
            if (action.action == QLatin1String("queue-settings"))
                details << action.detail;
        }
        QCOMPARE(details,
                 (QStringList{QStringLiteral("queue mail: max attempts 7 → default, timeout 30s → none"),
                              QStringLiteral("queue mail: max attempts default → 7, backoff default → "
                                             "100ms…1s, timeout none → 30s")}));
    }

    void workersRegisterBeatAndLeave()
    {
        WorkerInfo worker;
        worker.id = QStringLiteral("host-1:42:abc");
        worker.name = QStringLiteral("billing");
        worker.host = QStringLiteral("host-1");
        worker.pid = 42;
        worker.version = QStringLiteral("0.1.0");
        worker.handlers = {QStringLiteral("email.send"), QStringLiteral("report.export")};
        worker.concurrency = 4;
        TD_VERIFY_OK(m_store->registerWorker(worker));
        TD_VERIFY_OK(
            m_store->enqueueBatch({request(QStringLiteral("email.send")), request(QStringLiteral("sms.send"))}));
        TD_TRY(orphaned, m_store->handlersWithoutWorker());
        QCOMPARE(*orphaned, QStringList{QStringLiteral("sms.send")});

        m_clock.advanceMs(5'000);
        TD_VERIFY_OK(m_store->workerHeartbeat(worker.id, 3, false));
        TD_TRY(list, m_store->workers());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->at(0).handlers, worker.handlers);
        QCOMPARE(list->at(0).inFlight, 3);
        QCOMPARE(list->at(0).heartbeatAt, m_clock.nowUtc());
        QCOMPARE(list->at(0).startedAt, m_clock.nowUtc().addMSecs(-5'000));

        m_clock.advanceMs(60'000);
        TD_TRY(removed, m_store->removeStaleWorkers(30'000));
        QCOMPARE(*removed, qint64(1));
        TD_TRY(none, m_store->handlersWithoutWorker());
        QCOMPARE(none->size(), 2);
        TD_VERIFY_OK(m_store->registerWorker(worker));
        TD_VERIFY_OK(m_store->unregisterWorker(worker.id));
        TD_TRY(empty, m_store->workers());
        QVERIFY(empty->isEmpty());
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestFleet)
#include "tst_fleet.moc"
