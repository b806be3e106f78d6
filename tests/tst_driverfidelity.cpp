#include "support/TestDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace taskdeck;
using namespace taskdeck::test;

// Values cross each driver unchanged: instants whatever the client's and the server's zones, strings byte for byte,
// 64-bit ids, NULLs and booleans. The backend tests run the client in America/New_York; the test servers run in
// Asia/Tokyo.
class TestDriverFidelity : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;

    static EnqueueRequest request(const QString& handler, const QString& queue = QStringLiteral("default"))
    {
        EnqueueRequest r;
        r.handler = handler;
        r.queue = queue;
        return r;
    }

private slots:
    void init() { TD_VERIFY_OK(openFresh(m_db, m_store)); }

    void cleanup() { closeFresh(m_db, m_store); }

    void cleanupTestCase()
    {
        // psqlODBC names its log psqlodbc_<program>_<user><pid>.log: none may exist for this process.
        const QString pid = QString::number(QCoreApplication::applicationPid());
        const QStringList logs =
            QDir(QStringLiteral("/tmp"))
                .entryList({QStringLiteral("psqlodbc_*") + pid + QStringLiteral(".log")}, QDir::Files);
        QVERIFY2(logs.isEmpty(), qPrintable(logs.join(u' ')));
    }

    void instantsRoundTripExactly_data()
    {
        QTest::addColumn<QDateTime>("instant");
        QTest::newRow("ordinary") << QDateTime(QDate(2026, 5, 1), QTime(8, 30, 0, 123), Qt::UTC);
        QTest::newRow("New York spring-forward gap") << QDateTime(QDate(2026, 3, 8), QTime(7, 30, 0, 1), Qt::UTC);
        QTest::newRow("New York fall-back repeat") << QDateTime(QDate(2026, 11, 1), QTime(5, 30, 0, 999), Qt::UTC);
        QTest::newRow("Tokyo midnight") << QDateTime(QDate(2026, 12, 31), QTime(15, 0, 0, 0), Qt::UTC);
        QTest::newRow("after 2038") << QDateTime(QDate(2041, 7, 4), QTime(23, 59, 59, 500), Qt::UTC);
        QTest::newRow("before 1970") << QDateTime(QDate(1969, 7, 20), QTime(20, 17, 40, 250), Qt::UTC);
    }

    void instantsRoundTripExactly()
    {
        QFETCH(QDateTime, instant);
        EnqueueRequest r = request(QStringLiteral("h"));
        r.runAt = instant.toTimeZone(QTimeZone("America/New_York")); // given in a local zone, stored as the instant
        TD_TRY(enqueued, m_store->enqueue(r));
        TD_TRY(details, m_store->task(enqueued->id));
        QCOMPARE((*details)->task.runAt, instant);
        QCOMPARE((*details)->task.runAt.timeSpec(), Qt::UTC);
        TaskQuery query;
        query.sortKey = TaskQuery::SortKey::RunAt;
        TD_TRY(page, m_store->listTasks(query));
        QCOMPARE(page->tasks.size(), 1);
        QCOMPARE(page->tasks.at(0).runAt, instant);
        TaskQuery range;
        range.filter.createdFrom = QDateTime::currentDateTimeUtc().addSecs(-600);
        TD_TRY(recent, m_store->listTasks(range));
        QCOMPARE(recent->tasks.size(), 1);
    }

    // A batch goes through a multi-row statement where the database has one, a single task through a prepared
    // statement per row: both must store the same values, ids in the batch's order, duplicates answered by holder.
    void batchStoresWhatSingleEnqueuesStore_data()
    {
        // Without unique keys every multi-row statement applies (MariaDB's too); with them, where one exists.
        QTest::addColumn<bool>("withUniqueKeys");
        QTest::newRow("without unique keys") << false;
        QTest::newRow("with unique keys") << true;
    }

    void batchStoresWhatSingleEnqueuesStore()
    {
        QFETCH(bool, withUniqueKeys);
        QueueUpdate limited;
        limited.maxAttempts = 7;
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("limited"), limited));

        QList<EnqueueRequest> requests;
        // Texts that mean something else inside an array literal or a JSON text: NULL, braces, commas.
        EnqueueRequest plain = request(QStringLiteral("NULL"), QStringLiteral("{a,b}"));
        requests << plain;
        EnqueueRequest awkward = request(QStringLiteral("h\u00e9\u4f60"), QStringLiteral("q \"quoted\" \\ back"));
        awkward.payload =
            QStringLiteral("{\"s\":\"\\\"\\\\\\t\\u0001 \u00e9 \u4f60\u597d \U0001F600\",\"n\":[1,2.5,null,true]}");
        awkward.priority = -3;
        awkward.runAt = QDateTime(QDate(2041, 7, 4), QTime(23, 59, 59, 500), Qt::UTC);
        awkward.maxAttempts = 2;
        awkward.timeoutS = 90;
        if (withUniqueKeys)
            awkward.uniqueKey = QStringLiteral("key \"1\" \u00e9");
        requests << awkward;
        EnqueueRequest queueDefault = request(QStringLiteral("h"), QStringLiteral("limited"));
        queueDefault.delayMs = 3'600'000;
        requests << queueDefault;
        if (withUniqueKeys) {
            EnqueueRequest duplicate = request(QStringLiteral("other"));
            duplicate.uniqueKey = awkward.uniqueKey;
            requests << duplicate;
        }

        TD_TRY(batch, m_store->enqueueBatch(requests));
        QCOMPARE(batch->size(), requests.size());
        QVERIFY(batch->at(0).created && batch->at(1).created && batch->at(2).created);
        QVERIFY(batch->at(0).id < batch->at(1).id && batch->at(1).id < batch->at(2).id);
        if (withUniqueKeys) {
            QVERIFY(!batch->at(3).created);
            QCOMPARE(batch->at(3).id, batch->at(1).id);
        }

        QList<Task> fromBatch;
        for (int i = 0; i < 3; ++i) {
            TD_TRY(details, m_store->task(batch->at(i).id));
            fromBatch << (*details)->task;
        }
        // Free the key, then store each request alone and compare.
        TD_TRY(deleted, m_store->deleteTasks({batch->at(1).id}));
        QCOMPARE(*deleted, qint64(1));
        for (int i = 0; i < 3; ++i) {
            TD_TRY(single, m_store->enqueue(requests.at(i)));
            TD_TRY(details, m_store->task(single->id));
            const Task& alone = (*details)->task;
            const Task& b = fromBatch.at(i);
            QCOMPARE(alone.payload, requests.at(i).payload.isEmpty() ? QStringLiteral("{}") : requests.at(i).payload);
            QCOMPARE(b.queue, alone.queue);
            QCOMPARE(b.handler, alone.handler);
            QCOMPARE(b.payload, alone.payload);
            QCOMPARE(b.priority, alone.priority);
            QCOMPARE(b.maxAttempts, alone.maxAttempts);
            QCOMPARE(b.timeoutS, alone.timeoutS);
            QCOMPARE(b.uniqueKey, alone.uniqueKey);
            QCOMPARE(b.state, TaskState::Pending);
            if (requests.at(i).runAt)
                QCOMPARE(b.runAt, alone.runAt);
            else
                QCOMPARE(b.createdAt.msecsTo(b.runAt), alone.createdAt.msecsTo(alone.runAt));
        }
        TD_TRY(fromQueue, m_store->task(batch->at(2).id));
        QCOMPARE((*fromQueue)->task.maxAttempts, 7);
        QCOMPARE((*fromQueue)->task.createdAt.msecsTo((*fromQueue)->task.runAt), qint64(3'600'000));
    }

    void databaseClockIsUtc()
    {
        TD_TRY(now, m_store->databaseTime());
        const qint64 skewMs = std::abs(now->msecsTo(QDateTime::currentDateTimeUtc()));
        QVERIFY2(skewMs < 120'000,
                 qPrintable(QStringLiteral("database clock %1 vs client %2")
                                .arg(now->toString(Qt::ISODateWithMs),
                                     QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))));
        // A task due now is claimable at once; one due in an hour is scheduled, not claimable.
        EnqueueRequest later = request(QStringLiteral("later"));
        later.delayMs = 3'600'000;
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("now")), later}));
        TD_TRY(claimed, m_store->claim({QStringLiteral("w"), {}, {}, 10, 30'000}));
        QCOMPARE(claimed->size(), 1);
        QCOMPARE(claimed->at(0).handler, QStringLiteral("now"));
        QVERIFY(std::abs(claimed->at(0).startedAt.msecsTo(*now)) < 120'000);
        QCOMPARE(claimed->at(0).lockedUntil, claimed->at(0).startedAt.addMSecs(30'000));
        TD_TRY(scheduled, m_store->task(ids->at(1).id));
        QCOMPARE((*scheduled)->task.displayState, DisplayState::Scheduled);
        QCOMPARE((*scheduled)->task.runAt, (*scheduled)->task.createdAt.addMSecs(3'600'000));
    }

    void stringsCompareExactly()
    {
        const QStringList keys{QStringLiteral("key"),        QStringLiteral("Key"),      QStringLiteral("KEY"),
                               QStringLiteral("key x"),      QStringLiteral("key  x"),   QString::fromUtf8("ключ"),
                               QString::fromUtf8("КЛЮЧ"),    QString::fromUtf8("😀"),     QString::fromUtf8("😁"),
                               QString::fromUtf8("e\u0301"), QString::fromUtf8("\u00e9")};
        QSet<qint64> ids;
        for (const QString& key : keys) {
            EnqueueRequest r = request(QStringLiteral("h"), key.size() < 4 ? key : QStringLiteral("q"));
            r.uniqueKey = key;
            r.payload = QLatin1Char('"') + key + QStringLiteral("  \"");
            TD_TRY(enqueued, m_store->enqueue(r));
            QVERIFY2(enqueued->created, qPrintable(key));
            ids.insert(enqueued->id);
            TD_TRY(details, m_store->task(enqueued->id));
            QCOMPARE((*details)->task.uniqueKey, key);
            QCOMPARE((*details)->task.payload, r.payload); // trailing spaces inside kept, nothing appended
            QCOMPARE((*details)->task.handler.size(), 1);
        }
        QCOMPARE(ids.size(), keys.size());

        // Each key finds only itself.
        for (const QString& key : keys) {
            EnqueueRequest r = request(QStringLiteral("h"));
            r.uniqueKey = key;
            TD_TRY(again, m_store->enqueue(r));
            QVERIFY(!again->created);
        }
        TaskQuery byQueue;
        byQueue.filter.queues = {QStringLiteral("Key")};
        TD_TRY(page, m_store->listTasks(byQueue));
        QCOMPARE(page->tasks.size(), 1);
        QCOMPARE(page->tasks.at(0).uniqueKey, QStringLiteral("Key"));

        TaskQuery bySpaces;
        bySpaces.filter.search = QStringLiteral("key  x");
        TD_TRY(spaced, m_store->listTasks(bySpaces));
        QCOMPARE(spaced->tasks.size(), 1);
    }

    void idsAbove2To53()
    {
        constexpr qint64 bigId = (qint64(1) << 53) + 1;
        TD_TRY(enqueued, m_store->enqueue(request(QStringLiteral("h"))));
        {
            QSqlQuery q(m_store->database());
            QVERIFY(q.prepare(QStringLiteral("UPDATE %1 SET id = ? WHERE id = ?")
                                  .arg(m_store->dialect().tableName(QStringLiteral("tasks")))));
            q.addBindValue(static_cast<qlonglong>(bigId));
            q.addBindValue(static_cast<qlonglong>(enqueued->id));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        TD_TRY(details, m_store->task(bigId));
        QVERIFY(details->has_value());
        QCOMPARE((*details)->task.id, bigId);
        TD_TRY(page, m_store->listTasks({}));
        QCOMPARE(page->tasks.at(0).id, bigId);
        TD_TRY(claimed, m_store->claim({QStringLiteral("w"), {}, {}, 10, 30'000}));
        QCOMPARE(claimed->size(), 1);
        QCOMPARE(claimed->at(0).id, bigId);
        TD_TRY(report, m_store->complete(QStringLiteral("w"), {Completion::of(claimed->at(0))}));
        QCOMPARE(report->applied, QList<qint64>{bigId});
        TD_TRY(done, m_store->task(bigId));
        QCOMPARE((*done)->runs.size(), 1);
        QCOMPARE((*done)->runs.at(0).taskId, bigId);
    }

    void nullsAndBooleans()
    {
        EnqueueRequest withTimeout = request(QStringLiteral("h"));
        withTimeout.timeoutS = 30;
        TD_TRY(ids, m_store->enqueueBatch({request(QStringLiteral("h")), withTimeout}));
        TD_TRY(plain, m_store->task(ids->at(0).id));
        QCOMPARE((*plain)->task.timeoutS, std::optional<int>());
        QVERIFY((*plain)->task.uniqueKey.isEmpty());
        QVERIFY((*plain)->task.lastError.isNull());
        QVERIFY((*plain)->task.result.isNull());
        QVERIFY(!(*plain)->task.startedAt.isValid());
        QVERIFY(!(*plain)->task.cancelRequested);
        QCOMPARE((*plain)->task.progress, std::optional<int>());
        TD_TRY(timed, m_store->task(ids->at(1).id));
        QCOMPARE((*timed)->task.timeoutS, std::optional<int>(30));

        TD_TRY(claimed, m_store->claim({QStringLiteral("w"), {}, {}, 10, 30'000}));
        QCOMPARE(claimed->size(), 2);
        TD_VERIFY_OK(m_store->cancelTasks({ids->at(0).id}));
        TD_TRY(cancelling, m_store->task(ids->at(0).id));
        QVERIFY(cancelling->value().task.cancelRequested);
        TD_TRY(other, m_store->task(ids->at(1).id));
        QVERIFY(!other->value().task.cancelRequested);
        TD_TRY(leases, m_store->extendLeases(QStringLiteral("w"), {ids->at(0).id, ids->at(1).id}, 30'000));
        QCOMPARE(leases->cancelRequested, QList<qint64>{ids->at(0).id});
    }

    void uniqueKeyConflictKeepsTheTransaction()
    {
        EnqueueRequest keyed = request(QStringLiteral("stock.reserve"));
        keyed.uniqueKey = QStringLiteral("order-1");
        QList<EnqueueResult> results;
        TD_VERIFY_OK(m_store->transaction([&]() -> Status {
            for (const EnqueueRequest& r : {keyed, keyed, request(QStringLiteral("points.add"))}) {
                auto enqueued = m_store->enqueue(r);
                if (!enqueued)
                    return enqueued.error();
                results << *enqueued;
            }
            return {};
        }));
        QCOMPARE(results.size(), 3);
        QVERIFY(results.at(0).created);
        QVERIFY(!results.at(1).created);
        QCOMPARE(results.at(1).id, results.at(0).id);
        QVERIFY(results.at(2).created);
        TD_TRY(first, m_store->task(results.at(0).id));
        QVERIFY(first->has_value());
        TD_TRY(third, m_store->task(results.at(2).id));
        QVERIFY(third->has_value());
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestDriverFidelity)
#include "tst_driverfidelity.moc"
