#include "support/ManualClock.h"
#include "support/TestDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

using namespace taskdeck;
using namespace taskdeck::test;

namespace {

QDateTime utc(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

ScheduleDefinition definition(const QString& name, const QString& cron, const QString& handler = QStringLiteral("job"))
{
    ScheduleDefinition d;
    d.name = name;
    d.cron = cron;
    d.handler = handler;
    return d;
}

// Counts the rows of a logical table straight from the database.
qint64 rowCount(TaskStore& store, const QString& table, const QString& where = {})
{
    QSqlQuery q(store.database());
    const QString sql = QLatin1String("SELECT COUNT(*) FROM ") + store.dialect().tableName(table) +
        (where.isEmpty() ? QString() : QLatin1String(" WHERE ") + where);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestSchedules : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    ManualClock m_clock;
    std::unique_ptr<TaskStore> m_store;

    StoreOptions options() { return manualStoreOptions(&m_clock); }

    // Claims everything runnable for one worker and reports each run as succeeded.
    bool runAll(TaskStore& store, int* count = nullptr)
    {
        ClaimRequest request;
        request.workerId = QStringLiteral("w1");
        request.limit = 100;
        auto claimed = store.claim(request);
        if (!claimed)
            return false;
        QList<Completion> completions;
        for (const ClaimedTask& task : std::as_const(*claimed))
            completions << Completion::of(task);
        if (count)
            *count = int(claimed->size());
        return completions.isEmpty() || store.complete(request.workerId, completions).ok();
    }

private slots:
    void init()
    {
        m_clock.set(utc(2026, 1, 1, 0, 0));
        TD_VERIFY_OK(openFresh(m_db, m_store, options()));
    }
    void cleanup() { closeFresh(m_db, m_store); }

    void addListAndValidate()
    {
        ScheduleDefinition nightly = definition(QStringLiteral("nightly-report"), QStringLiteral("30 2 * * *"),
                                                QStringLiteral("reports.export"));
        nightly.timeZone = QStringLiteral("Asia/Shanghai");
        nightly.payload = QStringLiteral(R"({"report": "sales"})");
        nightly.queue = QStringLiteral("reports");
        nightly.missed = MissedPolicy::Skip;
        TD_TRY(added, m_store->addSchedule(nightly));
        QCOMPARE(added->nextRunAt, utc(2026, 1, 1, 18, 30)); // 02:30 on 2 January in Shanghai
        QCOMPARE(added->definition.payload, QStringLiteral(R"({"report": "sales"})"));
        QCOMPARE(added->definition.missed, MissedPolicy::Skip);
        QVERIFY(added->definition.enabled);

        struct Bad
        {
            ScheduleDefinition definition;
            const char* message;
        };
        ScheduleDefinition badZone = definition(QStringLiteral("b1"), QStringLiteral("@daily"));
        badZone.timeZone = QStringLiteral("Europe/Atlantis");
        ScheduleDefinition badPayload = definition(QStringLiteral("b2"), QStringLiteral("@daily"));
        badPayload.payload = QStringLiteral("{oops");
        const QList<Bad> bad{
            {definition(QStringLiteral("nightly-report"), QStringLiteral("@daily")), "exists already"},
            {definition(QStringLiteral("b0"), QStringLiteral("61 * * * *")), "outside 0–59"},
            {badZone, "Europe/Atlantis"},
            {badPayload, "JSON"},
            {definition(QStringLiteral("b3"), QStringLiteral("0 0 30 2 *")), "never fires"},
            {definition(QStringLiteral(" padded"), QStringLiteral("@daily")), "schedule name"},
            {definition(QStringLiteral("b4"), QStringLiteral("@daily"), QString()), "handler"},
        };
        for (const Bad& b : bad) {
            auto result = m_store->addSchedule(b.definition);
            QVERIFY2(!result, b.message);
            QVERIFY2(result.error().message.contains(QString::fromUtf8(b.message)), qPrintable(result.error().message));
        }
        TD_TRY(all, m_store->schedules());
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first().definition.timeZone, QStringLiteral("Asia/Shanghai"));
    }

    // Several workers fire the same schedule at once, round after round, with succeeded tasks removed at once:
    // every occurrence becomes exactly one task.
    void exactlyOncePerOccurrenceAcrossWorkers()
    {
        RetentionSettings retention;
        retention.succeededMs = 0;
        TD_VERIFY_OK(m_store->setRetention(retention));
        TD_VERIFY_OK(m_store->addSchedule(definition(QStringLiteral("minutely"), QStringLiteral("* * * * *"))));
        constexpr int kWorkers = 4;
        constexpr int kRounds = 6;
        int lostRaces = 0;
        for (int round = 1; round <= kRounds; ++round) {
            m_clock.set(utc(2026, 1, 1, 0, round, 1)); // one second after the occurrence
            std::atomic<int> enqueued{0};
            std::atomic<int> lost{0};
            std::atomic<int> failures{0};
            std::atomic<int> ready{0};
            std::vector<std::thread> threads;
            for (int w = 0; w < kWorkers; ++w) {
                threads.emplace_back([&] {
                    auto store = m_db->open(options(), SchemaMode::Require);
                    if (!store) {
                        ++failures;
                        return;
                    }
                    ++ready;
                    while (ready.load() < kWorkers) // start the passes together, so that they race
                        std::this_thread::yield();
                    auto report = (*store)->fireDueSchedules();
                    if (!report) {
                        qWarning("%s", qPrintable(report.error().message));
                        ++failures;
                        return;
                    }
                    for (const ScheduleFiring& firing : std::as_const(report->fired))
                        enqueued += firing.taskId > 0 ? 1 : 0;
                    lost += report->lostRaces;
                });
            }
            for (auto& thread : threads)
                thread.join();
            QCOMPARE(failures.load(), 0);
            QCOMPARE(enqueued.load(), 1);
            lostRaces += lost.load();
            int ran = 0;
            QVERIFY(runAll(*m_store, &ran));
            QCOMPARE(ran, 1);
            QCOMPARE(rowCount(*m_store, QStringLiteral("tasks")), 0); // removed at once by retention 0
        }
        TD_TRY(schedule, m_store->schedule(QStringLiteral("minutely")));
        QCOMPARE((*schedule)->nextRunAt, utc(2026, 1, 1, 0, kRounds + 1));
        QCOMPARE(rowCount(*m_store, QStringLiteral("task_runs"), QStringLiteral("outcome = 'succeeded'")), kRounds);
        qInfo("%d occurrences, %d workers each: %d passes found the occurrence already taken", kRounds, kWorkers,
              lostRaces);
    }

    // A pass that reads the clock just before an occurrence and the due schedules just after it: the schedule moves
    // past that occurrence, so that the next pass does not enqueue it a second time.
    void passStraddlingAnOccurrenceFiresItOnce()
    {
        m_clock.set(utc(2026, 1, 1, 0, 0, 4));
        TD_TRY(added, m_store->addSchedule(definition(QStringLiteral("secondly"), QStringLiteral("* * * * * *"))));
        QCOMPARE(added->nextRunAt, utc(2026, 1, 1, 0, 0, 5));
        m_clock.set(utc(2026, 1, 1, 0, 0, 5).addMSecs(-1));
        m_clock.setStepPerReadMs(1);
        TD_TRY(straddling, m_store->fireDueSchedules());
        m_clock.setStepPerReadMs(0);
        QCOMPARE(straddling->fired.size(), 1);
        QCOMPARE(straddling->fired.first().occurrence, utc(2026, 1, 1, 0, 0, 5));
        QCOMPARE(straddling->nextDue, utc(2026, 1, 1, 0, 0, 6));
        m_clock.set(utc(2026, 1, 1, 0, 0, 5).addMSecs(500));
        TD_TRY(again, m_store->fireDueSchedules());
        QVERIFY(again->fired.isEmpty());
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks")), 1);
    }

    void missedOccurrences_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("tasksAfterOutage");
        QTest::newRow("skip") << "skip" << 0;
        QTest::newRow("once") << "once" << 1;
    }

