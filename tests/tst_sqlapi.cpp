// The SQL API called from plain SQL inside a business transaction, as an application in any language would.

#include "support/TestDatabase.h"

#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace taskdeck;
using namespace taskdeck::test;

namespace {
EnqueueRequest plain(const QString& handler)
{
    EnqueueRequest request;
    request.handler = handler;
    return request;
}

} // namespace

class TestSqlApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_store;

    // Text bound as a parameter (never spliced into the statement text), the way the driver stores it faithfully
    // (MariaDB's ODBC driver appends a NUL to a QString: see PLATFORM notes), or SQL NULL.
    QVariant text(const QString& value) const { return m_store->dialect().values().textValue(value); }

    bool isPostgres() const { return m_store->dialect().name() == QLatin1String("postgresql"); }
    bool isSqlServer() const { return m_store->dialect().name() == QLatin1String("sqlserver"); }
    // PostgreSQL functions and SQL Server procedures answer with a result set; MariaDB's with OUT variables.
    bool answersWithRows() const { return isPostgres() || isSqlServer(); }
    QString orders() const { return m_store->dialect().tableName(QStringLiteral("test_orders")); }

    // The application's own connection: a plain QSqlDatabase, as any client library would have.
    QSqlDatabase app() { return m_store->database(); }

    // The documented one-line call of each database. Returns the id, or -1 with the error in *error.
    qint64 callEnqueue(const QString& handler, const QString& payload, const QString& uniqueKey = {},
                       qint64 delayMs = 0, QString* error = nullptr)
    {
        QSqlQuery q(app());
        if (isPostgres()) {
            q.prepare(QStringLiteral("SELECT taskdeck.enqueue(handler => :h, payload => :p, delay_ms => :d,"
                                     " unique_key => :k)"));
        } else if (isSqlServer()) {
            q.prepare(QStringLiteral("EXEC taskdeck.enqueue @handler = :h, @payload = :p, @delay_ms = :d,"
                                     " @unique_key = :k"));
        } else {
            q.prepare(QStringLiteral("CALL taskdeck_enqueue(:h, :p, 'default', :d, NULL, 0, :k, NULL, @task_id)"));
        }
        q.bindValue(QStringLiteral(":h"), text(handler));
        q.bindValue(QStringLiteral(":p"), text(payload));
        q.bindValue(QStringLiteral(":d"), delayMs);
        q.bindValue(QStringLiteral(":k"), text(uniqueKey));
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            return -1;
        }
        if (!answersWithRows() && !q.exec(QStringLiteral("SELECT @task_id"))) {
            if (error)
                *error = q.lastError().text();
            return -1;
        }
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    bool insertOrder(int number)
    {
        QSqlQuery q(app());
        q.prepare(QStringLiteral("INSERT INTO %1 (number) VALUES (:n)").arg(orders()));
        q.bindValue(QStringLiteral(":n"), number);
        return q.exec();
    }

    qint64 count(const QString& table)
    {
        QSqlQuery q(app());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    QString status(qint64 id)
    {
        QSqlQuery q(app());
        q.prepare(answersWithRows() ? QStringLiteral("SELECT taskdeck.task_status(:id)")
                                    : QStringLiteral("SELECT taskdeck_task_status(:id)"));
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec() || !q.next())
            return QStringLiteral("error: ") + q.lastError().text();
        return q.value(0).isNull() ? QStringLiteral("NULL") : q.value(0).toString();
    }

