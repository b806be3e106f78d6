// Operator actions: retry, delete and cancel by ids or by filter, in audited batches, and the audit log.

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

class TestOperatorActions : public StoreFixture
{
    Q_OBJECT

private slots:
    void init() { initStore(); }
    void cleanup() { cleanupStore(); }

    void operatorRetryCancelDelete()
    {
        EnqueueRequest once = request(QStringLiteral("h"));
        once.maxAttempts = 1;
        TD_TRY(ids, m_store->enqueueBatch({once, request(QStringLiteral("h")), request(QStringLiteral("h"))}));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 1)));
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {completionFor(claimed->at(0), RunOutcome::Failed)}));
        const qint64 failedId = claimed->at(0).id;

        // Retry applies to failed / cancelled only; the failed task gets a fresh budget on top of used attempts.
        TD_TRY(retried, m_store->retryTasks({failedId, ids->at(1).id}));
        QCOMPARE(*retried, qint64(1));
        TD_TRY(details, m_store->task(failedId));
        QCOMPARE((*details)->task.state, TaskState::Pending);
        QCOMPARE((*details)->task.attempts, 1);
        QCOMPARE((*details)->task.maxAttempts, 6);
        QVERIFY(!(*details)->task.finishedAt.isValid());

        TD_TRY(cancelled, m_store->cancelTasks({ids->at(1).id, ids->at(2).id}));
        QCOMPARE(cancelled->cancelled, qint64(2));
        TD_TRY(again, m_store->retryTasks({ids->at(1).id}));
        QCOMPARE(*again, qint64(1));

        TD_TRY(deleted, m_store->deleteTasks({ids->at(0).id, ids->at(1).id, 999'999}));
        QCOMPARE(*deleted, qint64(2));
        QCOMPARE(totalCount(*m_store), qint64(1));

        EnqueueRequest keyed = request(QStringLiteral("h"));
        keyed.uniqueKey = QStringLiteral("order-7");
        TD_VERIFY_OK(m_store->enqueue(keyed));
        TD_TRY(byKey, m_store->cancelByUniqueKey(QStringLiteral("order-7")));
        QCOMPARE(byKey->cancelled, qint64(1));
        const auto none = m_store->cancelByUniqueKey(QStringLiteral("order-8"));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::NotFound);
    }

    void bulkByFilterOver50000Tasks()
    {
        constexpr int kTasks = 50'000;
        QList<EnqueueRequest> batch;
        batch.reserve(kTasks);
        for (int i = 0; i < kTasks; ++i)
            batch << request(QStringLiteral("bulk.h"), QStringLiteral("bulk"), QStringLiteral("{\"i\":%1}").arg(i));
        TD_VERIFY_OK(m_store->enqueueBatch(batch));
        TD_VERIFY_OK(m_store->enqueueBatch({request(QStringLiteral("other.h"), QStringLiteral("other"))}));

        TaskFilter filter;
        filter.states = {DisplayState::Pending};
        filter.queues = {QStringLiteral("bulk")};
        TD_TRY(snapshot, m_store->selectTaskIds(filter));
        QCOMPARE(snapshot->size(), kTasks);

        // A task that arrives after the operator confirmed is not part of the action.
        TD_TRY(late, m_store->enqueue(request(QStringLiteral("bulk.h"), QStringLiteral("bulk"))));

        QList<qint64> progress;
        QSet<qint64> totals;
        TD_TRY(
            cancelled,
            m_store->cancelTasks(*snapshot, QStringLiteral("state=pending queue=bulk"), [&](qint64 done, qint64 total) {
                totals.insert(total);
                progress << done;
                return true;
            }));
        QCOMPARE(totals, QSet<qint64>{qint64(kTasks)});
        QCOMPARE(cancelled->cancelled, qint64(kTasks));
        QCOMPARE(progress.size(), kTasks / TaskStore::kBatchSize);
        QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
        QCOMPARE(progress.last(), qint64(kTasks));
        TD_TRY(lateTask, m_store->task(late->id));
        QCOMPARE((*lateTask)->task.state, TaskState::Pending);

        filter.states = {DisplayState::Cancelled};
        TD_TRY(toRetry, m_store->selectTaskIds(filter));
        QCOMPARE(toRetry->size(), kTasks);
        TD_TRY(retried, m_store->retryTasks(*toRetry));
        QCOMPARE(*retried, qint64(kTasks));

        filter.states = {DisplayState::Pending};
        TD_TRY(toDelete, m_store->selectTaskIds(filter));
        QCOMPARE(toDelete->size(), kTasks + 1);
        TD_TRY(deleted, m_store->deleteTasks(*toDelete));
        QCOMPARE(*deleted, qint64(kTasks + 1));
        QCOMPARE(totalCount(*m_store), qint64(1)); // only the other queue's task is left
    }

    void bulkActionStopsBetweenBatchesAndSaysWhere()
    {
        QList<EnqueueRequest> requests;
        for (int i = 0; i < TaskStore::kBatchSize * 3; ++i)
            requests << request(QStringLiteral("h"));
        TD_TRY(ids, m_store->enqueueBatch(requests));
        QList<qint64> targets;
        for (const EnqueueResult& r : std::as_const(*ids))
            targets << r.id;
        int calls = 0;
        TD_TRY(deleted, m_store->deleteTasks(targets, QStringLiteral("stopped by the test"), [&](qint64, qint64) {
            return ++calls < 2; // let the first two batches through, then stop
        }));
        QCOMPARE(*deleted, qint64(TaskStore::kBatchSize * 2));
        QCOMPARE(totalCount(*m_store), qint64(TaskStore::kBatchSize));
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT action, task_count, detail FROM %1 ORDER BY id")
                           .arg(m_store->dialect().tableName(QStringLiteral("operator_actions")))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("delete"));
        QCOMPARE(q.value(1).toLongLong(), qint64(TaskStore::kBatchSize * 2));
        QVERIFY2(q.value(2).toString().contains(QLatin1String("stopped after 1000 of 1500")),
                 qPrintable(q.value(2).toString()));
        QVERIFY(!q.next());
    }

    void auditLogRecordsOperatorActions()
    {
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("h")), request(QStringLiteral("h"))}));
        TD_VERIFY_OK(m_store->cancelTasks({ids->at(0).id}, QStringLiteral("from the test")));
        TD_VERIFY_OK(m_store->deleteTasks({ids->at(1).id}));
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT action, actor, task_count, detail FROM %1 ORDER BY id")
                           .arg(m_store->dialect().tableName(QStringLiteral("operator_actions")))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("cancel"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("tester@test"));
        QCOMPARE(q.value(2).toLongLong(), qint64(1));
        QVERIFY(q.value(3).toString().contains(QLatin1String("from the test")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("delete"));
        QVERIFY(!q.next());
    }

    // Without an actor of its own, the audit names the account the system runs the process as — not $USER, which
    // service managers leave unset and anyone can set.
    void auditNamesTheOsAccountByDefault()
    {
        // Asked of the system by another program: id -un, or whoami on Windows (DOMAIN\user).
        QProcess id;
#ifdef Q_OS_WIN
        id.start(QStringLiteral("whoami"));
#else
        id.start(QStringLiteral("id"), {QStringLiteral("-un")});
#endif
        QVERIFY(id.waitForFinished(10'000) && id.exitCode() == 0);
        const QString account =
            QString::fromLocal8Bit(id.readAllStandardOutput()).trimmed().section(QLatin1Char('\\'), -1);
        QVERIFY(!account.isEmpty());
#ifdef Q_OS_WIN
        const char* const variable = "USERNAME";
#else
        const char* const variable = "USER";
#endif
        const QByteArray user = qgetenv(variable);
        const auto restore = qScopeGuard([&user, variable] { qputenv(variable, user); });
        qputenv(variable, "someone-else");

        TD_TRY(store, m_db->open(StoreOptions{}));
        TD_TRY(ids, (*store)->enqueueBatch({request(QStringLiteral("h"))}));
        TD_VERIFY_OK((*store)->deleteTasks({ids->at(0).id}));
        QSqlQuery q((*store)->database());
        QVERIFY(q.exec(QStringLiteral("SELECT actor FROM %1 WHERE action = 'delete'")
                           .arg((*store)->dialect().tableName(QStringLiteral("operator_actions")))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), account + QLatin1Char('@') + QSysInfo::machineHostName());
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestOperatorActions)
#include "tst_operatoractions.moc"
