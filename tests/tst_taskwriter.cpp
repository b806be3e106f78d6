// Enqueueing: single tasks, batches, unique keys, transactional enqueue, what is stored.

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

class TestTaskWriter : public StoreFixture
{
    Q_OBJECT

private slots:
    void init() { initStore(); }
    void cleanup() { cleanupStore(); }

    void enqueueAndRead()
    {
        EnqueueRequest r = request(QStringLiteral("email.send"), QStringLiteral("mail"), QStringLiteral("{\"to\":1}"));
        r.priority = 3;
        r.timeoutS = 60;
        TD_TRY(enqueued, m_store->enqueue(r));
        QVERIFY(enqueued->created);
        TD_TRY(details, m_store->task(enqueued->id));
        QVERIFY(details->has_value());
        const Task& task = (*details)->task;
        QCOMPARE(task.handler, QStringLiteral("email.send"));
        QCOMPARE(task.queue, QStringLiteral("mail"));
        QCOMPARE(task.payload, QStringLiteral("{\"to\":1}"));
        QCOMPARE(task.priority, 3);
        QCOMPARE(task.state, TaskState::Pending);
        QCOMPARE(task.displayState, DisplayState::Pending);
        QCOMPARE(task.attempts, 0);
        QCOMPARE(task.maxAttempts, 5);
        QCOMPARE(task.timeoutS, std::optional<int>(60));
        QCOMPARE(task.createdAt, m_clock.nowUtc());
        QCOMPARE(task.runAt, m_clock.nowUtc());
        QCOMPARE(task.createdAt.timeSpec(), Qt::UTC);
        QVERIFY((*details)->runs.isEmpty());

        TD_TRY(missing, m_store->task(enqueued->id + 1000));
        QVERIFY(!missing->has_value());
    }

    void enqueueRejectsBadInput_data()
    {
        QTest::addColumn<QString>("handler");
        QTest::addColumn<QString>("queue");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("uniqueKey");
        QTest::addColumn<int>("maxAttempts");
        QTest::newRow("empty handler") << ""
                                       << "default"
                                       << ""
                                       << "" << 3;
        QTest::newRow("NUL in handler") << QString(QStringLiteral("a") + QChar(0)) << "default"
                                        << ""
                                        << "" << 3;
        QTest::newRow("NUL in queue") << "h" << QString(QStringLiteral("q") + QChar(0) + QStringLiteral("x")) << ""
                                      << "" << 3;
        QTest::newRow("trailing space in queue") << "h"
                                                 << "q "
                                                 << ""
                                                 << "" << 3;
        QTest::newRow("long handler") << QString(201, QLatin1Char('h')) << "default"
                                      << ""
                                      << "" << 3;
        QTest::newRow("long unique key") << "h"
                                         << "default"
                                         << "" << QString(256, QLatin1Char('k')) << 3;
        QTest::newRow("NUL in unique key") << "h"
                                           << "default"
                                           << "" << QString(QStringLiteral("k") + QChar(0)) << 3;
        QTest::newRow("invalid JSON") << "h"
                                      << "default"
                                      << "{oops"
                                      << "" << 3;
        QTest::newRow("escaped NUL in JSON") << "h"
                                             << "default"
                                             << "\"\\u0000\""
                                             << "" << 3;
        QTest::newRow("zero attempts") << "h"
                                       << "default"
                                       << ""
                                       << "" << 0;
    }

