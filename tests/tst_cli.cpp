#include "app/ctl/CtlCommandLine.h"
#include "support/SecretScan.h"
#include "support/TestDatabase.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/types.h>
#endif

using namespace taskdeck;
using namespace taskdeck::test;

namespace {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

CliRun runInProcess(const QStringList& args, const QByteArray& input = {})
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    QBuffer in;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    CtlCommandLine commandLine(out, err, &in);
    run.code = commandLine.run(QStringList{QStringLiteral("taskdeckctl")} + args);
    out.flush();
    err.flush();
    return run;
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TASKDECK_DB"));
    return env;
}

CliRun runProcess(const QStringList& args, const QByteArray& input = {},
                  const QProcessEnvironment& env = cleanEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(TASKDECKCTL_PATH), args);
    CliRun run;
    if (!process.waitForStarted(30'000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120'000))
        return run;
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QJsonObject parseJson(const QString& text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QStringList args(std::initializer_list<const char*> items)
{
    QStringList list;
    for (const char* item : items)
        list << QString::fromUtf8(item);
    return list;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    QStringList db() const { return {QStringLiteral("--db"), m_db->locatorText()}; }

    CliRun ctl(const QStringList& args, const QByteArray& input = {}) { return runInProcess(db() + args, input); }

    qint64 enqueueId(const QStringList& args)
    {
        const CliRun run = ctl(QStringList{QStringLiteral("enqueue")} + args);
        return run.code == 0 ? run.out.trimmed().toLongLong() : -1;
    }

    qint64 taskCount()
    {
        auto store = m_db->open();
        if (!store)
            return -1;
        auto counts = (*store)->countTasks();
        qint64 total = 0;
        for (const StateCount& c : std::as_const(*counts))
            total += c.count;
        return total;
    }

    // Claims every ready task (of one queue, if given) and completes each with outcome, as a worker would.
    // Returns how many were completed, or -1.
    int finishAll(RunOutcome outcome, bool retryable = true, const QString& queue = {})
    {
        auto store = m_db->open();
        if (!store)
            return -1;
        ClaimRequest request{QStringLiteral("test-worker"), {}, {}, 1000, 30'000};
        if (!queue.isEmpty())
            request.queues = {queue};
        auto claimed = (*store)->claim(request);
        if (!claimed)
            return -1;
        QList<Completion> completions;
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            Completion c = Completion::of(task, outcome, QStringLiteral("handler said no"));
            c.retryable = retryable;
            completions << c;
        }
        auto report = (*store)->complete(QStringLiteral("test-worker"), completions);
        return report ? int(report->applied.size()) : -1;
    }

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        const CliRun run = ctl({QStringLiteral("init")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QLatin1String("schema version")));
    }

    void cleanup() { m_db.reset(); }

    void usageErrorsWriteNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << args({});
        QTest::newRow("unknown command") << args({"frobnicate"});
        QTest::newRow("unknown global option") << args({"--bogus", "list"});
        QTest::newRow("enqueue without handler") << args({"enqueue"});
        QTest::newRow("explain without id") << args({"explain"});
        QTest::newRow("explain not an id") << args({"explain", "1; DROP TABLE x"});
        QTest::newRow("enqueue two handlers") << args({"enqueue", "a", "b"});
        QTest::newRow("enqueue unknown option") << args({"enqueue", "h", "--colour", "red"});
        QTest::newRow("enqueue bad priority") << args({"enqueue", "h", "--priority", "high"});
        QTest::newRow("enqueue bad delay") << args({"enqueue", "h", "--delay", "5x"});
        QTest::newRow("enqueue delay and run-at")
            << args({"enqueue", "h", "--delay", "1s", "--run-at", "2030-01-01T00:00:00Z"});
        QTest::newRow("enqueue bad run-at") << args({"enqueue", "h", "--run-at", "tomorrow"});
        QTest::newRow("enqueue bad json") << args({"enqueue", "h", "--payload", "{oops"});
        QTest::newRow("enqueue missing payload file") << args({"enqueue", "h", "--payload", "@/nonexistent/p.json"});
        QTest::newRow("enqueue zero attempts") << args({"enqueue", "h", "--max-attempts", "0"});
        QTest::newRow("enqueue spaced queue") << args({"enqueue", "h", "--queue", " q"});
        QTest::newRow("enqueue option without value") << args({"enqueue", "h", "--queue"});
        QTest::newRow("status without id") << args({"status"});
        QTest::newRow("status bad id") << args({"status", "abc"});
        QTest::newRow("status timeout without wait") << args({"status", "1", "--timeout", "1s"});
        QTest::newRow("list bad state") << args({"list", "--state", "sleeping"});
        QTest::newRow("list bad limit") << args({"list", "--limit", "0"});
        QTest::newRow("list bad sort") << args({"list", "--sort", "payload"});
        QTest::newRow("list bad cursor") << args({"list", "--after", "not-a-cursor"});
        QTest::newRow("retry nothing") << args({"retry"});
        QTest::newRow("retry ids and filter") << args({"retry", "1", "--state", "failed"});
        QTest::newRow("retry pending") << args({"retry", "--state", "pending"});
        QTest::newRow("retry bad id") << args({"retry", "x1"});
        QTest::newRow("delete queue without state") << args({"delete", "--queue", "q"});
        QTest::newRow("cancel nothing") << args({"cancel"});
        QTest::newRow("cancel ids and key") << args({"cancel", "1", "--unique-key", "k"});
        QTest::newRow("stats bad since") << args({"stats", "--since", "forever"});
        QTest::newRow("db without value") << args({"--db"});
        QTest::newRow("bad locator") << args({"--db", "mysql://u@h/db", "list"});
        QTest::newRow("worker without config") << args({"worker", "--drain"});
        QTest::newRow("worker missing config") << args({"worker", "--config", "/nonexistent/worker.json"});
        QTest::newRow("worker once and drain") << args({"worker", "--config", "x.json", "--once", "--drain"});
        QTest::newRow("worker bad concurrency") << args({"worker", "--config", "x.json", "--concurrency", "0"});
        QTest::newRow("queue without action") << args({"queue"});
        QTest::newRow("queue unknown action") << args({"queue", "drop", "q"});
        QTest::newRow("queue pause without name") << args({"queue", "pause"});
        QTest::newRow("queue set without settings") << args({"queue", "set", "q"});
        QTest::newRow("queue list with setting") << args({"queue", "list", "--concurrency", "3"});
        QTest::newRow("queue bad backoff") << args({"queue", "set", "q", "--backoff", "5s"});
        QTest::newRow("queue bad name") << args({"queue", "pause", " q"});
        QTest::newRow("schedule without action") << args({"schedule"});
        QTest::newRow("schedule add without cron") << args({"schedule", "add", "n", "h"});
        QTest::newRow("schedule add bad cron") << args({"schedule", "add", "n", "h", "--cron", "* *"});
        QTest::newRow("schedule add bad zone")
            << args({"schedule", "add", "n", "h", "--cron", "@daily", "--tz", "Nowhere/City"});
        QTest::newRow("schedule add bad missed")
            << args({"schedule", "add", "n", "h", "--cron", "@daily", "--missed", "later"});
        QTest::newRow("schedule add bad payload")
            << args({"schedule", "add", "n", "h", "--cron", "@daily", "--payload", "{x"});
        QTest::newRow("schedule add never fires") << args({"schedule", "add", "n", "h", "--cron", "0 0 31 2 *"});
        QTest::newRow("schedule list with cron") << args({"schedule", "list", "--cron", "@daily"});
        QTest::newRow("schedule enable without name") << args({"schedule", "enable"});
        QTest::newRow("subscribe one argument") << args({"subscribe", "e"});
        QTest::newRow("subscribe bad queue") << args({"subscribe", "e", "h", "--queue", " q"});
        QTest::newRow("publish without event") << args({"publish"});
        QTest::newRow("publish bad payload") << args({"publish", "e", "--payload", "{x"});
        QTest::newRow("retention set without ages") << args({"retention", "set"});
        QTest::newRow("retention show with age") << args({"retention", "show", "--runs", "1d"});
        QTest::newRow("retention bad duration") << args({"retention", "set", "--runs", "soon"});
        QTest::newRow("retention unknown action") << args({"retention", "purge"});
        QTest::newRow("audit bad limit") << args({"audit", "--limit", "0"});
        QTest::newRow("search-index unknown action") << args({"search-index", "rebuild"});
        QTest::newRow("search-index two actions") << args({"search-index", "create", "drop"});
        QTest::newRow("agent without action") << args({"agent"});
        QTest::newRow("agent show without name") << args({"agent", "show"});
        QTest::newRow("agent list with since") << args({"agent", "list", "--since", "1h"});
        QTest::newRow("agent bad state") << args({"agent", "list", "--state", "sleeping"});
        QTest::newRow("init with an argument") << args({"init", "now"});
        QTest::newRow("demo without tasks") << args({"demo", "--tasks", "0"});
        QTest::newRow("unsubscribe without handler") << args({"unsubscribe", "order.created"});
        QTest::newRow("subscriptions of two events") << args({"subscriptions", "a", "b"});
        QTest::newRow("delete ids and state") << args({"delete", "1", "--state", "failed"});
        QTest::newRow("delete bad id") << args({"delete", "x1"});
        QTest::newRow("stats with an argument") << args({"stats", "now"});
        QTest::newRow("worker on another platform's service")
            << args({"worker", "--config", "w.json", "--service", "x"});
    }

    void usageErrorsWriteNothing()
    {
        QFETCH(QStringList, arguments);
        // --db comes first so that its own errors win; a later --db would override it.
        const bool ownDb = arguments.contains(QStringLiteral("--db"));
        const CliRun run = ownDb ? runInProcess(arguments) : ctl(arguments);
        QCOMPARE(run.code, int(ExitCode::Usage));
        if (!arguments.isEmpty())
            QVERIFY2(run.err.startsWith(QLatin1String("taskdeckctl")), qPrintable(run.err));
        QCOMPARE(taskCount(), qint64(0));
        auto store = m_db->open();
        QVERIFY(store);
        auto schedules = (*store)->schedules();
        QVERIFY(schedules && schedules->isEmpty());
        auto subscriptions = (*store)->subscriptions();
        QVERIFY(subscriptions && subscriptions->isEmpty());
    }

    void agentModeSaysItNeedsSqlServer()
    {
        const CliRun run = ctl(args({"agent", "list"}));
        if (TestDatabase::backendName().startsWith(QLatin1String("sqlserver")))
            QSKIP("this backend is SQL Server");
        QCOMPARE(run.code, int(ExitCode::Error));
        QVERIFY2(run.err.contains(QLatin1String("is not a SQL Server database")), qPrintable(run.err));
    }

    void schedulesEventsRetentionAndAudit()
    {
        CliRun run = ctl(args({"schedule", "add", "nightly", "reports.export", "--cron", "30 2 * * *", "--tz",
                               "Asia/Shanghai", "--payload", "{\"report\": \"sales\"}", "--missed", "skip"}));
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("02:30:00 UTC+08:00")), qPrintable(run.out));
        run = ctl(args({"schedule", "list", "--json"}));
        QCOMPARE(run.code, 0);
        const QJsonArray schedules = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"schedules").toArray();
        QCOMPARE(schedules.size(), 1);
        QCOMPARE(schedules.first().toObject().value(u"time_zone").toString(), QStringLiteral("Asia/Shanghai"));
        QCOMPARE(schedules.first().toObject().value(u"missed").toString(), QStringLiteral("skip"));
        QVERIFY(schedules.first().toObject().value(u"next_run_at").isString());
        run = ctl(args({"schedule", "run-now", "nightly"}));
        QCOMPARE(run.code, 0);
        const qint64 nightlyTask = run.out.trimmed().toLongLong();
        QVERIFY(nightlyTask > 0);
        QCOMPARE(ctl(args({"schedule", "disable", "nightly"})).code, 0);
        run = ctl(args({"schedule", "remove", "nosuch"}));
        QCOMPARE(run.code, int(ExitCode::Error));
        QVERIFY(run.err.contains(QLatin1String("no schedule named 'nosuch'")));

        QCOMPARE(ctl(args({"subscribe", "order.created", "stock.reserve", "--queue", "stock"})).code, 0);
        QCOMPARE(ctl(args({"subscribe", "order.created", "loyalty.points"})).code, 0);
        run = ctl(args({"publish", "order.created", "--payload", "{\"order\": 1}"}));
        QCOMPARE(run.code, 0);
        const QStringList ids = run.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(ids.size(), 2);
        QCOMPARE(taskCount(), qint64(3));
        run = ctl(args({"publish", "order.refunded"}));
        QCOMPARE(run.code, 0);
        QVERIFY(run.err.contains(QLatin1String("no handler subscribes")));
        run = ctl(args({"unsubscribe", "order.created", "nobody"}));
        QCOMPARE(run.code, int(ExitCode::Error));
        QVERIFY(run.err.contains(QLatin1String("not subscribed")));

        // Retention 0, as the seed design deletes on success: status still tells success from "never existed".
        QCOMPARE(ctl(args({"retention", "set", "--succeeded", "0"})).code, 0);
        QVERIFY(ctl(args({"retention"})).out.contains(QLatin1String("removed at once")));
        QCOMPARE(finishAll(RunOutcome::Succeeded), 3);
        QCOMPARE(taskCount(), qint64(0));
        run = ctl({QStringLiteral("status"), ids.first()});
        QCOMPARE(run.code, int(ExitCode::Ok));
        QVERIFY(run.out.contains(QLatin1String("succeeded and cleaned up")));
        QCOMPARE(ctl({QStringLiteral("status"), QStringLiteral("424242")}).code, int(ExitCode::NoSuchTask));
        run = ctl(args({"retention", "prune"}));
        QVERIFY2(run.code == 0, qPrintable(run.err));

        run = ctl(args({"audit", "--json"}));
        QCOMPARE(run.code, 0);
        QStringList actions;
        for (const QJsonValue& entry : QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"actions").toArray())
            actions.prepend(entry.toObject().value(u"action").toString());
        QCOMPARE(actions,
                 QStringList({QStringLiteral("schedule add"), QStringLiteral("schedule run-now"),
                              QStringLiteral("schedule disable"), QStringLiteral("subscribe"),
                              QStringLiteral("subscribe"), QStringLiteral("retention")}));
        run = ctl(args({"audit"}));
        QVERIFY(run.out.contains(QLatin1String("schedule run-now")));
        QVERIFY(run.out.contains(QLatin1String("nightly: task ") + QString::number(nightlyTask)));
    }

    void searchIndexCommand()
    {
        auto indexed = [this] {
            const CliRun run = ctl(args({"search-index", "--json"}));
            return run.code == 0 ? QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"search_index")
                                 : QJsonValue();
        };
        QCOMPARE(indexed(), QJsonValue(false));
        CliRun run = ctl(args({"search-index", "create"}));
        auto store = m_db->open();
        QVERIFY(store.ok());
        if ((*store)->dialect().searchIndexSql().createSteps.isEmpty()) {
            QCOMPARE(run.code, int(ExitCode::Error));
            QVERIFY2(run.err.contains(QLatin1String("no index for literal text search")), qPrintable(run.err));
            QCOMPARE(indexed(), QJsonValue(false));
            return;
        }
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QLatin1String("in place")));
        QCOMPARE(indexed(), QJsonValue(true));
        run = ctl(args({"search-index", "drop"}));
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QLatin1String("none")));
        QCOMPARE(indexed(), QJsonValue(false));
    }

    void enqueueAndStatusExitCodes()
    {
        const qint64 id = enqueueId({QStringLiteral("email.send"), QStringLiteral("--payload"),
                                     QStringLiteral("{\"to\": \"a@example.com\"}"), QStringLiteral("--priority"),
                                     QStringLiteral("-5"), QStringLiteral("--queue"), QStringLiteral("mail")});
        QVERIFY(id > 0);
        CliRun status = ctl({QStringLiteral("status"), QString::number(id)});
        QCOMPARE(status.code, int(ExitCode::NotFinished));
        QVERIFY(status.out.contains(QLatin1String("pending")));
        QVERIFY(status.out.contains(QLatin1String("priority -5")));

        status = ctl({QStringLiteral("status"), QString::number(id), QStringLiteral("--wait"),
                      QStringLiteral("--timeout"), QStringLiteral("150ms")});
        QCOMPARE(status.code, int(ExitCode::NotFinished));
        QVERIFY(status.err.contains(QLatin1String("not finished")));

        QCOMPARE(finishAll(RunOutcome::Succeeded), 1);
        status = ctl({QStringLiteral("status"), QString::number(id)});
        QCOMPARE(status.code, int(ExitCode::Ok));
        QVERIFY(status.out.contains(QLatin1String("succeeded")));

        const qint64 doomed = enqueueId({QStringLiteral("email.send")});
        QCOMPARE(finishAll(RunOutcome::Failed, false), 1);
        status = ctl({QStringLiteral("status"), QString::number(doomed)});
        QCOMPARE(status.code, int(ExitCode::TaskFailed));
        QVERIFY(status.out.contains(QLatin1String("handler said no")));

        status = ctl({QStringLiteral("status"), QStringLiteral("987654")});
        QCOMPARE(status.code, int(ExitCode::NoSuchTask));
    }

    // explain: the reasons as sentences, or as codes and texts in JSON; an unknown id has its own exit code.
    void explainSaysWhyATaskIsNotRunning()
    {
        const qint64 later = enqueueId({QStringLiteral("email.send"), QStringLiteral("--delay"), QStringLiteral("1h")});
        QVERIFY(later > 0);
        CliRun run = ctl({QStringLiteral("explain"), QString::number(later)});
        QCOMPARE(run.code, int(ExitCode::Ok));
        QVERIFY2(run.out.contains(QLatin1String("It is scheduled for")), qPrintable(run.out));
        const qint64 ready = enqueueId({QStringLiteral("email.send")});
        run = ctl({QStringLiteral("explain"), QString::number(ready), QStringLiteral("--json")});
        QCOMPARE(run.code, int(ExitCode::Ok));
        const QJsonObject answer = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(answer.value(u"state").toString(), QStringLiteral("pending"));
        QCOMPARE(answer.value(u"reasons").toArray().first().toObject().value(u"code").toString(),
                 QStringLiteral("no_worker"));
        QCOMPARE(finishAll(RunOutcome::Failed, false), 1);
        run = ctl({QStringLiteral("explain"), QString::number(ready)});
        QVERIFY2(run.out.contains(QLatin1String("failed for good")) &&
                     run.out.contains(QLatin1String("handler said no")),
                 qPrintable(run.out));
        run = ctl({QStringLiteral("explain"), QStringLiteral("987654")});
        QCOMPARE(run.code, int(ExitCode::NoSuchTask));
        QVERIFY(run.err.contains(QLatin1String("no task 987654")));
    }

    void statusWaitReturnsWhenTheTaskFinishes()
    {
        const qint64 id = enqueueId({QStringLiteral("report.export")});
        QProcess waiter;
        waiter.setProcessEnvironment(cleanEnvironment());
        waiter.start(QStringLiteral(TASKDECKCTL_PATH),
                     db() +
                         QStringList{QStringLiteral("status"), QString::number(id), QStringLiteral("--wait"),
                                     QStringLiteral("--timeout"), QStringLiteral("2m")});
        QVERIFY(waiter.waitForStarted());
        QCOMPARE(finishAll(RunOutcome::Succeeded), 1);
        QVERIFY(waiter.waitForFinished(120'000));
        QCOMPARE(waiter.exitCode(), int(ExitCode::Ok));
        QVERIFY(QString::fromUtf8(waiter.readAllStandardOutput()).contains(QLatin1String("succeeded")));
    }

    void uniqueKeyReportsExistingTask()
    {
        const QStringList args{QStringLiteral("h"), QStringLiteral("--unique-key"), QStringLiteral("order-1")};
        const qint64 first = enqueueId(args);
        const CliRun again = ctl(QStringList{QStringLiteral("enqueue")} + args);
        QCOMPARE(again.code, 0);
        QCOMPARE(again.out.trimmed().toLongLong(), first);
        QVERIFY(again.err.contains(QLatin1String("already exists")));
        const CliRun json = ctl(QStringList{QStringLiteral("enqueue")} + args + QStringList{QStringLiteral("--json")});
        const QJsonObject o = parseJson(json.out);
        QCOMPARE(o.value(u"id").toInteger(), first);
        QCOMPARE(o.value(u"created").toBool(true), false);

        CliRun cancel = ctl({QStringLiteral("cancel"), QStringLiteral("--unique-key"), QStringLiteral("order-1")});
        QCOMPARE(cancel.code, 0);
        QVERIFY(cancel.out.contains(QLatin1String("cancelled 1")));
        cancel = ctl({QStringLiteral("cancel"), QStringLiteral("--unique-key"), QStringLiteral("order-2")});
        QCOMPARE(cancel.code, int(ExitCode::NoSuchTask));
    }

    void readingCommandsPrintJson()
    {
        const qint64 id = enqueueId({QStringLiteral("h"), QStringLiteral("--payload"), QStringLiteral("[1,2]"),
                                     QStringLiteral("--delay"), QStringLiteral("5m")});
        QVERIFY(id > 0);
        QJsonObject status =
            parseJson(ctl({QStringLiteral("status"), QString::number(id), QStringLiteral("--json")}).out);
        QCOMPARE(status.value(u"id").toInteger(), id);
        QCOMPARE(status.value(u"display_state").toString(), QStringLiteral("scheduled"));
        QCOMPARE(status.value(u"payload").toString(), QStringLiteral("[1,2]"));
        QVERIFY(status.value(u"runs").isArray());
        QVERIFY(status.value(u"run_at").toString().endsWith(QLatin1Char('Z')));

        const QJsonObject list = parseJson(ctl({QStringLiteral("list"), QStringLiteral("--json")}).out);
        QCOMPARE(list.value(u"tasks").toArray().size(), 1);
        QVERIFY(list.value(u"next_cursor").isNull());

        const QJsonObject stats = parseJson(ctl({QStringLiteral("stats"), QStringLiteral("--json")}).out);
        QCOMPARE(stats.value(u"totals").toObject().value(u"scheduled").toInteger(), qint64(1));
        QCOMPARE(stats.value(u"counts").toObject().value(u"default").toObject().value(u"scheduled").toInteger(),
                 qint64(1));

        const QJsonObject init = parseJson(ctl({QStringLiteral("init"), QStringLiteral("--json")}).out);
        QVERIFY(init.value(u"schema_version").toInt() >= 1);
    }

    void listPagesWithCursors()
    {
        QSet<qint64> enqueued;
        for (int i = 0; i < 7; ++i)
            enqueued.insert(enqueueId({QStringLiteral("h%1").arg(i % 2)}));
        QSet<qint64> listed;
        QStringList args{QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("3")};
        static const QRegularExpression cursor(QStringLiteral("--after (\\S+)"));
        for (int page = 0; page < 5; ++page) {
            const CliRun run = ctl(args);
            QCOMPARE(run.code, 0);
            const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (const QString& line : lines.mid(1))
                listed.insert(line.trimmed().section(QLatin1Char(' '), 0, 0).toLongLong());
            const auto match = cursor.match(run.err);
            if (!match.hasMatch())
                break;
            args = QStringList{QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("3"),
                               QStringLiteral("--after"), match.captured(1)};
        }
        QCOMPARE(listed, enqueued);

        const CliRun filtered =
            ctl({QStringLiteral("list"), QStringLiteral("--handler"), QStringLiteral("h1"), QStringLiteral("--json")});
        QCOMPARE(parseJson(filtered.out).value(u"tasks").toArray().size(), 3);
    }

    // --csv takes every page; --output writes a file that appears whole.
    void listAsCsv()
    {
        QSet<qint64> enqueued;
        for (int i = 0; i < 7; ++i)
            enqueued.insert(enqueueId({QStringLiteral("h%1").arg(i % 2)}));
        const CliRun run =
            ctl({QStringLiteral("list"), QStringLiteral("--csv"), QStringLiteral("--limit"), QStringLiteral("3")});
        QCOMPARE(run.code, 0);
        QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.value(0).startsWith(QLatin1String("id,state,queue,handler,")), qPrintable(run.out));
        QSet<qint64> listed;
        for (const QString& line : lines.mid(1))
            listed.insert(line.section(QLatin1Char(','), 0, 0).toLongLong());
        QCOMPARE(listed, enqueued);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tasks.csv"));
        const CliRun toFile = ctl({QStringLiteral("list"), QStringLiteral("--csv"), QStringLiteral("--handler"),
                                   QStringLiteral("h1"), QStringLiteral("--output"), path});
        QCOMPARE(toFile.code, 0);
        QVERIFY2(toFile.err.contains(QLatin1String("exported 3 tasks")), qPrintable(toFile.err));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 4);

        const CliRun misuse = ctl({QStringLiteral("list"), QStringLiteral("--output"), path});
        QVERIFY(misuse.code != 0);
        QVERIFY2(misuse.err.contains(QLatin1String("--output goes with --csv")), qPrintable(misuse.err));
    }

    void bulkActionsByFilter()
    {
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i)
            ids << enqueueId({QStringLiteral("h"), QStringLiteral("--queue"), QStringLiteral("q"),
                              QStringLiteral("--max-attempts"), QStringLiteral("1")});
        const qint64 other = enqueueId({QStringLiteral("h"), QStringLiteral("--queue"), QStringLiteral("other")});
        QCOMPARE(finishAll(RunOutcome::Failed, true, QStringLiteral("q")), 4);

        CliRun retry = ctl({QStringLiteral("retry"), QStringLiteral("--state"), QStringLiteral("failed"),
                            QStringLiteral("--queue"), QStringLiteral("q")});
        QCOMPARE(retry.code, 0);
        QVERIFY2(retry.out.contains(QLatin1String("retried 4 of 4")), qPrintable(retry.out));

        // Retried tasks have used attempts, so they show as retrying.
        const CliRun removed =
            ctl({QStringLiteral("delete"), QStringLiteral("--state"), QStringLiteral("pending,retrying"),
                 QStringLiteral("--queue"), QStringLiteral("q"), QStringLiteral("--json")});
        QCOMPARE(removed.code, 0);
        QCOMPARE(parseJson(removed.out).value(u"deleted").toInteger(), qint64(4));
        QCOMPARE(taskCount(), qint64(1));
        QCOMPARE(ctl({QStringLiteral("status"), QString::number(other)}).code, int(ExitCode::NotFinished));

        const CliRun byId = ctl({QStringLiteral("delete"), QString::number(other)});
        QVERIFY(byId.out.contains(QLatin1String("deleted 1 of 1")));
    }

    void payloadFromFileAndStandardInput()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("payload.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"from\": \"file\", \"text\": \"\xe8\xae\xa2\xe5\x8d\x95\"}");
        file.close();
        const qint64 fromFile =
            enqueueId({QStringLiteral("h"), QStringLiteral("--payload"), QLatin1Char('@') + file.fileName()});
        QVERIFY(fromFile > 0);
        QJsonObject status =
            parseJson(ctl({QStringLiteral("status"), QString::number(fromFile), QStringLiteral("--json")}).out);
        QVERIFY(status.value(u"payload").toString().contains(QString::fromUtf8("订单")));

        const CliRun viaProcess = runProcess(db() +
                                                 QStringList{QStringLiteral("enqueue"), QStringLiteral("h"),
                                                             QStringLiteral("--payload"), QStringLiteral("-")},
                                             "{\"from\": \"stdin\"}");
        QCOMPARE(viaProcess.code, 0);
        const qint64 fromStdin = viaProcess.out.trimmed().toLongLong();
        status = parseJson(ctl({QStringLiteral("status"), QString::number(fromStdin), QStringLiteral("--json")}).out);
        QCOMPARE(status.value(u"payload").toString(), QStringLiteral("{\"from\": \"stdin\"}"));
    }

    void processExitCodesAndEnvironmentLocator()
    {
        CliRun version = runProcess({QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.startsWith(QLatin1String("taskdeckctl ")));
        QCOMPARE(runProcess({QStringLiteral("--help")}).code, 0);
        QCOMPARE(runProcess({QStringLiteral("enqueue"), QStringLiteral("--help")}).code, 0);
        QCOMPARE(runProcess({QStringLiteral("enqueue")}).code, int(ExitCode::Usage));

        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("TASKDECK_DB"), m_db->locatorText());
        const CliRun enqueued = runProcess({QStringLiteral("enqueue"), QStringLiteral("h")}, {}, env);
        QCOMPARE(enqueued.code, 0);
        QCOMPARE(taskCount(), qint64(1));
    }

    void defaultEmbeddedDatabaseIsCreatedOnFirstUse()
    {
        QTemporaryDir home;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        env.insert(QStringLiteral("HOME"), home.path());
        const CliRun run = runProcess({QStringLiteral("enqueue"), QStringLiteral("hello")}, {}, env);
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("taskdeck/taskdeck.db"))));
        const CliRun list = runProcess({QStringLiteral("list"), QStringLiteral("--json")}, {}, env);
        QCOMPARE(parseJson(list.out).value(u"tasks").toArray().size(), 1);
    }

    void explicitDatabaseMustExist()
    {
        const CliRun run = runInProcess(
            {QStringLiteral("--db"), QStringLiteral("sqlite:/nonexistent/dir/tasks.db"), QStringLiteral("list")});
        QCOMPARE(run.code, int(ExitCode::Error));
        QVERIFY2(run.err.contains(QLatin1String("init")), qPrintable(run.err));
        QVERIFY(!QFile::exists(QStringLiteral("/nonexistent/dir/tasks.db")));
    }

    void workerPasswordFileOptionAndServiceOption()
    {
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("worker.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"handlers": {"noop": {"type": "builtin"}}})");
        config.close();
        const qint64 id = enqueueId({QStringLiteral("noop")});
        // --password-file replaces the configuration's password_file: a file that is not there stops the worker
        // before it claims anything, and says which file.
        const QString missing = dir.filePath(QStringLiteral("no-such-password"));
        const CliRun refused = ctl({QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(),
                                    QStringLiteral("--password-file"), missing, QStringLiteral("--drain")});
        QCOMPARE(refused.code, int(ExitCode::Error));
        QVERIFY2(refused.err.contains(QStringLiteral("cannot read the password file %1").arg(missing)),
                 qPrintable(refused.err));
        QCOMPARE(ctl({QStringLiteral("status"), QString::number(id)}).code, int(ExitCode::NotFinished));
        // A readable one is used (the locator's password; the embedded and test databases take any).
        QFile password(dir.filePath(QStringLiteral("password")));
        QVERIFY(password.open(QIODevice::WriteOnly));
        password.write(qgetenv("TASKDECK_DB_PASSWORD"));
        password.close();
        const CliRun drained = ctl({QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(),
                                    QStringLiteral("--password-file"), password.fileName(), QStringLiteral("--drain")});
        QVERIFY2(drained.code == 0, qPrintable(drained.err));
        QCOMPARE(ctl({QStringLiteral("status"), QString::number(id)}).code, int(ExitCode::Ok));
#ifndef Q_OS_WIN
        // --service is the Windows service mode; elsewhere it is a usage error that points at the systemd unit.
        const CliRun service = ctl({QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(),
                                    QStringLiteral("--service"), QStringLiteral("TaskDeckWorker")});
        QCOMPARE(service.code, int(ExitCode::Usage));
        QVERIFY2(service.err.contains(QLatin1String("taskdeck-worker@")), qPrintable(service.err));
#endif
    }

    void workerRunsConfiguredHandlers()
    {
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("worker.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        const QString alert = dir.filePath(QStringLiteral("alert.json"));
        config.write(QStringLiteral(R"({"name": "cli-test", "lease": "2s", "heartbeat": "500ms",
                         "handlers": {"noop": {"type": "builtin"}, "echo": {"type": "builtin"},
                                      "fail": {"type": "builtin"},
                                      "shout": {"type": "process", "program": "/bin/sh",
                                                "args": ["-c", "tr a-z A-Z"]}},
                         "on_failed": {"program": "/bin/sh", "args": ["-c", "cat > %1"]}})")
                         .arg(alert)
                         .toUtf8());
        config.close();
        const qint64 ok = enqueueId({QStringLiteral("echo"), QStringLiteral("--payload"), QStringLiteral("[1,2]")});
        const qint64 bad = enqueueId({QStringLiteral("fail"), QStringLiteral("--payload"),
                                      QStringLiteral("{\"message\": \"nope\", \"retryable\": false}")});
        const qint64 shout =
            enqueueId({QStringLiteral("shout"), QStringLiteral("--payload"), QStringLiteral("\"hi\"")});
        const qint64 unknown = enqueueId({QStringLiteral("unknown.handler")});
        const CliRun run =
            ctl({QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(), QStringLiteral("--drain")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(run.err.contains(QLatin1String("started")));
        QVERIFY(run.err.contains(QLatin1String("3 runs recorded")));
        QCOMPARE(ctl({QStringLiteral("status"), QString::number(ok)}).code, int(ExitCode::Ok));
        QCOMPARE(parseJson(ctl({QStringLiteral("status"), QString::number(ok), QStringLiteral("--json")}).out)
                     .value(u"result")
                     .toString(),
                 QStringLiteral("[1,2]"));
        const CliRun failed = ctl({QStringLiteral("status"), QString::number(bad)});
        QCOMPARE(failed.code, int(ExitCode::TaskFailed));
        QVERIFY(failed.out.contains(QLatin1String("nope")));
        // The alerting hook got the failed task as JSON on its standard input.
        QFile alertFile(alert);
        QVERIFY(alertFile.open(QIODevice::ReadOnly));
        const QJsonObject alerted = QJsonDocument::fromJson(alertFile.readAll()).object();
        QCOMPARE(alerted.value(u"event").toString(), QStringLiteral("task.failed"));
        QCOMPARE(alerted.value(u"id").toInteger(), bad);
        QCOMPARE(alerted.value(u"last_error").toString(), QStringLiteral("nope"));
        const CliRun shouted = ctl({QStringLiteral("status"), QString::number(shout)});
        QCOMPARE(shouted.code, int(ExitCode::Ok));
        QVERIFY2(shouted.out.contains(QLatin1String("\"HI\"")), qPrintable(shouted.out));
        // A task nobody can run waits, and stats says so.
        QCOMPARE(ctl({QStringLiteral("status"), QString::number(unknown)}).code, int(ExitCode::NotFinished));
        const QJsonObject stats = parseJson(ctl({QStringLiteral("stats"), QStringLiteral("--json")}).out);
        QVERIFY(stats.value(u"handlers_without_worker").toArray().contains(QStringLiteral("unknown.handler")));
    }

    void queueCommands()
    {
        QCOMPARE(ctl({QStringLiteral("queue"), QStringLiteral("set"), QStringLiteral("mail"),
                      QStringLiteral("--concurrency"), QStringLiteral("3"), QStringLiteral("--max-attempts"),
                      QStringLiteral("9"), QStringLiteral("--backoff"), QStringLiteral("2s:10m"),
                      QStringLiteral("--timeout"), QStringLiteral("90s")})
                     .code,
                 0);
        QCOMPARE(ctl({QStringLiteral("queue"), QStringLiteral("pause"), QStringLiteral("mail")}).code, 0);
        const qint64 id = enqueueId({QStringLiteral("h"), QStringLiteral("--queue"), QStringLiteral("mail")});
        QJsonArray queues =
            parseJson(ctl({QStringLiteral("queue"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                .value(u"queues")
                .toArray();
        QCOMPARE(queues.size(), 1);
        QJsonObject mail = queues.at(0).toObject();
        QCOMPARE(mail.value(u"name").toString(), QStringLiteral("mail"));
        QVERIFY(mail.value(u"paused").toBool());
        QCOMPARE(mail.value(u"concurrency_limit").toInt(), 3);
        QCOMPARE(mail.value(u"default_max_attempts").toInt(), 9);
        QCOMPARE(mail.value(u"backoff_base_ms").toInteger(), qint64(2'000));
        QCOMPARE(mail.value(u"backoff_max_ms").toInteger(), qint64(600'000));
        QCOMPARE(mail.value(u"default_timeout_s").toInt(), 90);
        QCOMPARE(mail.value(u"waiting").toInteger(), qint64(1));
        QCOMPARE(parseJson(ctl({QStringLiteral("status"), QString::number(id), QStringLiteral("--json")}).out)
                     .value(u"max_attempts")
                     .toInt(),
                 9);
        QCOMPARE(ctl({QStringLiteral("queue"), QStringLiteral("resume"), QStringLiteral("mail")}).code, 0);
        QCOMPARE(ctl({QStringLiteral("queue"), QStringLiteral("set"), QStringLiteral("mail"),
                      QStringLiteral("--concurrency"), QStringLiteral("0")})
                     .code,
                 0);
        mail = parseJson(ctl({QStringLiteral("queue"), QStringLiteral("list"), QStringLiteral("--json")}).out)
                   .value(u"queues")
                   .toArray()
                   .at(0)
                   .toObject();
        QVERIFY(!mail.value(u"paused").toBool());
        QVERIFY(mail.value(u"concurrency_limit").isNull());
        const CliRun table = ctl({QStringLiteral("queue"), QStringLiteral("list")});
        QVERIFY(table.out.contains(QLatin1String("2s:10m")));
    }

    void workerProcessServesMetricsAndStopsOnSigterm()
    {
#ifndef Q_OS_UNIX
        QSKIP("stops the worker with SIGTERM");
#else
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("worker.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"lease": "2s", "heartbeat": "300ms", "poll_max": "200ms",
                         "handlers": {"noop": {"type": "builtin"}, "sleep": {"type": "builtin"}}})");
        config.close();
        for (int i = 0; i < 5; ++i)
            enqueueId({QStringLiteral("noop"), QStringLiteral("--queue"), QStringLiteral("q \"1\"")});
        const qint64 slow =
            enqueueId({QStringLiteral("sleep"), QStringLiteral("--payload"), QStringLiteral("{\"ms\": 500}")});
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QProcess worker;
        worker.setProcessEnvironment(cleanEnvironment());
        worker.start(QStringLiteral(TASKDECKCTL_PATH),
                     db() +
                         QStringList{QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(),
                                     QStringLiteral("--metrics"), QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY(worker.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(ctl({QStringLiteral("status"), QString::number(slow)}).code, int(ExitCode::Ok),
                                  60'000);
        auto ask = [port](const QByteArray& request) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(2'000))
                return QString();
            socket.write(request);
            while (socket.waitForReadyRead(2'000)) { }
            return QString::fromUtf8(socket.readAll());
        };
        QString metrics;
        QTRY_VERIFY_WITH_TIMEOUT(
            (metrics = ask("GET /metrics HTTP/1.0\r\n\r\n")).contains(QLatin1String("outcome=\"succeeded\"} 5")),
            30'000);
        // The rest of the endpoint: health for service managers, HEAD, and no answer made up for other paths.
        const QString health = ask("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY2(health.startsWith(QLatin1String("HTTP/1.0 200 OK")) && health.endsWith(QLatin1String("\r\n\r\nok\n")),
                 qPrintable(health));
        const QString head = ask("HEAD /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY2(head.startsWith(QLatin1String("HTTP/1.0 200 OK")) && head.endsWith(QLatin1String("\r\n\r\n")) &&
                     !head.contains(QLatin1String("Content-Length: 0\r\n")),
                 qPrintable(head));
        QVERIFY(ask("GET /other HTTP/1.0\r\n\r\n").startsWith(QLatin1String("HTTP/1.0 404 Not Found")));
        QVERIFY(ask("POST /metrics HTTP/1.0\r\n\r\n").startsWith(QLatin1String("HTTP/1.0 405 Method Not Allowed")));
        QVERIFY(ask("nonsense\r\n\r\n").startsWith(QLatin1String("HTTP/1.0 400 Bad Request")));
        QVERIFY2(
            metrics.contains(QLatin1String("taskdeck_tasks_claimed_total{queue=\"q \\\"1\\\"\",handler=\"noop\"} 5")),
            qPrintable(metrics));
        QVERIFY(metrics.contains(QLatin1String("taskdeck_tasks_in_flight 0")));
        QVERIFY(metrics.startsWith(QLatin1String("HTTP/1.0 200 OK")));
        ::kill(pid_t(worker.processId()), SIGTERM);
        QVERIFY(worker.waitForFinished(30'000));
        QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker.exitCode(), 0);
        QVERIFY(QString::fromUtf8(worker.readAllStandardError()).contains(QLatin1String("stopping")));
        const QJsonObject stats = parseJson(ctl({QStringLiteral("stats"), QStringLiteral("--json")}).out);
        QVERIFY(stats.value(u"workers").toArray().isEmpty());
#endif
    }

    void unreachableServersSayWhatToCheck_data()
    {
        QTest::addColumn<QString>("locator");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("postgresql native")
            << "postgresql://td@127.0.0.1:1/tasks"
            << QStringList{QStringLiteral("PostgreSQL at 127.0.0.1:1"), QStringLiteral("native driver"),
                           QStringLiteral("accepts TCP connections")};
        QTest::newRow("postgresql odbc") << "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=1;DATABASE=t;UID=td"
                                         << QStringList{QStringLiteral("through ODBC"), QStringLiteral("PORT=1"),
                                                        QStringLiteral("odbcinst -q -d")};
        QTest::newRow("mariadb odbc") << "odbc:DRIVER={MariaDB Unicode};SERVER=127.0.0.1;PORT=1;DATABASE=t;UID=td"
                                      << QStringList{QStringLiteral("through ODBC"), QStringLiteral("MariaDB Unicode"),
                                                     QStringLiteral("TASKDECK_DB_PASSWORD")};
        QTest::newRow("missing odbc driver")
            << "odbc:DRIVER={No Such Driver};SERVER=127.0.0.1;DATABASE=t"
            << QStringList{QStringLiteral("No Such Driver"), QStringLiteral("odbcinst -q -d")};
    }

    void unreachableServersSayWhatToCheck()
    {
        QFETCH(QString, locator);
        QFETCH(QStringList, expected);
        const CliRun run = runInProcess({QStringLiteral("--db"), locator, QStringLiteral("list")});
        QCOMPARE(run.code, int(ExitCode::Error));
        for (const QString& part : std::as_const(expected))
            QVERIFY2(run.err.contains(part), qPrintable(run.err));
        if (!qEnvironmentVariable("TASKDECK_DB_PASSWORD").isEmpty())
            QVERIFY(!run.err.contains(qEnvironmentVariable("TASKDECK_DB_PASSWORD")));
    }

    void passwordsAreNeverPrinted()
    {
        const CliRun run = runInProcess(
            {QStringLiteral("--db"), QStringLiteral("postgresql://td:hunter2@127.0.0.1:1/db"), QStringLiteral("list")});
        QCOMPARE(run.code, int(ExitCode::Error));
        QVERIFY(run.err.contains(QLatin1String("TASKDECK_DB_PASSWORD")));
        QVERIFY(!run.err.contains(QLatin1String("hunter2")));
        QVERIFY(!run.out.contains(QLatin1String("hunter2")));
        const CliRun odbc =
            runInProcess({QStringLiteral("--db"), QStringLiteral("odbc:DSN=x;PWD=hunter2"), QStringLiteral("stats")});
        QVERIFY(!odbc.err.contains(QLatin1String("hunter2")));
    }

    // A whole session with a password no other process knows: commands, --json, errors, a worker running a process
    // handler and an on_failed hook. Afterwards no output, and no file written meanwhile anywhere under the temporary
    // folders or TaskDeck's settings and data (logs, ODBC traces, the database itself with the handlers' recorded
    // output), holds it; and the programs the worker started did not get it on their command line or environment.
    void passwordLeavesNoTraceInASession()
    {
        const QByteArray password = "pw-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QDateTime start = QDateTime::currentDateTime().addSecs(-2);
        const QByteArray previous = qgetenv("TASKDECK_DB_PASSWORD");
        auto restore = qScopeGuard([previous] { qputenv("TASKDECK_DB_PASSWORD", previous); });
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("worker.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(R"({"handlers": {
                "look": {"type": "process", "program": "/bin/sh",
                         "args": ["-c", "tr '\000' ' ' < /proc/$$/cmdline; echo; env; cat"]},
                "fail": {"type": "builtin"}},
            "on_failed": {"program": "/bin/sh", "args": ["-c", "env > %1; cat > /dev/null"]}})")
                         .arg(dir.filePath(QStringLiteral("hook-env")))
                         .toUtf8());
        config.close();

        // The database's own password is needed to reach a server: enqueue with it, run the rest with the secret.
        // SQLite takes any password, so there everything below succeeds; a server refuses the secret, so there the
        // refusals are what must not show it.
        const qint64 look = enqueueId({QStringLiteral("look")});
        const qint64 failing =
            enqueueId({QStringLiteral("fail"), QStringLiteral("--payload"), QStringLiteral(R"({"retryable": false})")});
        QVERIFY(look > 0 && failing > 0);
        qputenv("TASKDECK_DB_PASSWORD", password);
        QList<CliRun> runs;
        runs << ctl({QStringLiteral("worker"), QStringLiteral("--config"), config.fileName(),
                     QStringLiteral("--drain")})
             << ctl({QStringLiteral("list"), QStringLiteral("--json")})
             << ctl({QStringLiteral("stats"), QStringLiteral("--json")})
             << ctl({QStringLiteral("status"), QStringLiteral("--json"), QString::number(look)})
             << ctl({QStringLiteral("audit"), QStringLiteral("--json")});
        // The password inside a locator, as someone might paste it.
        QString inline_ = m_db->locatorText();
        inline_.replace(QRegularExpression(QStringLiteral("^postgresql://([^@/]*)@")),
                        QStringLiteral("postgresql://\\1:%1@").arg(QString::fromLatin1(password)));
        if (inline_.startsWith(QLatin1String("odbc:")))
            inline_ += QStringLiteral(";PWD=%1").arg(QString::fromLatin1(password));
        runs << runInProcess({QStringLiteral("--db"), inline_, QStringLiteral("list")});
        for (const CliRun& run : std::as_const(runs)) {
            QVERIFY2(!run.out.toUtf8().contains(password), qPrintable(run.out.left(300)));
            QVERIFY2(!run.err.toUtf8().contains(password), qPrintable(run.err.left(300)));
        }
        if (TestDatabase::backendName() == QLatin1String("sqlite")) {
            QCOMPARE(runs.first().code, 0);
            QCOMPARE(ctl({QStringLiteral("status"), QString::number(look)}).code, int(ExitCode::Ok));
            QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("hook-env"))));
        }

        // Every file written since the session began, where TaskDeck or its drivers could have written.
        const QStringList roots{QDir::tempPath(),
                                QStringLiteral("/var/tmp"),
                                dir.path(),
                                QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                                QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation),
                                QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)};
        qint64 scanned = 0;
        const QStringList holders = filesHolding(password, roots, start, &scanned);
        QVERIFY2(holders.isEmpty(), qPrintable(QStringLiteral("the password is in: ") + holders.join(u", ")));
        QVERIFY(scanned > 0);
        qInfo("%lld files written during the session scanned, none holds the password", scanned);
    }
};

TASKDECK_BACKEND_TEST_MAIN(TestCli)
#include "tst_cli.moc"
