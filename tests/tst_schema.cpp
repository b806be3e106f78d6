#include "support/TestDatabase.h"

#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace taskdeck;
using namespace taskdeck::test;

class TestSchema : public QObject
{
    Q_OBJECT

private:
    static ClaimRequest claimBy(const QString& workerId, int limit)
    {
        ClaimRequest claim;
        claim.workerId = workerId;
        claim.limit = limit;
        return claim;
    }

    // Stamps the schema as a newer version would, the way a newer TaskDeck's migration records itself.
    static bool stampVersion(TaskStore& store, int version, int oldestCompatible)
    {
        QSqlQuery q(store.database());
        if (!q.prepare(QStringLiteral("INSERT INTO %1 (version, oldest_compatible, description, applied_at)"
                                      " VALUES (?, ?, ?, %2)")
                           .arg(store.dialect().tableName(QStringLiteral("schema_version")),
                                store.dialect().timeParameter(QStringLiteral("?")))))
            return false;
        q.addBindValue(version);
        q.addBindValue(oldestCompatible);
        q.addBindValue(store.dialect().values().textValue(QStringLiteral("from the future")));
        q.addBindValue(store.dialect().values().timeValue(QDateTime::currentDateTimeUtc()));
        return q.exec();
    }

private slots:
    void initIsIdempotent()
    {
        TestDatabase db;
        int binary = 0;
        for (int i = 0; i < 3; ++i) {
            TD_TRY(store, db.open({}, SchemaMode::CreateOrUpgrade));
            binary = TaskStore::binaryVersionFor((*store)->dialect());
            QCOMPARE((*store)->schemaInfo().databaseVersion, binary);
            QSqlQuery q((*store)->database());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM %1")
                               .arg((*store)->dialect().tableName(QStringLiteral("schema_version")))));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), binary); // one row per migration, never repeated
        }
        QVERIFY(binary >= 1);
    }

    void concurrentInitsApplyEachMigrationOnce()
    {
        TestDatabase db;
        QMutex mutex;
        QStringList errors;
        QList<QThread*> threads;
        for (int i = 0; i < 4; ++i) {
            threads << QThread::create([&] {
                auto store = db.open({}, SchemaMode::CreateOrUpgrade);
                if (!store) {
                    QMutexLocker lock(&mutex);
                    errors << store.error().message;
                }
            });
        }
        for (QThread* thread : std::as_const(threads))
            thread->start();
        for (QThread* thread : std::as_const(threads)) {
            thread->wait();
            delete thread;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1String("; "))));
        TD_TRY(store, db.open({}, SchemaMode::Require));
        QSqlQuery q((*store)->database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM %1")
                           .arg((*store)->dialect().tableName(QStringLiteral("schema_version")))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), TaskStore::binaryVersionFor((*store)->dialect()));
        QCOMPARE(q.value(1).toInt(), TaskStore::binaryVersionFor((*store)->dialect()));
    }

    void requireRefusesMissingSchema()
    {
        TestDatabase db;
        const auto store = db.open({}, SchemaMode::Require);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ErrorCode::SchemaMissing);
        QVERIFY2(store.error().message.contains(QLatin1String("init")), qPrintable(store.error().message));
    }

    void newerCompatibleSchemaIsAccepted()
    {
        TestDatabase db;
        {
            TD_TRY(store, db.open());
            const int binary = TaskStore::binaryVersionFor((*store)->dialect());
            QVERIFY(stampVersion(**store, binary + 1, binary));
        }
        TD_TRY(store, db.open({}, SchemaMode::Require));
        QCOMPARE((*store)->schemaInfo().databaseVersion, (*store)->schemaInfo().binaryVersion + 1);
        TD_VERIFY_OK((*store)->countTasks());
        // init on a newer schema leaves it alone.
        TD_TRY(again, db.open({}, SchemaMode::CreateOrUpgrade));
        QCOMPARE((*again)->schemaInfo().databaseVersion, (*again)->schemaInfo().binaryVersion + 1);
    }

    void hourlyStatsMigrationSumsTheMinutes()
    {
        TestDatabase db;
        TD_TRY(store, db.open());
        const Dialect& d = (*store)->dialect();
        const QDateTime ten = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
        // Per-minute rows as a build before the migration left them (no hourly rows), in two shards and two
        // hours, and an hour that an old roll-up had already summed (shard -1) that still has a minute row.
        struct Row
        {
            QDateTime minute;
            QString outcome;
            int shard;
            qint64 count;
        };
        const QList<Row> rows{{ten.addSecs(60), QStringLiteral("succeeded"), 0, 2},
                              {ten.addSecs(59 * 60), QStringLiteral("succeeded"), 3, 5},
                              {ten.addSecs(17 * 60), QStringLiteral("failed"), 0, 1},
                              {ten.addSecs(3600), QStringLiteral("succeeded"), 0, 7},
                              {ten.addSecs(2 * 3600), QStringLiteral("succeeded"), -1, 100},
                              {ten.addSecs(2 * 3600 + 60), QStringLiteral("succeeded"), 0, 4}};
        QSqlQuery insert((*store)->database());
        QVERIFY(insert.prepare(d.sql(Sql::InsertStatsRow)));
        for (const Row& row : rows) {
            insert.bindValue(QStringLiteral(":minute"), d.values().timeValue(row.minute));
            insert.bindValue(QStringLiteral(":queue"), d.values().textValue(QStringLiteral("q")));
            insert.bindValue(QStringLiteral(":outcome"), d.values().textValue(row.outcome));
            insert.bindValue(QStringLiteral(":shard"), row.shard);
            insert.bindValue(QStringLiteral(":count"), row.count);
            insert.bindValue(QStringLiteral(":duration_ms"), row.count * 10);
            insert.bindValue(QStringLiteral(":latency_ms"), row.count);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        // The migration's statement, as an upgrade runs it; builds before it would count both kinds of rows.
        const QList<Migration> migrations = d.migrations();
        const auto migration = std::find_if(migrations.begin(), migrations.end(), [&](const Migration& m) {
            return m.statements == QStringList{d.sql(Sql::SumMinuteStatsIntoHours)};
        });
        QVERIFY(migration != migrations.end());
        QCOMPARE(migration->oldestCompatible, migration->version);
        QSqlQuery summing((*store)->database());
        QVERIFY2(summing.exec(migration->statements.first()), qPrintable(summing.lastError().text()));
        TD_TRY(hours, (*store)->stats(ten, 3600 * 1000));
        QMap<QPair<qint64, QString>, QPair<qint64, qint64>> sums; // (hour, outcome) → (count, duration)
        for (const StatsRow& row : std::as_const(*hours)) {
            auto& sum = sums[{(row.minute.toMSecsSinceEpoch() - ten.toMSecsSinceEpoch()) / 3'600'000,
                              outcomeName(row.outcome)}];
            sum.first += row.count;
            sum.second += row.durationMsSum;
        }
        const QPair<qint64, QString> tenSucceeded{0, QStringLiteral("succeeded")};
        const QPair<qint64, QString> tenFailed{0, QStringLiteral("failed")};
        const QPair<qint64, QString> eleven{1, QStringLiteral("succeeded")};
        const QPair<qint64, QString> twelve{2, QStringLiteral("succeeded")};
        QCOMPARE(sums.size(), 4);
        QCOMPARE(sums.value(tenSucceeded), qMakePair(qint64(7), qint64(70))); // both shards, both minutes
        QCOMPARE(sums.value(tenFailed), qMakePair(qint64(1), qint64(10)));
        QCOMPARE(sums.value(eleven), qMakePair(qint64(7), qint64(70)));
        QCOMPARE(sums.value(twelve), qMakePair(qint64(104), qint64(1040))); // added to the rolled-up row
        // The per-minute rows are still there for the finer charts.
        TD_TRY(minutes, (*store)->stats(ten, 60'000));
        qint64 minuteTotal = 0;
        for (const StatsRow& row : std::as_const(*minutes))
            minuteTotal += row.count;
        QCOMPARE(minuteTotal, qint64(19));
    }

    // Upgrading a database with tasks: the migration that adds the count triggers counts the tasks already there,
    // as the triggers would have (the migration's own statement, run on each backend).
    void taskCountsMigrationCountsExistingTasks()
    {
        TestDatabase db;
        TD_TRY(store, db.open());
        const Dialect& d = (*store)->dialect();
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 12; ++i) {
            EnqueueRequest r;
            r.handler = QStringLiteral("h");
            r.queue = i % 2 ? QStringLiteral("a") : QStringLiteral("b");
            r.delayMs = i % 5 == 0 ? 3'600'000 : 0;
            batch << r;
        }
        TD_VERIFY_OK((*store)->enqueueBatch(batch));
        const ClaimRequest claim = claimBy(QStringLiteral("w"), 6);
        TD_TRY(claimed, (*store)->claim(claim));
        QCOMPARE(claimed->size(), 6);
        QList<Completion> completions;
        for (int i = 0; i < 4; ++i)
            completions << Completion::of(claimed->at(i), i == 0 ? RunOutcome::Succeeded : RunOutcome::Failed,
                                          QStringLiteral("x"));
        completions[1].retryable = false;
        TD_VERIFY_OK((*store)->complete(claim.workerId, completions));
        TD_TRY(before, (*store)->countUnfinishedTasks());
        QVERIFY(before->size() >= 6);

        // As the tables stood when the triggers came in: no counts yet.
        const QList<Migration> migrations = d.migrations();
        const auto migration = std::find_if(migrations.begin(), migrations.end(), [&](const Migration& m) {
            return m.statements.contains(d.sql(Sql::RecountTaskCounts));
        });
        QVERIFY(migration != migrations.end());
        QVERIFY(migration->oldestCompatible < migration->version); // older builds keep working
        QSqlQuery query((*store)->database());
        QVERIFY2(query.exec(QStringLiteral("DELETE FROM %1").arg(d.tableName(QStringLiteral("task_counts")))),
                 qPrintable(query.lastError().text()));
        TD_TRY(uncounted, (*store)->countUnfinishedTasks());
        for (const StateCount& c : std::as_const(*uncounted))
            QCOMPARE(c.state, DisplayState::Running); // read off the state index, never counted by triggers
        QVERIFY2(query.exec(d.sql(Sql::RecountTaskCounts)), qPrintable(query.lastError().text()));
        TD_TRY(after, (*store)->countUnfinishedTasks());
        auto asMap = [](const QList<StateCount>& counts) {
            QMap<QPair<QString, QString>, qint64> map;
            for (const StateCount& c : counts)
                map[{c.queue, stateName(c.state)}] = c.count;
            return map;
        };
        QCOMPARE(asMap(*after), asMap(*before));
    }

    // The migration that counts per handler drops the counts and their triggers, makes them again and counts the
    // tasks: run whole (every statement of it, on each backend) over tasks of several handlers, the counts and the
    // handlers of waiting tasks are those of the rows, and the remade triggers keep them.
    void handlerCountsMigrationCountsEachHandler()
    {
        TestDatabase db;
        TD_TRY(store, db.open());
        const Dialect& d = (*store)->dialect();
        QList<EnqueueRequest> batch;
        for (int i = 0; i < 9; ++i) {
            EnqueueRequest r;
            r.handler = i % 3 == 0 ? QStringLiteral("mail") : QStringLiteral("report");
            r.queue = i % 2 ? QStringLiteral("a") : QStringLiteral("b");
            batch << r;
        }
        TD_VERIFY_OK((*store)->enqueueBatch(batch));
        ClaimRequest claim = claimBy(QStringLiteral("w"), 10);
        claim.handlers = {QStringLiteral("mail")};
        TD_TRY(claimed, (*store)->claim(claim));
        QCOMPARE(claimed->size(), 3);
        TD_VERIFY_OK((*store)->complete(claim.workerId,
                                        {Completion::of(claimed->at(0), RunOutcome::Failed, QStringLiteral("x"))}));
        TD_TRY(before, (*store)->countUnfinishedTasks());

        const QList<Migration> migrations = d.migrations();
        const auto migration = std::find_if(migrations.begin(), migrations.end(), [](const Migration& m) {
            return m.description.contains(QLatin1String("per handler"));
        });
        QVERIFY(migration != migrations.end());
        QCOMPARE(migration->oldestCompatible, migration->version); // older builds would fold away the handlers
        // Replayed on the current schema below: no later migration may change what it made, so builds of its
        // version must still work after every one of them.
        for (auto later = migration + 1; later != migrations.end(); ++later)
            QVERIFY2(later->oldestCompatible <= migration->version, qPrintable(later->description));
        QSqlQuery query((*store)->database());
        for (const QString& statement : migration->statements)
            QVERIFY2(query.exec(statement), qPrintable(statement + QLatin1String(": ") + query.lastError().text()));
        auto asMap = [](const QList<StateCount>& counts) {
            QMap<QPair<QString, QString>, qint64> map;
            for (const StateCount& c : counts)
                map[{c.queue, stateName(c.state)}] = c.count;
            return map;
        };
        TD_TRY(after, (*store)->countUnfinishedTasks());
        QCOMPARE(asMap(*after), asMap(*before));
        // One mail task waits to be retried, the reports wait; the two other mail tasks run.
        TD_TRY(handlers, (*store)->handlersWithoutWorker());
        QCOMPARE(*handlers, (QStringList{QStringLiteral("mail"), QStringLiteral("report")}));
        TD_VERIFY_OK((*store)->complete(claim.workerId,
                                        {Completion::of(claimed->at(1), RunOutcome::Succeeded, {}),
                                         Completion::of(claimed->at(2), RunOutcome::Succeeded, {})}));
        claim.handlers = {QStringLiteral("report")};
        TD_TRY(reports, (*store)->claim(claim));
        QCOMPARE(reports->size(), 6);
        TD_TRY(retrying, (*store)->handlersWithoutWorker());
        QCOMPARE(*retrying, QStringList{QStringLiteral("mail")});
    }

    void taskIdFloorMigrationRemembersTasksThatLeftRuns()
    {
        TestDatabase db;
        TD_TRY(store, db.open());
        const Dialect& d = (*store)->dialect();
        const QList<Migration> migrations = d.migrations();
        const auto migration = std::find_if(migrations.begin(), migrations.end(), [](const Migration& m) {
            return m.statements.join(QLatin1Char(' ')).contains(QLatin1String("task_id_floor"));
        });
        if (migration == migrations.end())
            QSKIP("this database's identity columns never give an id twice");
        QVERIFY(migration->oldestCompatible < migration->version); // older builds keep working

        // Tasks that ran and were deleted before the floor existed: their runs still name them.
        EnqueueRequest task;
        task.handler = QStringLiteral("h");
        TD_TRY(enqueued, (*store)->enqueueBatch({task, task, task}));
        const ClaimRequest claim = claimBy(QStringLiteral("w"), 10);
        TD_TRY(claimed, (*store)->claim(claim));
        QCOMPARE(claimed->size(), 3);
        QList<Completion> completions;
        for (const ClaimedTask& running : std::as_const(*claimed))
            completions << Completion::of(running, RunOutcome::Failed, QStringLiteral("x"));
        TD_VERIFY_OK((*store)->complete(claim.workerId, completions));
        const qint64 newest = enqueued->last().id;
        TD_TRY(deleted, (*store)->deleteTasks({enqueued->at(1).id, newest}));
        QCOMPARE(*deleted, qint64(2));

        // The schema as it stood before the migration, then the migration's statements.
        QSqlQuery query((*store)->database());
        for (const QString& undo : {QStringLiteral("DROP TRIGGER taskdeck_tasks_id_floor"),
                                    QStringLiteral("DROP TABLE taskdeck_task_id_floor")})
            QVERIFY2(query.exec(undo), qPrintable(query.lastError().text()));
        for (const QString& statement : migration->statements)
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text() + QLatin1String(": ") + statement));

        TD_TRY(single, (*store)->enqueue(task));
        QVERIFY2(single->id > newest, qPrintable(QStringLiteral("new id %1, deleted %2").arg(single->id).arg(newest)));
    }

    void incompatibleSchemaIsRefused()
    {
        TestDatabase db;
        {
            TD_TRY(store, db.open());
            const int binary = TaskStore::binaryVersionFor((*store)->dialect());
            QVERIFY(stampVersion(**store, binary + 2, binary + 1));
        }
        for (SchemaMode mode : {SchemaMode::Require, SchemaMode::CreateOrUpgrade}) {
            const auto store = db.open({}, mode);
            QVERIFY(!store.ok());
            QCOMPARE(store.error().code, ErrorCode::SchemaTooNew);
            QVERIFY2(store.error().message.contains(QLatin1String("upgrade TaskDeck")),
                     qPrintable(store.error().message));
        }
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestSchema)
#include "tst_schema.moc"
