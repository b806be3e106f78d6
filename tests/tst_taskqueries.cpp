// Queries: counts, statistics, lists with keyset paging and cursors, literal search and its index.

#include "demo/DemoHistory.h"
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

class TestTaskQueries : public StoreFixture
{
    Q_OBJECT

private:
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

private slots:
    void init() { initStore(); }
    void cleanup() { cleanupStore(); }

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

    // The demo's generated history reads back as real statistics do, per minute and per hour, the database records
    // until when it is made up, and it is added once.
    void generatedHistoryReadsLikeRealStatistics()
    {
        TD_TRY(now, m_store->databaseTime());
        const QDateTime minute = QDateTime::fromMSecsSinceEpoch(now->toMSecsSinceEpoch() / 60'000 * 60'000, Qt::UTC);
        TD_VERIFY_OK(demo::addHistory(*m_store));
        TD_TRY(until, m_store->generatedStatisticsUntil());
        QCOMPARE(*until, minute);
        const QList<StatsRow> generated = demo::generatedHistory(*now);
        QVERIFY(generated.size() > 24 * 60);
        auto total = [](const QList<StatsRow>& rows, const QDateTime& since) {
            qint64 count = 0, duration = 0;
            for (const StatsRow& row : rows) {
                if (row.minute >= since) {
                    count += row.count;
                    duration += row.durationMsSum;
                }
            }
            return std::pair{count, duration};
        };
        const QDateTime dayAgo = minute.addSecs(-24 * 3600);
        TD_TRY(perMinute, m_store->stats(dayAgo));
        QCOMPARE(total(*perMinute, dayAgo), total(generated, dayAgo));
        const QDateTime hourStart =
            QDateTime::fromMSecsSinceEpoch(dayAgo.toMSecsSinceEpoch() / 3'600'000 * 3'600'000 + 3'600'000, Qt::UTC);
        TD_TRY(hourly, m_store->stats(hourStart, 3'600'000));
        QCOMPARE(total(*hourly, hourStart), total(generated, hourStart));
        QVERIFY(total(generated, hourStart).first > 0);
        // The charts' failed line has something to show.
        QVERIFY(std::any_of(generated.cbegin(), generated.cend(),
                            [](const StatsRow& row) { return row.outcome == RunOutcome::Failed; }));

        TD_VERIFY_OK(demo::addHistory(*m_store)); // once: a second call adds nothing
        TD_TRY(again, m_store->stats(dayAgo));
        QCOMPARE(total(*again, dayAgo), total(generated, dayAgo));
        // Rows at a minute that is not whole are refused.
        StatsRow odd = generated.first();
        odd.minute = odd.minute.addSecs(-30);
        QVERIFY(!m_store->addGeneratedStatistics({odd}).ok());
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
        if (m_store->dialect().searchIndexSql().createSteps.isEmpty()) {
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
};

TASKDECK_BACKEND_TEST_MAIN(TestTaskQueries)
#include "tst_taskqueries.moc"