    void missedOccurrences()
    {
        QFETCH(QString, policy);
        QFETCH(int, tasksAfterOutage);
        ScheduleDefinition hourly = definition(QStringLiteral("hourly"), QStringLiteral("@hourly"));
        hourly.missed = *missedPolicyFromName(policy);
        TD_VERIFY_OK(m_store->addSchedule(hourly));

        // On time (within a minute): both policies enqueue, with the occurrence as run time.
        m_clock.set(utc(2026, 1, 1, 1, 0, 30));
        TD_TRY(onTime, m_store->fireDueSchedules());
        QCOMPARE(onTime->fired.size(), 1);
        QVERIFY(onTime->fired.first().taskId > 0);
        TD_TRY(task, m_store->task(onTime->fired.first().taskId));
        QCOMPARE((*task)->task.runAt, utc(2026, 1, 1, 1, 0));

        // No worker for five hours: never a burst.
        m_clock.set(utc(2026, 1, 1, 6, 20));
        TD_TRY(late, m_store->fireDueSchedules());
        QCOMPARE(late->fired.size(), 1);
        QCOMPARE(late->fired.first().taskId > 0 ? 1 : 0, tasksAfterOutage);
        if (tasksAfterOutage == 1) {
            TD_TRY(lateTask, m_store->task(late->fired.first().taskId));
            QCOMPARE((*lateTask)->task.runAt, m_clock.nowUtc());
        }
        QCOMPARE(late->nextDue, utc(2026, 1, 1, 7, 0));
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks")), 1 + tasksAfterOutage);
        TD_TRY(again, m_store->fireDueSchedules());
        QVERIFY(again->fired.isEmpty());
    }