private slots:
    void init()
    {
        TD_VERIFY_OK(openFresh(m_db, m_store));
        if (m_store->dialect().name() == QLatin1String("sqlite"))
            QSKIP("the embedded database has no SQL API: applications embed the C++ API (TaskStore::transaction)");
        QSqlQuery q(app());
        QVERIFY2(q.exec(QStringLiteral("CREATE TABLE %1 (number INTEGER NOT NULL)").arg(orders())),
                 qPrintable(q.lastError().text()));
    }
    void cleanup() { closeFresh(m_db, m_store); }

    void enqueueCommitsWithTheBusinessWriteOrNotAtAll()
    {
        QString lastError;
        QVERIFY(app().transaction());
        QVERIFY(insertOrder(1));
        const qint64 kept = callEnqueue(QStringLiteral("orders.cancel_unpaid"), QStringLiteral(R"({"order": 1})"), {},
                                        30 * 60'000, &lastError);
        QVERIFY2(kept > 0, qPrintable(lastError));
        QVERIFY(app().commit());
        TD_TRY(task, m_store->task(kept));
        QVERIFY(task->has_value());
        QCOMPARE((*task)->task.payload, QStringLiteral(R"({"order": 1})"));
        QCOMPARE((*task)->task.displayState, DisplayState::Scheduled);
        QCOMPARE((*task)->task.createdAt.msecsTo((*task)->task.runAt), 30 * 60'000);

        QVERIFY(app().transaction());
        QVERIFY(insertOrder(2));
        const qint64 dropped = callEnqueue(QStringLiteral("orders.cancel_unpaid"), QStringLiteral(R"({"order": 2})"));
        QVERIFY(dropped > kept);
        QVERIFY(app().rollback());
        TD_TRY(gone, m_store->task(dropped));
        QVERIFY(!gone->has_value());
        QCOMPARE(count(orders()), 1);
        QCOMPARE(status(dropped), QStringLiteral("NULL"));

        // A task enqueued from SQL runs like any other: claimed, completed, succeeded.
        QVERIFY(app().transaction());
        const qint64 now = callEnqueue(QStringLiteral("orders.confirm"), QStringLiteral(R"({"order": 3})"));
        QVERIFY(now > 0);
        QVERIFY(app().commit());
        ClaimRequest claim;
        claim.workerId = QStringLiteral("w");
        TD_TRY(claimed, m_store->claim(claim));
        QCOMPARE(claimed->size(), 1);
        QCOMPARE(claimed->first().id, now);
        QCOMPARE(claimed->first().handler, QStringLiteral("orders.confirm"));
        TD_VERIFY_OK(m_store->complete(claim.workerId, {Completion::of(claimed->first())}));
        QCOMPARE(status(now), QStringLiteral("succeeded"));
    }

    void duplicateKeyReturnsTheHolderWithoutAbortingTheTransaction()
    {
        QVERIFY(app().transaction());
        const qint64 first = callEnqueue(QStringLiteral("h"), {}, QStringLiteral("order-7-timeout"));
        QVERIFY(first > 0);
        const qint64 again = callEnqueue(QStringLiteral("h"), {}, QStringLiteral("order-7-timeout"));
        QCOMPARE(again, first);
        QVERIFY(insertOrder(7)); // the transaction still works
        QVERIFY(app().commit());
        QCOMPARE(count(orders()), 1);
        QCOMPARE(count(m_store->dialect().tableName(QStringLiteral("tasks"))), 1);
    }

    void invalidArgumentsSayWhich()
    {
        QString error;
        QCOMPARE(callEnqueue(QStringLiteral("h"), QStringLiteral("{broken"), {}, 0, &error), -1);
        QVERIFY2(error.contains(QLatin1String("payload is not valid JSON")), qPrintable(error));
        QCOMPARE(callEnqueue(QStringLiteral(" h"), {}, {}, 0, &error), -1);
        QVERIFY2(error.contains(QLatin1String("the handler must be")), qPrintable(error));
        QCOMPARE(count(m_store->dialect().tableName(QStringLiteral("tasks"))), 0);
    }

    void publishFansOutInTheCallersTransaction()
    {
        const QString event = QStringLiteral("order.created");
        for (const char* handler : {"stock.reserve", "loyalty.points", "notify.send"})
            TD_VERIFY_OK(m_store->subscribe({event, QString::fromLatin1(handler), QStringLiteral("default"), 0, {}}));
        for (bool commit : {false, true}) {
            QVERIFY(app().transaction());
            QVERIFY(insertOrder(commit ? 2 : 1));
            QSqlQuery q(app());
            if (isPostgres()) {
                q.prepare(QStringLiteral("SELECT id FROM taskdeck.publish(:e, :p) AS id"));
            } else if (isSqlServer()) {
                q.prepare(QStringLiteral("EXEC taskdeck.publish @event = :e, @payload = :p"));
            } else {
                q.prepare(QStringLiteral("CALL taskdeck_publish(:e, :p, @published)"));
            }
            q.bindValue(QStringLiteral(":e"), text(event));
            q.bindValue(QStringLiteral(":p"), text(QStringLiteral(R"({"order": 2})")));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            int published = 0;
            if (answersWithRows()) {
                while (q.next())
                    ++published;
            } else {
                QVERIFY(q.exec(QStringLiteral("SELECT @published")) && q.next());
                published = q.value(0).toInt();
            }
            QCOMPARE(published, 3);
            QVERIFY(commit ? app().commit() : app().rollback());
        }
        QCOMPARE(count(m_store->dialect().tableName(QStringLiteral("tasks"))), 3);
        QCOMPARE(count(orders()), 1);
    }

    void cancelByKeyAndStatus()
    {
        EnqueueRequest timeout = plain(QStringLiteral("orders.cancel_unpaid"));
        timeout.uniqueKey = QStringLiteral("order-9");
        timeout.delayMs = 30 * 60'000;
        TD_TRY(enqueued, m_store->enqueue(timeout));
        QCOMPARE(status(enqueued->id), QStringLiteral("pending"));
        // The order was paid: cancel its timeout task, in the payment's transaction.
        QVERIFY(app().transaction());
        QSqlQuery q(app());
        if (isPostgres()) {
            q.prepare(QStringLiteral("SELECT taskdeck.cancel_by_key(:k)"));
        } else if (isSqlServer()) {
            q.prepare(QStringLiteral("EXEC taskdeck.cancel_by_key @unique_key = :k"));
        } else {
            q.prepare(QStringLiteral("CALL taskdeck_cancel_by_key(:k, @cancelled)"));
        }
        q.bindValue(QStringLiteral(":k"), text(QStringLiteral("order-9")));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        if (!answersWithRows())
            QVERIFY(q.exec(QStringLiteral("SELECT @cancelled")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(app().commit());
        QCOMPARE(status(enqueued->id), QStringLiteral("cancelled"));

        // Succeeded and removed at once (retention 0) still reads as succeeded; an unknown id as NULL.
        RetentionSettings retention;
        retention.succeededMs = 0;
        TD_VERIFY_OK(m_store->setRetention(retention));
        TD_TRY(quick, m_store->enqueue(plain(QStringLiteral("h"))));
        ClaimRequest claim;
        claim.workerId = QStringLiteral("w");
        TD_TRY(claimed, m_store->claim(claim));
        QCOMPARE(claimed->size(), 1);
        TD_VERIFY_OK(m_store->complete(claim.workerId, {Completion::of(claimed->first())}));
        TD_TRY(row, m_store->task(quick->id));
        QVERIFY(!row->has_value());
        QCOMPARE(status(quick->id), QStringLiteral("succeeded"));
        QCOMPARE(status(987654321), QStringLiteral("NULL"));
    }

    void postgresFunctionsAreSecurityDefinerWithPinnedSearchPath()
    {
        if (!isPostgres())
            QSKIP("PostgreSQL only");
        QSqlQuery q(app());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT p.proname, p.prosecdef, array_to_string(p.proconfig, ',') FROM pg_proc p"
            " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'taskdeck' ORDER BY p.proname")));
        int functions = 0;
        while (q.next()) {
            ++functions;
            QVERIFY2(q.value(1).toBool(), qPrintable(q.value(0).toString()));
            QCOMPARE(q.value(2).toString(), QStringLiteral("search_path=pg_catalog, pg_temp"));
        }
        QCOMPARE(functions, 5); // the SQL API's four and the trigger function that keeps the overview's counts
    }

    // The insert wakes listening workers when the caller commits (native driver: LISTEN/NOTIFY).
    void enqueueNotifiesListenersOnCommit()
    {
        if (m_store->locator().kind() != Locator::Kind::PostgreSql)
            QSKIP("notifications reach workers through the native PostgreSQL driver only");
        TD_TRY(listener, m_db->openTaskListener());
        QSignalSpy notified((*listener)->database().driver(), &QSqlDriver::notification);
        QVERIFY(app().transaction());
        QVERIFY(callEnqueue(QStringLiteral("h"), {}) > 0);
        QVERIFY(app().commit());
        QVERIFY(notified.wait(10'000));
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestSqlApi)
#include "tst_sqlapi.moc"
