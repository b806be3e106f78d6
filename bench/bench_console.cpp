// What the console asks the database for, timed on a database of realistic shape and size: the overview (counts
// and chart statistics), the task list's first page, a filtered search, a jump to a task and to a time. Fills the
// database first unless told to reuse it. Figures and method: bench/RESULTS.md.
//
//   bench_console [--db LOCATOR] [--tasks N] [--runs-per-task M] [--reuse]
//
// The generated shape, spread evenly over the last seven days: 88 % of tasks succeeded, 6 % failed (dead
// letters), 1 % cancelled, 1 % running, 4 % waiting (a quarter of them retrying); M runs per finished task; one
// statistics row per minute, queue and outcome. Without --db: a fresh embedded SQLite file. The database's TaskDeck
// tables are emptied first: use a scratch database. Passwords come from TASKDECK_DB_PASSWORD.

#include "BenchSupport.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <tuple>

using namespace taskdeck;
using namespace taskdeck::bench;

namespace {

const QStringList kQueues{QStringLiteral("default"), QStringLiteral("mail"), QStringLiteral("reports"),
                          QStringLiteral("billing")};
const QStringList kHandlers{QStringLiteral("orders.cancel_unpaid"), QStringLiteral("mail.send"),
                            QStringLiteral("reports.export"), QStringLiteral("loyalty.recompute"),
                            QStringLiteral("notify.push")};

// Runs one statement with the given values bound, reporting progress as it goes.
void run(TaskStore& store, const QString& what, const QString& sql, const QVariantMap& values = {})
{
    QElapsedTimer timer;
    timer.start();
    out() << "  " << what << "… " << Qt::flush;
    if (values.isEmpty()) {
        execute(store.database(), sql);
    } else {
        QSqlQuery q(store.database());
        if (!q.prepare(sql))
            die(what + QStringLiteral(": ") + q.lastError().text() + QStringLiteral("\n") + sql);
        for (auto it = values.begin(); it != values.end(); ++it)
            q.bindValue(it.key(), it.value());
        if (!q.exec())
            die(what + QStringLiteral(": ") + q.lastError().text() + QStringLiteral("\n") + sql);
    }
    out() << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s" << Qt::endl;
}

void generate(TaskStore& store, int taskCount, int runsPerTask)
{
    const Dialect& d = store.dialect();
    const QString tasks = d.tableName(QStringLiteral("tasks"));
    const QString runs = d.tableName(QStringLiteral("task_runs"));
    out() << "generating " << taskCount << " tasks and about " << qint64(taskCount) * 96 / 100 * runsPerTask
          << " runs:" << Qt::endl;
    emptyTables(store);

    const QDateTime now = check(store.databaseTime());
    const QDateTime weekAgo = now.addDays(-7);
    const double spacingMs = 7.0 * 86400 * 1000 / taskCount;
    QElapsedTimer timer;
    timer.start();
    QList<EnqueueRequest> batch;
    for (int i = 0; i < taskCount; ++i) {
        EnqueueRequest r;
        r.queue = kQueues.at(i % kQueues.size());
        r.handler = kHandlers.at(i % kHandlers.size());
        r.payload = QStringLiteral("{\"order\":%1,\"customer\":\"c-%2\",\"note\":\"generated\"}").arg(i).arg(i % 9973);
        r.runAt = weekAgo.addMSecs(qint64(i * spacingMs));
        batch << r;
        if (batch.size() == 1000 || i + 1 == taskCount) {
            check(store.enqueueBatch(batch));
            batch.clear();
            if ((i + 1) % 100'000 == 0 || i + 1 == taskCount)
                out() << "  enqueued " << i + 1 << " (" << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s)"
                      << Qt::endl;
        }
    }

    const QString future = d.timeParameter(QStringLiteral(":future"));
    const QVariantMap lease{{QStringLiteral(":future"), d.values().timeValue(now.addSecs(3600))}};
    run(store, QStringLiteral("88 % succeeded"),
        QStringLiteral("UPDATE %1 SET state = 'succeeded', attempts = 1, started_at = run_at, finished_at = run_at,"
                       " result = '{\"ok\":true}' WHERE id %2 100 < 88")
            .arg(tasks, QStringLiteral("%")));
    run(store, QStringLiteral("6 % failed"),
        QStringLiteral("UPDATE %1 SET state = 'failed', attempts = max_attempts, started_at = run_at,"
                       " finished_at = run_at, last_error = 'smtp.example.net:25: connection timed out after 30 s'"
                       " WHERE id %2 100 >= 88 AND id %2 100 < 94")
            .arg(tasks, QStringLiteral("%")));
    run(store, QStringLiteral("1 % cancelled"),
        QStringLiteral("UPDATE %1 SET state = 'cancelled', finished_at = run_at, last_error = 'cancelled by operator'"
                       " WHERE id %2 100 = 94")
            .arg(tasks, QStringLiteral("%")));
    run(store, QStringLiteral("1 % running"),
        QStringLiteral("UPDATE %1 SET state = 'running', attempts = 1, started_at = run_at, locked_by = 'generated',"
                       " locked_until = %3 WHERE id %2 100 = 95")
            .arg(tasks, QStringLiteral("%"), future),
        lease);
    run(store, QStringLiteral("1 % retrying"),
        QStringLiteral("UPDATE %1 SET attempts = 1, last_error = 'HTTP 503 from the payment provider'"
                       " WHERE id %2 100 = 96")
            .arg(tasks, QStringLiteral("%")));

    QStringList numbers;
    for (int n = 1; n <= runsPerTask; ++n)
        numbers << QStringLiteral("SELECT %1 AS n").arg(n);
    run(store, QStringLiteral("%1 runs per finished or running task").arg(runsPerTask),
        QStringLiteral("INSERT INTO %1 (task_id, attempt, worker, started_at, finished_at, outcome, message,"
                       " duration_ms) SELECT t.id, k.n, 'generated', t.run_at, t.run_at,"
                       " CASE WHEN t.state = 'failed' THEN 'failed' WHEN t.state = 'cancelled' THEN 'cancelled'"
                       " ELSE 'succeeded' END, NULL, 5 + k.n FROM %2 t CROSS JOIN (%3) k"
                       " WHERE t.state <> 'pending'")
            .arg(runs, tasks, numbers.join(QStringLiteral(" UNION ALL "))));

    // One row per minute, queue and outcome over the week, as workers write them.
    timer.restart();
    out() << "  statistics for every minute of the week… " << Qt::flush;
    const qint64 perMinute = std::max<qint64>(1, qint64(taskCount) / (7 * 1440) / kQueues.size());
    QSqlDatabase db = store.database();
    if (!db.transaction())
        die(db.lastError().text());
    QSqlQuery insert(db);
    if (!insert.prepare(d.sql(Sql::InsertStatsRow)))
        die(insert.lastError().text());
    const QDateTime firstMinute = QDateTime::fromSecsSinceEpoch(weekAgo.toSecsSinceEpoch() / 60 * 60, Qt::UTC);
    for (QDateTime minute = firstMinute; minute <= now; minute = minute.addSecs(60)) {
        for (const QString& queue : kQueues) {
            for (const bool succeeded : {true, false}) {
                const qint64 count = succeeded ? perMinute : std::max<qint64>(1, perMinute / 15);
                insert.bindValue(QStringLiteral(":minute"), d.values().timeValue(minute));
                insert.bindValue(QStringLiteral(":queue"), d.values().textValue(queue));
                insert.bindValue(
                    QStringLiteral(":outcome"),
                    d.values().textValue(succeeded ? QStringLiteral("succeeded") : QStringLiteral("failed")));
                insert.bindValue(QStringLiteral(":shard"), 0);
                insert.bindValue(QStringLiteral(":count"), count);
                insert.bindValue(QStringLiteral(":duration_ms"), count * (succeeded ? 40 : 3000));
                insert.bindValue(QStringLiteral(":latency_ms"), count * 3);
                if (!insert.exec())
                    die(insert.lastError().text());
            }
        }
    }
    // And their hourly rows, which workers write with them.
    QSqlQuery hourly(db);
    if (!hourly.exec(d.sql(Sql::SumMinuteStatsIntoHours)))
        die(hourly.lastError().text());
    if (!db.commit())
        die(db.lastError().text());
    out() << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s" << Qt::endl;
    run(store, QStringLiteral("refresh the planner's statistics"), d.sql(Sql::AnalyzeTasks));
}

// The median of five timed calls, in milliseconds.
double medianMs(const std::function<void()>& call)
{
    QList<double> times;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        call();
        times << timer.nsecsElapsed() / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times.at(2);
}

void report(const QString& what, double ms)
{
    out() << QStringLiteral("%1  %2 ms\n").arg(what, -56).arg(ms, 8, 'f', 1);
    out().flush();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database locator."), QStringLiteral("URL"));
    const QCommandLineOption tasksOption(QStringLiteral("tasks"), QStringLiteral("Tasks (default 1000000)."),
                                         QStringLiteral("N"));
    const QCommandLineOption runsOption(QStringLiteral("runs-per-task"),
                                        QStringLiteral("Runs per finished task (default 10)."), QStringLiteral("M"));
    const QCommandLineOption reuseOption(QStringLiteral("reuse"),
                                         QStringLiteral("Measure the database as it is, without filling it."));
    parser.addOptions({dbOption, tasksOption, runsOption, reuseOption});
    parser.addHelpOption();
    parser.process(app);
    const int taskCount = parser.isSet(tasksOption) ? parser.value(tasksOption).toInt() : 1'000'000;
    const int runsPerTask = parser.isSet(runsOption) ? parser.value(runsOption).toInt() : 10;
    if (taskCount < 100 || runsPerTask < 0 || runsPerTask > 100)
        die(QStringLiteral("--tasks takes at least 100, --runs-per-task 0 to 100"));

    QTemporaryDir dir;
    const QString locatorText = parser.isSet(dbOption)
        ? parser.value(dbOption)
        : QLatin1String("sqlite:") + dir.filePath(QStringLiteral("console.db"));
    const Locator locator = check(Locator::parse(locatorText));
    {
        auto store = check(TaskStore::open(locator, {}, SchemaMode::CreateOrUpgrade));
        out() << "database: " << locator.redacted() << " (dialect " << store->dialect().name() << ")" << Qt::endl;
        if (!parser.isSet(reuseOption))
            generate(*store, taskCount, runsPerTask);
    }

    out() << "\nwhat the console asks (median of 5)\n";
    QElapsedTimer connect;
    connect.start();
    auto store = check(TaskStore::open(locator));
    const QDateTime now = check(store->databaseTime());
    check(store->countUnfinishedTasks());
    check(store->stats(now.addSecs(-24 * 3600), 10 * 60'000));
    check(store->stats(now.addSecs(-24 * 3600), 24 * 3600 * 1000));
    check(store->handlersWithoutWorker());
    report(QStringLiteral("connect and a full overview (first time)"), connect.nsecsElapsed() / 1e6);

    report(QStringLiteral("overview: counts per queue and state"),
           medianMs([&] { check(store->countUnfinishedTasks()); }));
    // As the overview asks: the window in buckets of 1, 10 and 60 minutes, and the last day's successes.
    for (const auto& [label, hours, bucketMinutes] :
         {std::tuple{"hour", 1, 1}, std::tuple{"day", 24, 10}, std::tuple{"week", 24 * 7, 60}})
        report(QStringLiteral("overview: chart statistics, last %1").arg(QLatin1String(label)), medianMs([&] {
                   // From the start of the bucket the window begins in, as OverviewModel asks.
                   const qint64 bucketMs = bucketMinutes * 60'000LL;
                   const qint64 startMs = (now.toMSecsSinceEpoch() - hours * 3'600'000LL) / bucketMs * bucketMs;
                   check(store->stats(QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC), bucketMs));
               }));
    report(QStringLiteral("overview: successes of the last 24 hours"),
           medianMs([&] { check(store->stats(now.addSecs(-24 * 3600), 24 * 3600 * 1000)); }));
    report(QStringLiteral("overview: handlers no live worker has"),
           medianMs([&] { check(store->handlersWithoutWorker()); }));

    TaskQuery firstPage;
    report(QStringLiteral("tasks: first page, newest first"), medianMs([&] { check(store->listTasks(firstPage)); }));
    TaskQuery failed;
    failed.filter.states = {DisplayState::Failed};
    report(QStringLiteral("tasks: failed, first page"), medianMs([&] { check(store->listTasks(failed)); }));
    TaskQuery queueAndHandler;
    queueAndHandler.filter.queues = {QStringLiteral("mail")};
    queueAndHandler.filter.handlers = {QStringLiteral("mail.send")};
    report(QStringLiteral("tasks: one queue and handler, first page"),
           medianMs([&] { check(store->listTasks(queueAndHandler)); }));
    TaskQuery search;
    search.filter.search = QStringLiteral("c-4242\"");
    report(QStringLiteral("tasks: literal text in payload or error, first page"),
           medianMs([&] { check(store->listTasks(search)); }));
    TaskQuery rareSearch;
    rareSearch.filter.search = QStringLiteral("no task has this text");
    report(QStringLiteral("tasks: literal text no task has (a full scan)"),
           medianMs([&] { check(store->listTasks(rareSearch)); }));
    TaskQuery atTime;
    atTime.sortKey = TaskQuery::SortKey::CreatedAt;
    atTime.descending = false;
    atTime.filter.createdFrom = now.addDays(-3);
    report(QStringLiteral("tasks: jump to a time (created from 3 days ago)"),
           medianMs([&] { check(store->listTasks(atTime)); }));
    const TaskPage page = check(store->listTasks(firstPage));
    const qint64 someId = page.tasks.isEmpty() ? 1 : page.tasks.last().id / 2;
    report(QStringLiteral("tasks: jump to a task id, with its runs"), medianMs([&] { check(store->task(someId)); }));
    // "Why isn't it running?" for the newest waiting task (the back of its queue) and for a failed one.
    TaskQuery newestWaiting;
    newestWaiting.filter.states = {DisplayState::Pending};
    newestWaiting.limit = 1;
    const TaskPage waiting = check(store->listTasks(newestWaiting));
    if (!waiting.tasks.isEmpty())
        report(QStringLiteral("explain: the newest waiting task (the back of its queue)"),
               medianMs([&] { check(store->explain(waiting.tasks.first().id)); }));
    failed.limit = 1;
    const TaskPage oneFailed = check(store->listTasks(failed));
    if (!oneFailed.tasks.isEmpty())
        report(QStringLiteral("explain: a failed task"),
               medianMs([&] { check(store->explain(oneFailed.tasks.first().id)); }));
    if (!page.nextCursor.isEmpty()) {
        TaskQuery next = firstPage;
        next.afterCursor = page.nextCursor;
        report(QStringLiteral("tasks: next page"), medianMs([&] { check(store->listTasks(next)); }));
    }
    return 0;
}