    void enqueueRejectsBadInput()
    {
        QFETCH(QString, handler);
        QFETCH(QString, queue);
        QFETCH(QString, payload);
        QFETCH(QString, uniqueKey);
        QFETCH(int, maxAttempts);
        EnqueueRequest r = request(handler, queue, payload);
        r.uniqueKey = uniqueKey;
        r.maxAttempts = maxAttempts;
        const auto result = m_store->enqueue(r);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!result.error().message.isEmpty());
        QCOMPARE(totalCount(*m_store), qint64(0));
    }

    void enqueueBatchIsAllOrNothing()
    {
        QList<EnqueueRequest> batch{request(QStringLiteral("a")), request(QStringLiteral("b")),
                                    request(QStringLiteral("c"), QStringLiteral("default"), QStringLiteral("{bad"))};
        const auto result = m_store->enqueueBatch(batch);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QLatin1String("task 3")), qPrintable(result.error().message));
        QCOMPARE(totalCount(*m_store), qint64(0));
        batch.removeLast();
        TD_TRY(ok, m_store->enqueueBatch(batch));
        QCOMPARE(ok->size(), 2);
        QCOMPARE(totalCount(*m_store), qint64(2));
    }

    void uniqueKeyReturnsExistingTask()
    {
        EnqueueRequest r = request(QStringLiteral("orders.cancel"));
        r.uniqueKey = QStringLiteral("order-42");
        TD_TRY(first, m_store->enqueue(r));
        TD_TRY(second, m_store->enqueue(r));
        QVERIFY(first->created);
        QVERIFY(!second->created);
        QCOMPARE(second->id, first->id);

        // Keys compare exactly: case and inner spaces matter.
        EnqueueRequest other = r;
        other.uniqueKey = QStringLiteral("ORDER-42");
        TD_TRY(third, m_store->enqueue(other));
        QVERIFY(third->created);

        // Duplicates inside one batch resolve to the first.
        TD_TRY(batch, m_store->enqueueBatch({other, r, other}));
        QCOMPARE(batch->at(0).id, third->id);
        QCOMPARE(batch->at(1).id, first->id);
        QVERIFY(!batch->at(2).created);
        QCOMPARE(totalCount(*m_store), qint64(2));

        // The key is unique while the task exists: once deleted, it can be used again.
        TD_TRY(deleted, m_store->deleteTasks({first->id}));
        QCOMPARE(*deleted, qint64(1));
        TD_TRY(again, m_store->enqueue(r));
        QVERIFY(again->created);
        QVERIFY(again->id != first->id);
    }

    void largeBatchesKeepOrderAndKeysAcrossStatements()
    {
        // More tasks than one statement takes on any database, with keys taken by tasks of earlier statements.
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 1'500; ++i) {
            EnqueueRequest r =
                request(QStringLiteral("h"), QStringLiteral("default"), QStringLiteral("{\"n\":%1}").arg(i));
            if (i % 10 == 0)
                r.uniqueKey = QStringLiteral("k%1").arg(i % 1'000);
            batch << r;
        }
        TD_TRY(results, m_store->enqueueBatch(batch));
        QCOMPARE(results->size(), batch.size());
        qint64 previous = 0;
        for (int i = 0; i < batch.size(); ++i) {
            const EnqueueResult& result = results->at(i);
            if (i >= 1'000 && i % 10 == 0) {
                QVERIFY2(!result.created, qPrintable(QString::number(i)));
                QCOMPARE(result.id, results->at(i - 1'000).id);
                continue;
            }
            QVERIFY2(result.created, qPrintable(QString::number(i)));
            QVERIFY2(result.id > previous, qPrintable(QString::number(i)));
            previous = result.id;
        }
        for (int i = 0; i < batch.size(); i += 73) {
            TD_TRY(details, m_store->task(results->at(i).id));
            QCOMPARE((*details)->task.payload, batch.at(i % 10 == 0 ? i % 1'000 : i).payload);
        }
        QCOMPARE(totalCount(*m_store), qint64(1'450));
    }

    void largeBatchesWithoutKeysGiveEachTaskItsId()
    {
        // Without unique keys a database may answer a batch with its ids alone: the store must still give each
        // task its own, across statements.
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 2'500; ++i) {
            EnqueueRequest r = request(QStringLiteral("h%1").arg(i % 3), QStringLiteral("default"),
                                       QStringLiteral("{\"n\":%1}").arg(i));
            r.priority = (i * 7) % 5;
            if (i % 4 == 0)
                r.delayMs = 1'000 * (i % 9);
            batch << r;
        }
        TD_TRY(results, m_store->enqueueBatch(batch));
        QCOMPARE(results->size(), batch.size());
        QHash<qint64, QString> payloads;
        QSqlQuery rows(m_store->database());
        QVERIFY2(rows.exec(QStringLiteral("SELECT id, payload FROM %1")
                               .arg(m_store->dialect().tableName(QStringLiteral("tasks")))),
                 qPrintable(rows.lastError().text()));
        while (rows.next())
            payloads.insert(rows.value(0).toLongLong(), m_store->dialect().values().readText(rows.value(1)));
        QCOMPARE(payloads.size(), batch.size());
        for (int i = 0; i < batch.size(); ++i) {
            QVERIFY2(results->at(i).created, qPrintable(QString::number(i)));
            QCOMPARE(payloads.value(results->at(i).id), batch.at(i).payload);
        }
    }

    // Listening workers hear of new tasks when the enqueue commits, however it was written: one task on its own
    // (one statement, no transaction), a batch, one task inside the caller's transaction.
    void enqueueNotifiesListeningWorkers()
    {
        if (m_store->locator().kind() != Locator::Kind::PostgreSql)
            QSKIP("notifications reach workers through the native PostgreSQL driver only");
        TD_TRY(listener, m_db->openTaskListener());
        QSignalSpy notified((*listener)->database().driver(), &QSqlDriver::notification);

        TD_VERIFY_OK(m_store->enqueue(request(QStringLiteral("alone"))));
        QVERIFY(notified.wait(10'000));
        notified.clear();
        TD_VERIFY_OK(m_store->enqueueBatch({request(QStringLiteral("batch")), request(QStringLiteral("batch"))}));
        QVERIFY(notified.wait(10'000));
        notified.clear();
        TD_VERIFY_OK(m_store->transaction([&]() -> Status {
            auto inside = m_store->enqueue(request(QStringLiteral("inside")));
            return inside ? Status() : Status(inside.error());
        }));
        QVERIFY(notified.wait(10'000));
    }

    void deletedTaskIdsAreNeverGivenAgain()
    {
        // Runs outlive their tasks: a new task with a deleted task's id would show that task's runs as its own.
        EnqueueRequest once = request(QStringLiteral("h"));
        once.maxAttempts = 1;
        TD_TRY(first, m_store->enqueueBatch({request(QStringLiteral("h")), once}));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 10)));
        QCOMPARE(claimed->size(), 2);
        QList<Completion> failures;
        for (const ClaimedTask& task : std::as_const(*claimed))
            failures << completionFor(task, RunOutcome::Failed);
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), failures));
        qint64 newest = first->at(1).id;
        TD_TRY(deleted, m_store->deleteTasks({newest}));
        QCOMPARE(*deleted, qint64(1));

        TD_TRY(single, m_store->enqueue(request(QStringLiteral("h"))));
        QVERIFY2(single->id > newest, qPrintable(QStringLiteral("new id %1, deleted %2").arg(single->id).arg(newest)));
        TD_TRY(details, m_store->task(single->id));
        QVERIFY((*details)->runs.isEmpty());
        newest = single->id;
        TD_VERIFY_OK(m_store->deleteTasks({newest}));

        EnqueueRequest keyed = request(QStringLiteral("h"));
        keyed.uniqueKey = QStringLiteral("after-delete");
        TD_TRY(batch, m_store->enqueueBatch({request(QStringLiteral("h")), keyed, request(QStringLiteral("h"))}));
        for (const EnqueueResult& result : std::as_const(*batch))
            QVERIFY2(result.id > newest,
                     qPrintable(QStringLiteral("new id %1, deleted %2").arg(result.id).arg(newest)));
    }

    void transactionalEnqueue()
    {
        // The caller's business write and the enqueue commit or roll back together.
        const Status rolledBack = m_store->transaction([&]() -> Status {
            auto enqueued = m_store->enqueue(request(QStringLiteral("points.recompute")));
            if (!enqueued)
                return enqueued.error();
            return makeError(ErrorCode::Database, QStringLiteral("the business write failed"));
        });
        QVERIFY(!rolledBack.ok());
        QCOMPARE(totalCount(*m_store), qint64(0));

        qint64 id = 0;
        TD_VERIFY_OK(m_store->transaction([&]() -> Status {
            auto enqueued = m_store->enqueue(request(QStringLiteral("points.recompute")));
            if (!enqueued)
                return enqueued.error();
            id = enqueued->id;
            return {};
        }));
        TD_TRY(details, m_store->task(id));
        QVERIFY(details->has_value());
    }

    void handlerTextIsSanitized()
    {
        TD_VERIFY_OK(m_store->enqueue(request(QStringLiteral("h"))));
        TD_TRY(claimed, m_store->claim(claimAll()));
        const QString message = QStringLiteral("bad") + QChar(0) + QString(20'000, QLatin1Char('x'));
        TD_VERIFY_OK(
            m_store->complete(QStringLiteral("w1"), {completionFor(claimed->at(0), RunOutcome::Failed, message)}));
        TD_TRY(details, m_store->task(claimed->at(0).id));
        QVERIFY((*details)->task.lastError.startsWith(QStringLiteral("bad\uFFFDxxx")));
        QVERIFY((*details)->task.lastError.contains(QLatin1String("more characters")));
        QVERIFY((*details)->task.lastError.size() < 17'000);
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestTaskWriter)
#include "tst_taskwriter.moc"
