#include "common/TextRules.h"
#include "db/TaskListSql.h"
#include "support/ManualClock.h"
#include "support/TestDatabase.h"

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

namespace {

EnqueueRequest request(const QString& handler, const QString& queue = QStringLiteral("default"),
                       const QString& payload = QString())
{
    EnqueueRequest r;
    r.handler = handler;
    r.queue = queue;
    r.payload = payload;
    return r;
}

Completion completionFor(const ClaimedTask& task, RunOutcome outcome, const QString& message = {})
{
    Completion c = Completion::of(task, outcome, message);
    c.durationMs = 7;
    c.queueLatencyMs = 3;
    return c;
}

// Where the overview's counts (countUnfinishedTasks: kept by triggers) differ from counting every row now, what
// differs; empty when they agree.
QString overviewCountsDiffer(TaskStore& store)
{
    auto all = store.countTasks();
    auto unfinished = store.countUnfinishedTasks();
    if (!all || !unfinished)
        return !all ? all.error().message : unfinished.error().message;
    QMap<QPair<QString, QString>, qint64> expected;
    for (const StateCount& c : std::as_const(*all)) {
        if (c.state != DisplayState::Succeeded)
            expected[{c.queue, stateName(c.state)}] += c.count;
    }
    QMap<QPair<QString, QString>, qint64> actual;
    for (const StateCount& c : std::as_const(*unfinished))
        actual[{c.queue, stateName(c.state)}] += c.count;
    // The handlers that waiting tasks name, from the counts (no worker is registered), against the rows.
    auto handlers = store.handlersWithoutWorker();
    if (!handlers)
        return handlers.error().message;
    QSqlQuery rows(store.database());
    if (!rows.exec(QStringLiteral("SELECT DISTINCT handler FROM %1 WHERE state = 'pending'")
                       .arg(store.dialect().tableName(QStringLiteral("tasks")))))
        return rows.lastError().text();
    QStringList waitingHandlers;
    while (rows.next())
        waitingHandlers << store.dialect().readText(rows.value(0));
    waitingHandlers.sort();
    if (*handlers != waitingHandlers)
        return QStringLiteral("handlers of waiting tasks: overview %1, rows %2")
            .arg(handlers->join(QLatin1Char(',')), waitingHandlers.join(QLatin1Char(',')));
    if (actual == expected)
        return {};
    QStringList lines;
    for (const auto& key : QSet<QPair<QString, QString>>(expected.keyBegin(), expected.keyEnd()) +
             QSet<QPair<QString, QString>>(actual.keyBegin(), actual.keyEnd())) {
        if (expected.value(key) != actual.value(key))
            lines << QStringLiteral("%1/%2: overview %3, rows %4")
                         .arg(key.first, key.second)
                         .arg(actual.value(key))
                         .arg(expected.value(key));
    }
    return lines.join(QLatin1String("; "));
}

qint64 totalCount(TaskStore& store)
{
    auto counts = store.countTasks();
    if (!counts)
        return -1;
    qint64 total = 0;
    for (const StateCount& c : std::as_const(*counts))
        total += c.count;
    return total;
}

} // namespace

class TestTaskStore : public QObject
{
    Q_OBJECT

private:
    // Each test gets a fresh database and a store on a manual clock with undisturbed jitter.
    std::unique_ptr<TestDatabase> m_db;
    ManualClock m_clock;
    std::unique_ptr<TaskStore> m_store;

    StoreOptions options() { return manualStoreOptions(&m_clock); }