    // A schedule in Europe/Berlin over the spring change, through the database: the skipped 02:30 fires once.
    void daylightSavingInTheStore()
    {
        m_clock.set(utc(2026, 3, 28, 12, 0));
        ScheduleDefinition berlin = definition(QStringLiteral("berlin"), QStringLiteral("30 2 * * *"));
        berlin.timeZone = QStringLiteral("Europe/Berlin");
        TD_TRY(added, m_store->addSchedule(berlin));
        QCOMPARE(added->nextRunAt, utc(2026, 3, 29, 1, 0));
        m_clock.set(utc(2026, 3, 29, 1, 0, 5));
        TD_TRY(fired, m_store->fireDueSchedules());
        QCOMPARE(fired->fired.size(), 1);
        QCOMPARE(fired->nextDue, utc(2026, 3, 30, 0, 30));
    }

    void enableDisableRemoveRunNow()
    {
        TD_VERIFY_OK(m_store->addSchedule(definition(QStringLiteral("s"), QStringLiteral("@hourly"))));
        TD_VERIFY_OK(m_store->setScheduleEnabled(QStringLiteral("s"), false));
        m_clock.set(utc(2026, 1, 1, 5, 0, 10));
        TD_TRY(disabled, m_store->fireDueSchedules());
        QVERIFY(disabled->fired.isEmpty());
        QVERIFY(!disabled->nextDue.isValid());
        TD_TRY(now, m_store->runScheduleNow(QStringLiteral("s")));
        QVERIFY(now->created);
        TD_VERIFY_OK(m_store->setScheduleEnabled(QStringLiteral("s"), true));
        TD_TRY(enabled, m_store->schedule(QStringLiteral("s")));
        QCOMPARE((*enabled)->nextRunAt, utc(2026, 1, 1, 6, 0)); // not the occurrences missed while disabled
        QCOMPARE((*enabled)->lastTaskId, now->id);
        TD_VERIFY_OK(m_store->removeSchedule(QStringLiteral("s")));
        QCOMPARE(m_store->removeSchedule(QStringLiteral("s")).error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->setScheduleEnabled(QStringLiteral("s"), true).error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->runScheduleNow(QStringLiteral("s")).error().code, ErrorCode::NotFound);

        TD_TRY(audit, m_store->operatorActions(20));
        QStringList actions;
        for (const OperatorAction& action : std::as_const(*audit))
            actions.prepend(action.action);
        QCOMPARE(actions,
                 QStringList({QStringLiteral("schedule add"), QStringLiteral("schedule disable"),
                              QStringLiteral("schedule run-now"), QStringLiteral("schedule enable"),
                              QStringLiteral("schedule remove")}));
        QCOMPARE(audit->first().actor, QStringLiteral("tester@test"));
        QCOMPARE(audit->first().at, m_clock.nowUtc());
        if (m_store->dialect().name() != QLatin1String("sqlite"))
            QVERIFY2(!audit->first().databaseUser.isEmpty(), "servers record the database user");
    }

