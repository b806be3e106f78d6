// The database roles of resources/sql/<dialect>/roles.sql, on real servers: the script is applied as an
// administrator would, a login is made for each role, and each connects through TaskDeck's own locators. The
// database refuses what a role may not do; the store, the command line and the console say so plainly (the console
// goes read-only with the reason); and what a role is for works.

#include "app/ctl/CtlCommandLine.h"
#include "client/StoreClient.h"
#include "db/Dialect.h"
#include "db/SqlThreadGuard.h"
#include "models/TaskListModel.h"
#include "support/SqlScript.h"
#include "support/TestDatabase.h"
#include "ui/ConnectionPage.h"
#include "ui/TasksView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace taskdeck;
using namespace taskdeck::test;

namespace {

constexpr int kWait = 20'000;

bool isPostgres()
{
    return TestDatabase::backendName().startsWith(QLatin1String("postgresql"));
}

bool isMariaDb()
{
    return TestDatabase::backendName() == QLatin1String("mariadb-odbc");
}

QString scriptFolder()
{
    return isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("mariadb");
}

// Logins are server-wide: one per role and backend, so that backends sharing a server do not meet.
QString loginFor(const QString& role)
{
    return QStringLiteral("td_%1_%2")
        .arg(role, TestDatabase::backendName().replace(QLatin1Char('-'), QLatin1Char('_')));
}

template<typename T>
Status statusOf(const Result<T>& result)
{
    if (result)
        return {};
    return result.error();
}

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TaskStore> m_admin;

    Status execAsAdmin(const QString& sql)
    {
        QSqlQuery query(m_admin->database());
        if (!query.exec(sql))
            return makeError(ErrorCode::Database, sql.left(200) + QStringLiteral(": ") + query.lastError().text());
        return {};
    }

    // The administrator's steps: the shipped script, then a login holding the role.
    Status applyRolesAndLogins()
    {
        const QString script = readSourceFile(QStringLiteral("resources/sql/%1/roles.sql").arg(scriptFolder()));
        if (script.isEmpty())
            return makeError(ErrorCode::Io, QStringLiteral("roles.sql not found"));
        for (const QString& statement : splitSqlScript(script)) {
            if (auto s = execAsAdmin(statement); !s)
                return s;
        }
        const QString password = qEnvironmentVariable("TASKDECK_DB_PASSWORD");
        for (const QString& role : {QStringLiteral("reader"), QStringLiteral("producer"), QStringLiteral("operator"),
                                    QStringLiteral("worker")}) {
            const QString login = loginFor(role);
            QStringList steps;
            if (isPostgres()) {
                steps << QStringLiteral("DO $$ BEGIN CREATE ROLE %1 LOGIN PASSWORD '%2'; EXCEPTION"
                                        " WHEN duplicate_object OR unique_violation THEN NULL; END $$")
                             .arg(login, password)
                      << QStringLiteral("GRANT taskdeck_%1 TO %2").arg(role, login);
            } else {
                const QString account = QStringLiteral("'%1'@'127.0.0.1'").arg(login);
                steps << QStringLiteral("CREATE USER IF NOT EXISTS %1 IDENTIFIED BY '%2'").arg(account, password)
                      << QStringLiteral("GRANT taskdeck_%1 TO %2").arg(role, account)
                      << QStringLiteral("SET DEFAULT ROLE taskdeck_%1 FOR %2").arg(role, account);
            }
            for (const QString& step : std::as_const(steps)) {
                if (auto s = execAsAdmin(step); !s)
                    return s;
            }
        }
        return {};
    }

    // The test database's locator with the role's login in place of the administrator.
    Locator locatorFor(const QString& role) const
    {
        auto locator = Locator::parse(locatorTextFor(role));
        Q_ASSERT(locator);
        locator->setPassword(qEnvironmentVariable("TASKDECK_DB_PASSWORD"));
        return *locator;
    }

    Result<std::unique_ptr<TaskStore>> openAs(const QString& role)
    {
        return TaskStore::open(locatorFor(role), {}, SchemaMode::Require);
    }

    qint64 enqueueAsAdmin(const QString& handler = QStringLiteral("noop"))
    {
        EnqueueRequest request;
        request.handler = handler;
        auto added = m_admin->enqueue(request);
        return added ? added->id : -1;
    }

    struct CliRun
    {
        int code = 0;
        QString out;
        QString err;
    };