    ClaimRequest claimAll(const QString& worker = QStringLiteral("w1"), int limit = 100, qint64 leaseMs = 30'000)
    {
        ClaimRequest r;
        r.workerId = worker;
        r.limit = limit;
        r.leaseMs = leaseMs;
        return r;
    }

    // EXPLAIN of one of the dialect's statements, its placeholders replaced by the literals given (longest first).
    QStringList planOf(QString sql, QList<std::pair<QString, QString>> literals)
    {
        const Dialect& d = m_store->dialect();
        sql.replace(QLatin1String("{now}"), d.nowExpression());
        std::sort(literals.begin(), literals.end(),
                  [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        for (const auto& [name, value] : std::as_const(literals))
            sql.replace(name, value);
        QSqlQuery explain(m_store->database());
        if (!explain.exec(QStringLiteral("EXPLAIN ") + sql))
            return {QStringLiteral("EXPLAIN failed: ") + explain.lastError().text(), sql};
        QStringList plan;
        while (explain.next())
            plan << explain.value(0).toString();
        return plan;
    }

    // count tasks of handler h in queue "work", in one batch.
    Result<QList<EnqueueResult>> enqueueWaiting(int count)
    {
        QList<EnqueueRequest> batch;
        for (int i = 0; i < count; ++i)
            batch << request(QStringLiteral("h"), QStringLiteral("work"));
        return m_store->enqueueBatch(batch);
    }

    // The two fates of a succeeded task's row: kept, or removed at once (retention 0).
    static void addRetentionRows()
    {
        QTest::addColumn<bool>("removeOnSuccess");
        QTest::newRow("kept") << false;
        QTest::newRow("retention 0") << true;
    }

    Status removeSuccessesAtOnceIf(bool removeOnSuccess)
    {
        if (!removeOnSuccess)
            return {};
        RetentionSettings retention;
        retention.succeededMs = 0;
        return m_store->setRetention(retention);
    }

    bool runSql(const QStringList& statements)
    {
        for (const QString& statement : statements) {
            QSqlQuery query(m_store->database());
            if (!query.exec(statement)) {
                qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
                return false;
            }
        }
        return true;
    }

private slots:
    void init()
    {
        m_clock.set(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        TD_VERIFY_OK(openFresh(m_db, m_store, options()));
    }

    void cleanup() { closeFresh(m_db, m_store); }

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

    // The overview's counts skip the succeeded rows but must agree with the full count on every other state.
    void unfinishedCountsAgreeWithFullCounts()
    {
        auto inState = [&](const QString& queue, int count) {
            QList<EnqueueRequest> batch;
            for (int i = 0; i < count; ++i)
                batch << request(QStringLiteral("h"), queue);
            return m_store->enqueueBatch(batch);
        };
        auto claimFrom = [&](const QString& queue, int limit) {
            ClaimRequest claim = claimAll();
            claim.queues = {queue};
            claim.limit = limit;
            return m_store->claim(claim);
        };
        TD_VERIFY_OK(inState(QStringLiteral("q1"), 9));
        TD_VERIFY_OK(inState(QStringLiteral("q2"), 5));
        EnqueueRequest later = request(QStringLiteral("h"), QStringLiteral("q2"));
        later.delayMs = 3'600'000;
        TD_VERIFY_OK(m_store->enqueue(later));
        // q1: 2 succeed, 1 fails for good, 1 fails and will retry, 2 stay running, 3 stay pending.
        TD_TRY(q1, claimFrom(QStringLiteral("q1"), 6));
        QCOMPARE(q1->size(), 6);
        Completion fatal = completionFor(q1->at(2), RunOutcome::Failed, QStringLiteral("bad"));
        fatal.retryable = false;
        TD_VERIFY_OK(m_store->complete(claimAll().workerId,
                                       {completionFor(q1->at(0), RunOutcome::Succeeded),
                                        completionFor(q1->at(1), RunOutcome::Succeeded), fatal,
                                        completionFor(q1->at(3), RunOutcome::Failed, QStringLiteral("again"))}));
        // q2: 1 cancelled, 4 pending, 1 scheduled.
        TD_TRY(q2, claimFrom(QStringLiteral("q2"), 1));
        TD_VERIFY_OK(m_store->complete(claimAll().workerId, {completionFor(q2->at(0), RunOutcome::Cancelled)}));

        const QString differs = overviewCountsDiffer(*m_store);
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
        TD_TRY(unfinished, m_store->countUnfinishedTasks());
        QMap<QPair<QString, DisplayState>, qint64> actual;
        for (const StateCount& c : std::as_const(*unfinished)) {
            QVERIFY(c.state != DisplayState::Succeeded);
            actual[{c.queue, c.state}] += c.count;
        }
        const QString q1Name = QStringLiteral("q1");
        const QString q2Name = QStringLiteral("q2");
        QCOMPARE(actual.value({q1Name, DisplayState::Pending}), qint64(3));
        QCOMPARE(actual.value({q1Name, DisplayState::Retrying}), qint64(1));
        QCOMPARE(actual.value({q1Name, DisplayState::Running}), qint64(2));
        QCOMPARE(actual.value({q1Name, DisplayState::Failed}), qint64(1));
        QCOMPARE(actual.value({q2Name, DisplayState::Pending}), qint64(4));
        QCOMPARE(actual.value({q2Name, DisplayState::Scheduled}), qint64(1));
        QCOMPARE(actual.value({q2Name, DisplayState::Cancelled}), qint64(1));
    }

    // The overview's counts are kept by triggers on the tasks table: every way a task is written, by the store or
    // by another program's SQL, moves them, and folding the rows the server triggers append changes nothing.
    void overviewCountsFollowEveryChange()
    {
        auto countsAgree = [&](const char* step) {
            const QString differs = overviewCountsDiffer(*m_store);
            if (!differs.isEmpty())
                qWarning("after %s: %s", step, qPrintable(differs));
            return differs.isEmpty();
        };
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 24; ++i) {
            EnqueueRequest r = request(i % 2 ? QStringLiteral("h") : QStringLiteral("h2"),
                                       i % 3 ? QStringLiteral("q1") : QStringLiteral("q2"));
            if (i % 5 == 0)
                r.delayMs = 3'600'000;
            if (i % 4 == 0)
                r.uniqueKey = QStringLiteral("key-%1").arg(i);
            batch << r;
        }
        TD_TRY(enqueued, m_store->enqueueBatch(batch));
        TD_VERIFY_OK(m_store->enqueue(request(QStringLiteral("h"), QStringLiteral("q3"))));
        EnqueueRequest taken = request(QStringLiteral("h"), QStringLiteral("q3"));
        taken.uniqueKey = QStringLiteral("key-0");
        TD_TRY(duplicate, m_store->enqueue(taken));
        QVERIFY(!duplicate->created);
        QVERIFY(countsAgree("enqueue"));

        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 12)));
        QCOMPARE(claimed->size(), 12);
        QVERIFY(countsAgree("claim"));
        TD_VERIFY_OK(m_store->extendLeases(QStringLiteral("w1"), {claimed->at(0).id, claimed->at(1).id}, 30'000));
        Completion fatal = completionFor(claimed->at(2), RunOutcome::Failed, QStringLiteral("bad"));
        fatal.retryable = false;
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"),
                                       {completionFor(claimed->at(0), RunOutcome::Succeeded),
                                        completionFor(claimed->at(1), RunOutcome::Succeeded), fatal,
                                        completionFor(claimed->at(3), RunOutcome::Failed, QStringLiteral("again")),
                                        completionFor(claimed->at(4), RunOutcome::Cancelled)}));
        QVERIFY(countsAgree("complete"));
        TD_VERIFY_OK(m_store->releaseTasks(QStringLiteral("w1"), {claimed->at(5)}));
        QVERIFY(countsAgree("release"));

        TD_VERIFY_OK(m_store->retryTasks({claimed->at(2).id, claimed->at(4).id}));
        QVERIFY(countsAgree("retry"));
        TD_VERIFY_OK(m_store->cancelTasks({enqueued->at(0).id, enqueued->at(1).id, claimed->at(6).id}));
        QVERIFY(countsAgree("cancel"));
        TD_VERIFY_OK(m_store->deleteTasks({enqueued->at(2).id, claimed->at(0).id, claimed->at(7).id}));
        QVERIFY(countsAgree("delete"));
        EnqueueRequest copy = request(QStringLiteral("h"), QStringLiteral("q4"));
        TD_VERIFY_OK(m_store->replaceTask(claimed->at(4).id, copy));
        QVERIFY(countsAgree("replace"));
        TD_VERIFY_OK(m_store->claimTaskNow(QStringLiteral("w2"), enqueued->at(5).id, 30'000));
        QVERIFY(countsAgree("run now"));

        // Leases run out: the running tasks come back (or fail for good) through the rescue.
        m_clock.advanceMs(60'000);
        TD_TRY(rescued, m_store->rescueExpiredLeases(100));
        QVERIFY(!rescued->isEmpty());
        QVERIFY(countsAgree("rescue"));

        // Another program's SQL, straight on the table.
        const Dialect& d = m_store->dialect();
        const QString tasks = d.tableName(QStringLiteral("tasks"));
        for (const QString& statement :
             {QStringLiteral("UPDATE %1 SET queue = 'q5' WHERE queue = 'q2' AND state = 'pending'").arg(tasks),
              QStringLiteral("UPDATE %1 SET handler = 'h3' WHERE handler = 'h2' AND state = 'pending'").arg(tasks),
              QStringLiteral("UPDATE %1 SET state = 'failed' WHERE queue = 'q3'").arg(tasks),
              QStringLiteral("DELETE FROM %1 WHERE state = 'cancelled'").arg(tasks)}) {
            QSqlQuery query(m_store->database());
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
        QVERIFY(countsAgree("other programs' SQL"));

        // The scheduled tasks come due: they move from scheduled to pending without any write.
        m_clock.advanceMs(3'600'000);
        QVERIFY(countsAgree("time passing"));

        TD_TRY(folded, m_store->foldTaskCounts());
        QVERIFY(countsAgree("fold"));
        QSqlQuery rows(m_store->database());
        QVERIFY2(rows.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT queue), COUNT(DISTINCT handler) FROM %1")
                               .arg(d.tableName(QStringLiteral("task_counts")))),
                 qPrintable(rows.lastError().text()));
        QVERIFY(rows.next());
        if (d.sql(Sql::DeleteTaskCounts).isEmpty()) {
            QCOMPARE(*folded, qint64(0)); // kept in place: a row per queue and key all along
        } else {
            QVERIFY(*folded > 0);
        }
        // One row per queue, handler and key at most (five keys).
        QVERIFY2(rows.value(0).toLongLong() <= 5 * rows.value(1).toLongLong() * rows.value(2).toLongLong(),
                 qPrintable(rows.value(0).toString()));
        TD_TRY(again, m_store->foldTaskCounts());
        QVERIFY(countsAgree("second fold"));
        if (!d.sql(Sql::DeleteTaskCounts).isEmpty())
            QCOMPARE(*again, rows.value(0).toLongLong());
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
            payloads.insert(rows.value(0).toLongLong(), m_store->dialect().readText(rows.value(1)));
        QCOMPARE(payloads.size(), batch.size());
        for (int i = 0; i < batch.size(); ++i) {
            QVERIFY2(results->at(i).created, qPrintable(QString::number(i)));
            QCOMPARE(payloads.value(results->at(i).id), batch.at(i).payload);
        }
    }

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

    // The overview reads statistics summed per bucket by the database: sums must equal the per-minute rows'.
    void statsSumPerBucket()
    {
        // Successes at 00:00, 00:07 and 00:12, a failure at 00:13: buckets of 10 minutes hold 2 and 1 + 1.
        const QList<std::pair<qint64, RunOutcome>> events{{0, RunOutcome::Succeeded},
                                                          {7, RunOutcome::Succeeded},
                                                          {5, RunOutcome::Succeeded},
                                                          {1, RunOutcome::Failed}};
        for (const auto& [advanceMinutes, outcome] : events) {
            m_clock.advanceMs(advanceMinutes * 60'000);
            TD_VERIFY_OK(m_store->enqueue(request(QStringLiteral("h"), QStringLiteral("q"))));
            TD_TRY(claimed, m_store->claim(claimAll()));
            Completion c = completionFor(claimed->at(0), outcome, QStringLiteral("x"));
            c.retryable = false;
            TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {c}));
        }
        const QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        TD_TRY(perMinute, m_store->stats(start));
        QCOMPARE(perMinute->size(), 4);
        TD_TRY(tenMinutes, m_store->stats(start, 10 * 60'000));
        QCOMPARE(tenMinutes->size(), 3);
        QCOMPARE(tenMinutes->at(0).minute, start);
        QCOMPARE(tenMinutes->at(0).outcome, RunOutcome::Succeeded);
        QCOMPARE(tenMinutes->at(0).count, qint64(2));
        QCOMPARE(tenMinutes->at(0).durationMsSum, qint64(14));
        QCOMPARE(tenMinutes->at(1).minute, start.addSecs(600)); // outcomes in name order: failed, succeeded
        QCOMPARE(tenMinutes->at(1).outcome, RunOutcome::Failed);
        QCOMPARE(tenMinutes->at(1).latencyMsSum, qint64(3));
        QCOMPARE(tenMinutes->at(2).minute, start.addSecs(600));
        QCOMPARE(tenMinutes->at(2).outcome, RunOutcome::Succeeded);
        QCOMPARE(tenMinutes->at(2).count, qint64(1));
        // Rows before `since` stay out whatever the bucket: a day's bucket from 00:05 holds the last three.
        TD_TRY(day, m_store->stats(start.addSecs(300), 24 * 3600 * 1000));
        qint64 succeeded = 0;
        for (const StatsRow& row : std::as_const(*day)) {
            QCOMPARE(row.minute, start);
            if (row.outcome == RunOutcome::Succeeded)
                succeeded += row.count;
        }
        QCOMPARE(succeeded, qint64(2));
        // Whole hours from the top of an hour come from the hourly rows: the same sums as the minutes'.
        TD_TRY(hourly, m_store->stats(start, 3600 * 1000));
        QCOMPARE(hourly->size(), 2);
        for (const StatsRow& hour : std::as_const(*hourly)) {
            QCOMPARE(hour.minute, start);
            qint64 count = 0, duration = 0, latency = 0;
            for (const StatsRow& minute : std::as_const(*perMinute)) {
                if (minute.outcome == hour.outcome) {
                    count += minute.count;
                    duration += minute.durationMsSum;
                    latency += minute.latencyMsSum;
                }
            }
            QCOMPARE(hour.count, count);
            QCOMPARE(hour.durationMsSum, duration);
            QCOMPARE(hour.latencyMsSum, latency);
        }
        QVERIFY(!m_store->stats(start, 90'000).ok());
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
        TD_TRY(enqueued, m_store->enqueue(request(QStringLiteral("h"))));
        TD_TRY(first, m_store->claim(claimAll(QStringLiteral("w1"), 1, 1'000)));
        QCOMPARE(first->size(), 1);
        // w1 stalls past its lease; the task is rescued and w2 claims attempt 2.
        m_clock.advanceMs(1'001);
        TD_TRY(rescued, m_store->rescueExpiredLeases());
        QCOMPARE(rescued->size(), 1);
        m_clock.advanceMs(10'000);
        TD_TRY(second, m_store->claim(claimAll(QStringLiteral("w2"))));
        QCOMPARE(second->size(), 1);
        QCOMPARE(second->at(0).attempt, 2);

        // The stale worker's result is refused: wrong attempt; and another worker cannot complete w2's attempt.
        TD_TRY(stale, m_store->complete(QStringLiteral("w1"), {completionFor(first->at(0), RunOutcome::Succeeded)}));
        QCOMPARE(stale->fenced, QList<qint64>{enqueued->id});
        QVERIFY(stale->applied.isEmpty());
        TD_TRY(wrongWorker,
               m_store->complete(QStringLiteral("w1"), {completionFor(second->at(0), RunOutcome::Succeeded)}));
        QCOMPARE(wrongWorker->fenced.size(), 1);
        TD_TRY(details, m_store->task(enqueued->id));
        QCOMPARE((*details)->task.state, TaskState::Running);
        QCOMPARE((*details)->task.lockedBy, QStringLiteral("w2"));

        TD_TRY(real, m_store->complete(QStringLiteral("w2"), {completionFor(second->at(0), RunOutcome::Succeeded)}));
        QCOMPARE(real->applied.size(), 1);
        // A second report of the same run changes nothing.
        TD_TRY(twice, m_store->complete(QStringLiteral("w2"), {completionFor(second->at(0), RunOutcome::Failed)}));
        QCOMPARE(twice->fenced.size(), 1);
        TD_TRY(after, m_store->task(enqueued->id));
        QCOMPARE((*after)->task.state, TaskState::Succeeded);
        QCOMPARE((*after)->runs.size(), 2);
        QCOMPARE((*after)->runs.at(0).outcome, RunOutcome::Lost);
        QCOMPARE((*after)->runs.at(1).outcome, RunOutcome::Succeeded);
    }

    // Servers record a batch of successes in one statement: each task is still fenced on its own, each keeps its
    // own result, and with retention 0 only the applied ones are removed.
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

    void keysetPagingVisitsEveryTaskOnce_data()
    {
        QTest::addColumn<int>("sortKey");
        QTest::addColumn<bool>("descending");
        for (auto [name, key] :
             {std::pair{"id", TaskQuery::SortKey::Id}, std::pair{"run_at", TaskQuery::SortKey::RunAt},
              std::pair{"created_at", TaskQuery::SortKey::CreatedAt},
              std::pair{"priority", TaskQuery::SortKey::Priority}}) {
            QTest::addRow("%s desc", name) << int(key) << true;
            QTest::addRow("%s asc", name) << int(key) << false;
        }
    }

    void keysetPagingVisitsEveryTaskOnce()
    {
        QFETCH(int, sortKey);
        QFETCH(bool, descending);
        // Many equal sort values, so that the id tie-breaker is what keeps pages apart.
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 237; ++i) {
            EnqueueRequest r = request(QStringLiteral("h"));
            r.priority = i % 4;
            r.delayMs = (i % 5) * 1000;
            batch << r;
            if (i % 50 == 0)
                m_clock.advanceMs(10);
        }
        for (qsizetype i = 0; i < batch.size(); i += 25)
            TD_VERIFY_OK(m_store->enqueueBatch(batch.mid(i, 25)));

        TaskQuery query;
        query.sortKey = TaskQuery::SortKey(sortKey);
        query.descending = descending;
        query.limit = 40;
        QList<Task> seen;
        int pages = 0;
        do {
            TD_TRY(page, m_store->listTasks(query));
            QVERIFY(page->tasks.size() <= 40);
            seen += page->tasks;
            query.afterCursor = page->nextCursor;
            QVERIFY(++pages < 20);
        } while (!query.afterCursor.isEmpty());
        QCOMPARE(pages, 6);
        QCOMPARE(seen.size(), 237);
        QSet<qint64> ids;
        for (const Task& t : std::as_const(seen))
            ids.insert(t.id);
        QCOMPARE(ids.size(), 237);

        auto key = [&](const Task& t) -> qint64 {
            switch (TaskQuery::SortKey(sortKey)) {
            case TaskQuery::SortKey::Id:
                return t.id;
            case TaskQuery::SortKey::RunAt:
                return t.runAt.toMSecsSinceEpoch();
            case TaskQuery::SortKey::CreatedAt:
                return t.createdAt.toMSecsSinceEpoch();
            case TaskQuery::SortKey::Priority:
                return t.priority;
            }
            return 0;
        };
        for (qsizetype i = 1; i < seen.size(); ++i) {
            const auto previous = std::pair(key(seen.at(i - 1)), seen.at(i - 1).id);
            const auto current = std::pair(key(seen.at(i)), seen.at(i).id);
            QVERIFY(descending ? previous > current : previous < current);
        }
    }

    void cursorsAreChecked()
    {
        TD_VERIFY_OK(m_store->enqueueBatch({request(QStringLiteral("h")), request(QStringLiteral("h"))}));
        TaskQuery query;
        query.limit = 1;
        TD_TRY(page, m_store->listTasks(query));
        QVERIFY(!page->nextCursor.isEmpty());
        query.afterCursor = page->nextCursor;
        query.sortKey = TaskQuery::SortKey::RunAt;
        const auto wrongSort = m_store->listTasks(query);
        QVERIFY(!wrongSort.ok());
        QCOMPARE(wrongSort.error().code, ErrorCode::InvalidArgument);
        query.afterCursor = QStringLiteral("'; DROP TABLE x; --");
        const auto garbage = m_store->listTasks(query);
        QVERIFY(!garbage.ok());
        QCOMPARE(garbage.error().code, ErrorCode::InvalidArgument);
    }

    // Tasks whose texts hold LIKE's wildcards and escape character, for the literal-search tests.
    QList<qint64> enqueueSearchableTasks()
    {
        const QStringList payloads{QStringLiteral("{\"code\":\"50%_off\"}"), QStringLiteral("{\"code\":\"50%off\"}"),
                                   QStringLiteral("{\"code\":\"5000_off\"}"), QStringLiteral("{\"code\":\"50x_off\"}"),
                                   QStringLiteral("{\"code\":\"50\\\\%_off\"}")};
        QList<EnqueueRequest> batch;
        for (const QString& p : payloads)
            batch << request(QStringLiteral("h"), QStringLiteral("default"), p);
        EnqueueRequest keyed = request(QStringLiteral("h"), QStringLiteral("default"));
        keyed.uniqueKey = QStringLiteral("Invoice-7731");
        batch << keyed;
        QList<qint64> ids;
        auto results = m_store->enqueueBatch(batch);
        if (results) {
            for (const EnqueueResult& r : std::as_const(*results))
                ids << r.id;
        }
        return ids;
    }

    QList<qint64> searchIds(const QString& text)
    {
        TaskQuery query;
        query.filter.search = text;
        QList<qint64> found;
        auto page = m_store->listTasks(query);
        if (page) {
            for (const Task& t : std::as_const(page->tasks))
                found << t.id;
        }
        return found;
    }

    // The same answers with and without the search index.
    void checkLiteralSearches(const QList<qint64>& ids)
    {
        QCOMPARE(searchIds(QStringLiteral("50%_off")), QList<qint64>{ids.at(0)});
        QCOMPARE(searchIds(QStringLiteral("50%_OFF")), QList<qint64>{ids.at(0)}); // ASCII case ignored
        QCOMPARE(searchIds(QStringLiteral("%")).size(), 3);
        QCOMPARE(searchIds(QStringLiteral("_")).size(), 4);
        QCOMPARE(searchIds(QStringLiteral("0\\\\%")), QList<qint64>{ids.at(4)}); // the escape character itself
        QCOMPARE(searchIds(QStringLiteral("\\")), QList<qint64>{ids.at(4)});
        QCOMPARE(searchIds(QStringLiteral("invoice-77")), QList<qint64>{ids.at(5)}); // unique keys are searched
        QCOMPARE(searchIds(QStringLiteral("nothing like it")).size(), 0);
        // Selecting by the filter (bulk actions) finds the same tasks.
        TaskFilter filter;
        filter.search = QStringLiteral("%");
        TD_TRY(selected, m_store->selectTaskIds(filter));
        QCOMPARE(selected->size(), 3);
    }

    void searchIsLiteral()
    {
        const QList<qint64> ids = enqueueSearchableTasks();
        QCOMPARE(ids.size(), 6);
        checkLiteralSearches(ids);

        // Errors are searched too.
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 1)));
        TD_VERIFY_OK(
            m_store->complete(QStringLiteral("w1"),
                              {completionFor(claimed->at(0), RunOutcome::Failed, QStringLiteral("SMTP 451 later"))}));
        QCOMPARE(searchIds(QStringLiteral("smtp 451")), QList<qint64>{claimed->at(0).id});
    }

    void searchIndexAnswersTheSameSearches()
    {
        const QList<qint64> ids = enqueueSearchableTasks();
        QCOMPARE(ids.size(), 6);
        TD_TRY(before, m_store->searchIndexed());
        QVERIFY(!*before);
        QStringList steps;
        const Status built = m_store->setSearchIndexed(true, [&](const QString& line) { steps << line; });
        if (m_store->dialect().searchIndexCreateSql().isEmpty()) {
            // No such index here: said so, nothing changed, searches as before.
            QVERIFY(!built.ok());
            QCOMPARE(built.error().code, ErrorCode::Unsupported);
            TD_TRY(after, m_store->searchIndexed());
            QVERIFY(!*after);
            checkLiteralSearches(ids);
            return;
        }
        TD_VERIFY_OK(built);
        QVERIFY(!steps.isEmpty());
        TD_TRY(indexed, m_store->searchIndexed());
        QVERIFY(*indexed);
        checkLiteralSearches(ids);
        TD_VERIFY_OK(m_store->setSearchIndexed(true)); // again: already in place
        TD_TRY(actions, m_store->operatorActions(10));
        QCOMPARE(actions->size(), 1);
        QCOMPARE(actions->at(0).action, QStringLiteral("search_index"));
        QCOMPARE(actions->at(0).detail, QStringLiteral("built"));
        TD_VERIFY_OK(m_store->setSearchIndexed(false));
        TD_TRY(removed, m_store->searchIndexed());
        QVERIFY(!*removed);
        checkLiteralSearches(ids);
    }

    void hostileTextIsStoredAndMatchedLiterally_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("sql comment") << "x'; DROP TABLE taskdeck_tasks; --";
        QTest::newRow("or true") << "' OR '1'='1";
        QTest::newRow("double quotes") << "\"quoted\" \"\"";
        QTest::newRow("backslashes") << "C:\\temp\\new\\x";
        QTest::newRow("like wildcards") << "100%_done_%";
        QTest::newRow("shell") << "$(rm -rf /) `id` ; | & > /dev/null";
        QTest::newRow("placeholders") << ":id ? $1 %s {now} {ids}";
        QTest::newRow("non-BMP") << QString::fromUtf8("订单 😀 𝄞 ﷽");
        QTest::newRow("long") << QString(120, QChar(0x00e9)) + QStringLiteral("'\"");
    }

    void hostileTextIsStoredAndMatchedLiterally()
    {
        QFETCH(QString, text);
        const QString name = text.left(120);
        EnqueueRequest r = request(name, name);
        r.uniqueKey = text;
        // The same text as a JSON string payload.
        QString escaped = text;
        escaped.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("\""), QLatin1String("\\\""));
        r.payload = QLatin1Char('"') + escaped + QLatin1Char('"');
        TD_TRY(enqueued, m_store->enqueue(r));
        TD_VERIFY_OK(m_store->enqueue(request(QStringLiteral("plain"), QStringLiteral("plain"))));

        TD_TRY(details, m_store->task(enqueued->id));
        QCOMPARE((*details)->task.queue, name);
        QCOMPARE((*details)->task.handler, name);
        QCOMPARE((*details)->task.uniqueKey, text);
        QCOMPARE((*details)->task.payload, r.payload);

        TD_TRY(again, m_store->enqueue(r));
        QVERIFY(!again->created);
        QCOMPARE(again->id, enqueued->id);

        TaskQuery byQueue;
        byQueue.filter.queues = {name};
        byQueue.filter.handlers = {name};
        TD_TRY(page, m_store->listTasks(byQueue));
        QCOMPARE(page->tasks.size(), 1);
        QCOMPARE(page->tasks.at(0).id, enqueued->id);

        TaskQuery bySearch;
        bySearch.filter.search = text.left(40);
        TD_TRY(found, m_store->listTasks(bySearch));
        QCOMPARE(found->tasks.size(), 1);

        ClaimRequest claim = claimAll();
        claim.queues = {name};
        claim.handlers = {name};
        TD_TRY(claimed, m_store->claim(claim));
        QCOMPARE(claimed->size(), 1);
        TD_VERIFY_OK(
            m_store->complete(QStringLiteral("w1"), {completionFor(claimed->at(0), RunOutcome::Failed, text)}));
        TD_TRY(failed, m_store->task(enqueued->id));
        QCOMPARE((*failed)->task.lastError, text);
        QCOMPARE(totalCount(*m_store), qint64(2));
    }

    void displayStatesAndTimeRange()
    {
        EnqueueRequest scheduled = request(QStringLiteral("h"));
        scheduled.delayMs = 3'600'000;
        TD_TRY(ids,
               m_store->enqueueBatch({request(QStringLiteral("h")), scheduled, request(QStringLiteral("h")),
                                      request(QStringLiteral("h"))}));
        const QDateTime firstBatch = m_clock.nowUtc();
        m_clock.advanceMs(60'000);
        TD_VERIFY_OK(m_store->enqueue(request(QStringLiteral("h"))));
        TD_TRY(claimed, m_store->claim(claimAll(QStringLiteral("w1"), 2)));
        QCOMPARE(claimed->size(), 2);
        TD_VERIFY_OK(m_store->complete(QStringLiteral("w1"), {completionFor(claimed->at(0), RunOutcome::Failed)}));

        TD_TRY(counts, m_store->countTasks());
        QHash<DisplayState, qint64> byState;
        for (const StateCount& c : std::as_const(*counts))
            byState[c.state] += c.count;
        QCOMPARE(byState.value(DisplayState::Pending), qint64(2));
        QCOMPARE(byState.value(DisplayState::Scheduled), qint64(1));
        QCOMPARE(byState.value(DisplayState::Retrying), qint64(1));
        QCOMPARE(byState.value(DisplayState::Running), qint64(1));

        for (auto state :
             {DisplayState::Pending, DisplayState::Scheduled, DisplayState::Retrying, DisplayState::Running}) {
            TaskQuery query;
            query.filter.states = {state};
            TD_TRY(page, m_store->listTasks(query));
            QCOMPARE(page->tasks.size(), byState.value(state));
            for (const Task& t : std::as_const(page->tasks))
                QCOMPARE(t.displayState, state);
        }

        TaskQuery range;
        range.filter.createdFrom = firstBatch;
        range.filter.createdTo = firstBatch.addMSecs(1);
        TD_TRY(inRange, m_store->listTasks(range));
        QCOMPARE(inRange->tasks.size(), 4);
        range.filter.createdFrom = firstBatch.addSecs(30);
        range.filter.createdTo = QDateTime();
        TD_TRY(later, m_store->listTasks(range));
        QCOMPARE(later->tasks.size(), 1);
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
            {"successes in a batch", d.finishSucceededFromJsonSql(false)},
            {"successes removed in a batch", d.finishSucceededFromJsonSql(true)},
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

TASKDECK_BACKEND_TEST_MAIN(TestTaskStore)
#include "tst_taskstore.moc"