    // The seed's order.created: stock, points and a notification, one task each, all or nothing.
    void eventFanOut()
    {
        const QString event = QStringLiteral("order.created");
        TD_VERIFY_OK(m_store->subscribe({event, QStringLiteral("stock.reserve"), QStringLiteral("stock"), 5, {}}));
        TD_VERIFY_OK(m_store->subscribe({event, QStringLiteral("loyalty.points"), QStringLiteral("default"), 0, {}}));
        TD_VERIFY_OK(m_store->subscribe({event, QStringLiteral("notify.send"), QStringLiteral("mail"), 0, {}}));
        TD_VERIFY_OK(
            m_store->subscribe({QStringLiteral("order.paid"), QStringLiteral("x"), QStringLiteral("q"), 0, {}}));
        // Subscribing again changes the queue, not the count.
        TD_VERIFY_OK(m_store->subscribe({event, QStringLiteral("notify.send"), QStringLiteral("notify"), 0, {}}));
        TD_TRY(subscribers, m_store->subscriptions(event));
        QCOMPARE(subscribers->size(), 3);

        // Inside a caller's transaction that rolls back: nothing.
        const Status rolledBack = m_store->transaction([&]() -> Status {
            auto published = m_store->publish(event, QStringLiteral(R"({"order": 1})"));
            if (!published)
                return published.error();
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("the order insert failed"));
        });
        QVERIFY(!rolledBack);
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks")), 0);

        TD_TRY(published, m_store->publish(event, QStringLiteral(R"({"order": 2})")));
        QCOMPARE(published->size(), 3);
        QStringList seen;
        for (const EnqueueResult& result : std::as_const(*published)) {
            TD_TRY(task, m_store->task(result.id));
            QCOMPARE((*task)->task.payload, QStringLiteral(R"({"order": 2})"));
            seen << (*task)->task.handler + QLatin1Char('@') + (*task)->task.queue;
        }
        seen.sort();
        QCOMPARE(seen,
                 QStringList({QStringLiteral("loyalty.points@default"), QStringLiteral("notify.send@notify"),
                              QStringLiteral("stock.reserve@stock")}));