    CliRun ctlAs(const QString& role, QStringList args)
    {
        CliRun run;
        QTextStream out(&run.out);
        QTextStream err(&run.err);
        CtlCommandLine commandLine(out, err, nullptr);
        args.prepend(QStringLiteral("taskdeckctl"));
        args.insert(1, QStringLiteral("--db"));
        args.insert(2, locatorTextFor(role));
        run.code = commandLine.run(args);
        out.flush();
        err.flush();
        return run;
    }

    QString locatorTextFor(const QString& role) const
    {
        QString text = m_db->locatorText();
        static const QRegularExpression nativeUser(QStringLiteral("^postgresql://[^@/]*@"));
        static const QRegularExpression odbcUser(QStringLiteral("UID=[^;]*"),
                                                 QRegularExpression::CaseInsensitiveOption);
        text.replace(nativeUser, QStringLiteral("postgresql://%1@").arg(loginFor(role)));
        text.replace(odbcUser, QStringLiteral("UID=%1").arg(loginFor(role)));
        return text;
    }

    static void verifyRefused(const Status& status, const char* what)
    {
        QVERIFY2(!status, what);
        QVERIFY2(status.error().code == ErrorCode::PermissionDenied,
                 qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(what), status.error().message)));
        QVERIFY2(status.error().message.contains(QLatin1String("taskdeck_operator")),
                 qPrintable(status.error().message));
    }