        TD_VERIFY_OK(m_store->unsubscribe(event, QStringLiteral("notify.send")));
        QCOMPARE(m_store->unsubscribe(event, QStringLiteral("notify.send")).error().code, ErrorCode::NotFound);
        TD_TRY(fewer, m_store->publish(event, {}));
        QCOMPARE(fewer->size(), 2);
        TD_TRY(nobody, m_store->publish(QStringLiteral("order.refunded"), {}));
        QVERIFY(nobody->isEmpty());
        QVERIFY(!m_store->publish(QStringLiteral("order.created"), QStringLiteral("{broken")));
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks")), 5);
    }

    void retentionRemovesExactlyWhatItShould()
    {
        RetentionSettings retention;
        retention.succeededMs = 3'600'000;
        retention.runsMs = 2 * 3'600'000;
        TD_VERIFY_OK(m_store->setRetention(retention));
        TD_TRY(read, m_store->retention());
        QCOMPARE(read->succeededMs, retention.succeededMs);
        QCOMPARE(read->runsMs, retention.runsMs);

        QList<EnqueueRequest> requests;
        for (const char* handler : {"ok", "ok", "bad", "gone"}) {
            EnqueueRequest r;
            r.handler = QString::fromLatin1(handler);
            r.maxAttempts = 1;
            requests << r;
        }
        TD_VERIFY_OK(m_store->enqueueBatch(requests));
        ClaimRequest claim;
        claim.workerId = QStringLiteral("w1");
        TD_TRY(claimed, m_store->claim(claim));
        QList<Completion> completions;
        for (const ClaimedTask& task : std::as_const(*claimed))
            completions << Completion::of(task,
                                          task.handler == QLatin1String("bad")        ? RunOutcome::Failed
                                              : task.handler == QLatin1String("gone") ? RunOutcome::Cancelled
                                                                                      : RunOutcome::Succeeded);
        TD_VERIFY_OK(m_store->complete(claim.workerId, completions));

        m_clock.advanceMs(59 * 60'000);
        TD_TRY(early, m_store->prune(QStringLiteral("w1")));
        QVERIFY(early->tookTurn);
        QCOMPARE(early->tasksRemoved, 0);

        m_clock.advanceMs(2 * 60'000);
        TD_TRY(due, m_store->prune(QStringLiteral("w1")));
        QCOMPARE(due->tasksRemoved, 2);
        QCOMPARE(due->runsRemoved, 0); // younger than two hours
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks")), 2);
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks"), QStringLiteral("state IN ('failed', 'cancelled')")), 2);
        TD_TRY(fate, m_store->taskFate(claimed->first().id));
        QCOMPARE(*fate, TaskFate::SucceededAndRemoved);
        TD_TRY(never, m_store->taskFate(999'999));
        QCOMPARE(*never, TaskFate::NeverExisted);

        // Another worker waits its turn while the first holds the maintenance lease.
        TD_TRY(other, m_db->open(options(), SchemaMode::Require));
        TD_TRY(blocked, (*other)->prune(QStringLiteral("w2")));
        QVERIFY(!blocked->tookTurn);

        m_clock.advanceMs(61 * 60'000);
        TD_TRY(later, m_store->prune(QStringLiteral("w1")));
        QCOMPARE(later->runsRemoved, 2); // the removed tasks' runs; the failed and cancelled keep theirs
        QCOMPARE(rowCount(*m_store, QStringLiteral("task_runs")), 2);
        TD_VERIFY_OK(m_store->releaseMaintenance(QStringLiteral("w1")));
        TD_TRY(turn, (*other)->prune(QStringLiteral("w2")));
        QVERIFY(turn->tookTurn);
        QCOMPARE(rowCount(*m_store, QStringLiteral("tasks"), QStringLiteral("state IN ('failed', 'cancelled')")), 2);

        QVERIFY(!m_store->setRetention(RetentionSettings{-1, 0, RetentionSettings::kDay, RetentionSettings::kDay}));
    }

    // SQLite keeps no planner statistics by itself; without them it lists failed tasks by sorting every failed row.
    // A maintenance pass refreshes them once a day.
    void maintenanceKeepsSqlitePlannerStatistics()
    {
        if (m_store->dialect().name() != QLatin1String("sqlite"))
            QSKIP("the server keeps its own planner statistics");
        EnqueueRequest r;
        r.handler = QStringLiteral("h");
        TD_VERIFY_OK(m_store->enqueueBatch({r, r, r}));
        QSqlQuery q(m_store->database());
        auto stateIndexStatistics = [&q]() {
            if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_stat1 WHERE idx = 'taskdeck_tasks_state'")) ||
                !q.next())
                return -1;
            return q.value(0).toInt();
        };
        auto forget = [&q]() { return q.exec(QStringLiteral("DELETE FROM sqlite_stat1")); };

        QVERIFY2(forget(), qPrintable(q.lastError().text()));
        TD_TRY(first, m_store->prune(QStringLiteral("w1")));
        QVERIFY(first->tookTurn);
        QCOMPARE(stateIndexStatistics(), 1);

        QVERIFY(forget());
        m_clock.advanceMs(23 * 3'600'000);
        TD_VERIFY_OK(m_store->prune(QStringLiteral("w1")));
        QCOMPARE(stateIndexStatistics(), 0); // not yet a day: not read again

        m_clock.advanceMs(3'600'000);
        TD_VERIFY_OK(m_store->prune(QStringLiteral("w1")));
        QCOMPARE(stateIndexStatistics(), 1);
    }

    // One audit row per operator action: who, what, how many, which ids or filter.
    void everyOperatorActionIsAudited()
    {
        QList<EnqueueRequest> requests;
        for (int i = 0; i < 4; ++i) {
            EnqueueRequest r;
            r.handler = QStringLiteral("h");
            r.queue = QStringLiteral("q");
            requests << r;
        }
        TD_TRY(enqueued, m_store->enqueueBatch(requests));
        ClaimRequest claim;
        claim.workerId = QStringLiteral("w");
        claim.limit = 2;
        TD_TRY(claimed, m_store->claim(claim));
        QList<Completion> failures;
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            Completion c = Completion::of(task, RunOutcome::Failed, QStringLiteral("no"));
            c.retryable = false;
            failures << c;
        }
        TD_VERIFY_OK(m_store->complete(claim.workerId, failures));
        TaskFilter failed;
        failed.states = {DisplayState::Failed};
        failed.queues = {QStringLiteral("q")};
        TD_TRY(failedIds, m_store->selectTaskIds(failed));
        QCOMPARE(failedIds->size(), 2);
        TD_VERIFY_OK(m_store->retryTasks(*failedIds, QStringLiteral("state failed, queue q")));
        TD_VERIFY_OK(m_store->cancelTasks({enqueued->at(2).id}));
        TD_VERIFY_OK(m_store->deleteTasks({enqueued->at(3).id}));
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("q"), true));
        TD_VERIFY_OK(m_store->setQueuePaused(QStringLiteral("q"), false));
        QueueUpdate update;
        update.concurrencyLimit = 2;
        TD_VERIFY_OK(m_store->updateQueue(QStringLiteral("q"), update));
        TD_VERIFY_OK(m_store->claimTaskNow(QStringLiteral("w"), failedIds->first(), 30'000));
        EnqueueRequest edited = requests.first();
        edited.payload = QStringLiteral(R"({"fixed": true})");
        TD_TRY(copy, m_store->replaceTask(failedIds->last(), edited));
        QVERIFY(!m_store->replaceTask(failedIds->first(), edited)); // running: refused, not audited
        TD_VERIFY_OK(m_store->subscribe({QStringLiteral("e"), QStringLiteral("h"), QStringLiteral("q"), 0, {}}));
        TD_VERIFY_OK(m_store->unsubscribe(QStringLiteral("e"), QStringLiteral("h")));
        TD_VERIFY_OK(m_store->setRetention(RetentionSettings{}));

        TD_TRY(audit, m_store->operatorActions(100));
        QStringList seen;
        for (const OperatorAction& a : std::as_const(*audit)) {
            seen.prepend(QStringLiteral("%1:%2").arg(a.action).arg(a.taskCount));
            QCOMPARE(a.actor, QStringLiteral("tester@test"));
            if (m_store->dialect().name() != QLatin1String("sqlite"))
                QVERIFY(!a.databaseUser.isEmpty());
        }
        QCOMPARE(seen,
                 QStringList({QStringLiteral("retry:2"), QStringLiteral("cancel:1"), QStringLiteral("delete:1"),
                              QStringLiteral("pause:0"), QStringLiteral("resume:0"), QStringLiteral("queue-settings:0"),
                              QStringLiteral("run now:1"), QStringLiteral("edit:1"), QStringLiteral("subscribe:0"),
                              QStringLiteral("unsubscribe:0"), QStringLiteral("retention:0")}));
        const OperatorAction& retry = audit->last();
        QVERIFY2(retry.detail.contains(QLatin1String("state failed, queue q")), qPrintable(retry.detail));
        const OperatorAction& edit = audit->at(3);
        QCOMPARE(edit.action, QStringLiteral("edit"));
        QVERIFY2(edit.detail.contains(QString::number(copy->id)), qPrintable(edit.detail));
    }

    void statisticsRollUpToHours()
    {
        // Successes in three different minutes of one hour, and one an hour later.
        for (const QDateTime& at :
             {utc(2026, 1, 1, 10, 1), utc(2026, 1, 1, 10, 17), utc(2026, 1, 1, 10, 59, 30), utc(2026, 1, 1, 11, 5)}) {
            m_clock.set(at);
            EnqueueRequest r;
            r.handler = QStringLiteral("h");
            TD_VERIFY_OK(m_store->enqueue(r));
            QVERIFY(runAll(*m_store));
        }
        QCOMPARE(rowCount(*m_store, QStringLiteral("stats"), QStringLiteral("shard >= 0")), 4);
        QCOMPARE(rowCount(*m_store, QStringLiteral("stats"), QStringLiteral("shard < 0")), 2); // written alongside
        m_clock.set(utc(2026, 1, 8, 11, 0)); // a week after 10:59, not yet after 11:05
        TD_TRY(report, m_store->prune(QStringLiteral("w1")));
        QCOMPARE(report->hoursRolledUp, 1);
        QCOMPARE(rowCount(*m_store, QStringLiteral("stats"), QStringLiteral("shard >= 0")), 1);
        QCOMPARE(rowCount(*m_store, QStringLiteral("stats"), QStringLiteral("shard < 0 AND count = 3")), 1);
        QCOMPARE(rowCount(*m_store, QStringLiteral("stats"), QStringLiteral("shard < 0 AND count = 1")), 1);
        auto total = [&](qint64 bucketMs) -> qint64 {
            auto stats = m_store->stats(utc(2026, 1, 1, 0, 0), bucketMs);
            if (!stats)
                return -1;
            qint64 sum = 0;
            for (const StatsRow& row : std::as_const(*stats))
                sum += row.count;
            return sum;
        };
        QCOMPARE(total(3600 * 1000), 4); // hourly: every run
        QCOMPARE(total(60'000), 1); // per minute: only the minutes still kept
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestSchedules)
#include "tst_schedules.moc"