private slots:
    void initTestCase()
    {
        if (!isPostgres() && !isMariaDb())
            QSKIP("roles are checked on PostgreSQL and MariaDB servers: SQLite has no database roles (the file's "
                  "permissions decide), and the SQL Server script is only parsed here (tst_tsql)");
    }

    void init()
    {
        TD_VERIFY_OK(openFresh(m_db, m_admin));
        TD_VERIFY_OK(applyRolesAndLogins());
    }

    void cleanup() { closeFresh(m_db, m_admin); }

    void readerReadsButChangesNothing()
    {
        const qint64 id = enqueueAsAdmin();
        QVERIFY(id > 0);
        TD_TRY(reader, openAs(QStringLiteral("reader")));
        TD_TRY(counts, (*reader)->countTasks());
        QCOMPARE(counts->size(), 1);
        TD_TRY(overview, (*reader)->countUnfinishedTasks()); // the counts the triggers keep
        QCOMPARE(overview->size(), 1);
        QCOMPARE(overview->first().count, 1);
        TD_TRY(details, (*reader)->task(id));
        QVERIFY(details->has_value());
        const QString refusal = (*reader)->probeWriteAccess();
        QVERIFY2(refusal.contains(loginFor(QStringLiteral("reader"))), qPrintable(refusal));

        verifyRefused(statusOf((*reader)->deleteTasks({id})), "delete");
        verifyRefused(statusOf((*reader)->cancelTasks({id})), "cancel");
        EnqueueRequest request;
        request.handler = QStringLiteral("noop");
        verifyRefused(statusOf((*reader)->enqueue(request)), "enqueue");
        verifyRefused((*reader)->setQueuePaused(QStringLiteral("default"), true), "pause");
        // Nothing changed.
        TD_TRY(after, m_admin->task(id));
        QVERIFY(after->has_value());
        QCOMPARE((*after)->task.state, TaskState::Pending);

        // The command line says it plainly and exits 1.
        const CliRun list = ctlAs(QStringLiteral("reader"), {QStringLiteral("list")});
        QVERIFY2(list.code == 0, qPrintable(list.err));
        const CliRun cancel = ctlAs(QStringLiteral("reader"), {QStringLiteral("cancel"), QString::number(id)});
        QCOMPARE(cancel.code, int(ExitCode::Error));
        QVERIFY2(cancel.err.contains(QLatin1String("does not allow")) &&
                     cancel.err.contains(QLatin1String("taskdeck_operator")),
                 qPrintable(cancel.err));
    }

    void operatorRunsTheQueueButDoesNotRunTasks()
    {
        const qint64 id = enqueueAsAdmin();
        TD_TRY(op, openAs(QStringLiteral("operator")));
        QCOMPARE((*op)->probeWriteAccess(), QString());
        EnqueueRequest request;
        request.handler = QStringLiteral("noop");
        TD_TRY(added, (*op)->enqueue(request));
        TD_TRY(batch, (*op)->enqueueBatch({request, request, request})); // one multi-row statement
        QCOMPARE(batch->size(), 3);
        TD_VERIFY_OK((*op)->setQueuePaused(QStringLiteral("default"), true));
        TD_VERIFY_OK((*op)->setQueuePaused(QStringLiteral("default"), false));
        TD_TRY(cancelled, (*op)->cancelTasks({id}));
        QCOMPARE(cancelled->cancelled, 1);
        TD_TRY(retried, (*op)->retryTasks({id}));
        QCOMPARE(*retried, 1);
        TD_TRY(deleted, (*op)->deleteTasks({added->id}));
        QCOMPARE(*deleted, 1);
        // The operator's changes moved the overview's counts, though it may not write them itself.
        TD_TRY(overview, m_admin->countUnfinishedTasks());
        QCOMPARE(overview->size(), 1);
        QCOMPARE(overview->first().state, DisplayState::Pending);
        QCOMPARE(overview->first().count, 4);
        TD_TRY(actions, m_admin->operatorActions());
        QVERIFY2(actions->size() >= 5, qPrintable(QString::number(actions->size())));
        QCOMPARE(actions->first().databaseUser.section(QLatin1Char('@'), 0, 0), loginFor(QStringLiteral("operator")));
        // Running tasks is the workers' role.
        WorkerInfo worker;
        worker.id = QStringLiteral("operator-as-worker");
        worker.host = QStringLiteral("test-host");
        worker.pid = QCoreApplication::applicationPid();
        worker.version = QStringLiteral(TASKDECK_VERSION_STRING);
        worker.handlers = {QStringLiteral("noop")};
        worker.startedAt = QDateTime::currentDateTimeUtc();
        verifyRefused((*op)->registerWorker(worker), "register a worker");
    }

    void workerClaimsCompletesAndFiresSchedulesButCannotOperate()
    {
        const qint64 id = enqueueAsAdmin();
        TD_TRY(worker, openAs(QStringLiteral("worker")));
        WorkerInfo info;
        info.id = QStringLiteral("role-worker");
        info.name = QStringLiteral("role-worker");
        info.host = QStringLiteral("test-host");
        info.pid = QCoreApplication::applicationPid();
        info.version = QStringLiteral(TASKDECK_VERSION_STRING);
        info.handlers = {QStringLiteral("noop")};
        info.concurrency = 2;
        info.startedAt = QDateTime::currentDateTimeUtc();
        TD_VERIFY_OK((*worker)->registerWorker(info));
        ClaimRequest claim;
        claim.workerId = info.id;
        claim.handlers = info.handlers;
        TD_TRY(claimed, (*worker)->claim(claim));
        QCOMPARE(claimed->size(), 1);
        TD_VERIFY_OK((*worker)->workerHeartbeat(info.id, 1, false));
        TD_TRY(extended, (*worker)->extendLeases(info.id, {id}, 30'000));
        Completion done;
        done.taskId = id;
        done.attempt = claimed->first().attempt;
        done.queue = claimed->first().queue;
        done.startedAt = QDateTime::currentDateTimeUtc();
        TD_TRY(report, (*worker)->complete(info.id, {done}));
        QCOMPARE(report->applied, QList<qint64>{id});
        TD_TRY(rescued, (*worker)->rescueExpiredLeases());
        EnqueueRequest followUp; // what schedules and event fan-out do: a batch in one statement
        followUp.handler = QStringLiteral("noop");
        followUp.queue = QStringLiteral("follow-up");
        TD_TRY(batch, (*worker)->enqueueBatch({followUp, followUp}));
        QCOMPARE(batch->size(), 2);
        TD_TRY(fired, (*worker)->fireDueSchedules());
        TD_TRY(pruned, (*worker)->prune(info.id));
        QVERIFY(pruned->tookTurn);
        TD_TRY(overview, m_admin->countUnfinishedTasks()); // the same after the worker folded them
        QCOMPARE(overview->size(), 1);
        QCOMPARE(overview->first().queue, QStringLiteral("follow-up"));
        QCOMPARE(overview->first().count, 2);
        TD_VERIFY_OK((*worker)->releaseMaintenance(info.id));
        TD_VERIFY_OK((*worker)->unregisterWorker(info.id));
        TD_TRY(after, m_admin->task(id));
        QCOMPARE((*after)->task.state, TaskState::Succeeded);
        // Operators' actions are not a worker's.
        verifyRefused((*worker)->setQueuePaused(QStringLiteral("default"), true), "pause");

        // And the real thing: taskdeckctl worker as this role drains what is there.
        const qint64 second = enqueueAsAdmin(QStringLiteral("echo"));
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("worker.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"handlers": {"echo": {"type": "builtin"}}})");
        config.close();
        const CliRun run =
            ctlAs(QStringLiteral("worker"),
                  {QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(), QStringLiteral("--drain")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        TD_TRY(echoed, m_admin->task(second));
        QCOMPARE((*echoed)->task.state, TaskState::Succeeded);
    }

    void producerOnlyReachesTheSqlApi()
    {
        const Locator producer = locatorFor(QStringLiteral("producer"));
        // No table of its own to read: the store cannot open for it.
        QVERIFY(!TaskStore::open(producer, {}, SchemaMode::Require));
        // The SQL API is its way in, from a plain connection as any client library would have.
        const QString connection = QStringLiteral("roles-producer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(producer.qtDriverName(), connection);
            if (producer.kind() == Locator::Kind::PostgreSql) {
                db.setHostName(producer.host());
                db.setPort(producer.port());
                db.setDatabaseName(producer.databaseName());
                db.setUserName(producer.userName());
            } else {
                db.setDatabaseName(producer.odbcConnectionString());
            }
            db.setPassword(producer.password());
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery call(db);
            const bool called = isPostgres()
                ? call.exec(QStringLiteral("SELECT taskdeck.enqueue('from.sql', '{\"order\": 7}')"))
                : call.exec(QStringLiteral(
                      "CALL taskdeck_enqueue('from.sql', '{\"order\": 7}', 'default', 0, NULL, 0, NULL, NULL, @id)"));
            QVERIFY2(called, qPrintable(call.lastError().text()));
            QSqlQuery direct(db);
            QVERIFY(!direct.exec(
                QStringLiteral("DELETE FROM %1").arg(m_admin->dialect().tableName(QStringLiteral("tasks")))));
            QVERIFY2(m_admin->dialect().isPermissionDenied(direct.lastError()), qPrintable(direct.lastError().text()));
            QSqlQuery read(db);
            QVERIFY(!read.exec(
                QStringLiteral("SELECT count(*) FROM %1").arg(m_admin->dialect().tableName(QStringLiteral("tasks")))));
            QVERIFY2(m_admin->dialect().isPermissionDenied(read.lastError()), qPrintable(read.lastError().text()));
        }
        QSqlDatabase::removeDatabase(connection);
        TD_TRY(counts, m_admin->countTasks());
        QCOMPARE(counts->size(), 1);
        TD_TRY(overview, m_admin->countUnfinishedTasks()); // counted although the producer may not write them
        QCOMPARE(overview->size(), 1);
        QCOMPARE(overview->first().count, 1);
    }

    void consoleIsReadOnlyForAReaderAndSaysWhy()
    {
        enqueueAsAdmin();
        // From here on the console's thread may not run a statement.
        SqlThreadGuard::guardThread(QThread::currentThread());
        auto unguard = qScopeGuard([] { SqlThreadGuard::guardThread(nullptr); });
        ConnectionPage::Options options;
        options.startLocalExecutor = false;
        ConnectionPage page(locatorFor(QStringLiteral("reader")), options);
        page.show();
        QTRY_COMPARE_WITH_TIMEOUT(page.client()->state(), ClientState::Connected, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(!page.client()->writeRefusal().isEmpty(), kWait);
        TasksView* tasks = page.tasksView();
        QTRY_COMPARE_WITH_TIMEOUT(tasks->model()->rowCount(), 1, kWait);
        tasks->table()->selectAll();
        for (const char* name : {"retry", "cancel", "delete", "enqueue", "allRetry", "allDelete"}) {
            QAction* action = tasks->action(QString::fromLatin1(name));
            QVERIFY2(!action->isEnabled(), name);
            QVERIFY2(action->toolTip().contains(loginFor(QStringLiteral("reader"))), qPrintable(action->toolTip()));
        }
        auto* pause = page.findChild<QAbstractButton*>(QStringLiteral("pauseQueue"));
        QVERIFY(pause && !pause->isEnabled());
        bool bannerSaysWhy = false;
        for (QLabel* label : page.findChildren<QLabel*>()) {
            if (label->isVisible() && label->text().contains(QLatin1String("taskdeck_operator")))
                bannerSaysWhy = true;
        }
        QVERIFY(bannerSaysWhy);
        QCOMPARE(SqlThreadGuard::countOnGuardedThread(), 0LL);
    }

    void consoleIsWritableForAnOperator()
    {
        ConnectionPage::Options options;
        options.startLocalExecutor = false;
        ConnectionPage page(locatorFor(QStringLiteral("operator")), options);
        QSignalSpy opened(page.client(), &StoreClient::opened);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kWait);
        QCOMPARE(page.client()->writeRefusal(), QString());
        QVERIFY(page.tasksView()->action(QStringLiteral("enqueue"))->isEnabled());
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    TestRoles test;
    return runBackendTest(test, argc, argv);
}

#include "tst_roles.moc"
