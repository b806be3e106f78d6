// A drain the way it runs in production: N no-op tasks enqueued in bulk, then W `taskdeckctl worker --drain`
// processes with a given configuration, and checked: no task left waiting, and the stats table counting exactly N
// successes. Timed as the peers' method times it, from the first task's start (the first claim, seen by polling
// every millisecond) until no task is left (polled every 5 ms): drain_per_s; and from the workers' start until the
// last one exits, start-up and shutdown included: wall_per_s. Prints one line of JSON (bench/compare reads it).
//
//   bench_drain --db LOCATOR --taskdeckctl PATH [--tasks N] [--workers W] [--concurrency C]
//               [--throughput]
//
// --throughput: the documented high-throughput configuration (successes delete their rows at once, their runs are
// not logged; stats still count them). Without it: the defaults (succeeded rows and runs kept). The database's
// TaskDeck tables are emptied first: use a scratch database. Passwords come from TASKDECK_DB_PASSWORD.

#include "BenchSupport.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <memory>

using namespace taskdeck;
using namespace taskdeck::bench;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database locator."), QStringLiteral("URL"));
    const QCommandLineOption ctlOption(QStringLiteral("taskdeckctl"), QStringLiteral("The taskdeckctl to run."),
                                       QStringLiteral("PATH"));
    const QCommandLineOption tasksOption(QStringLiteral("tasks"), QStringLiteral("Tasks (default 20000)."),
                                         QStringLiteral("N"));
    const QCommandLineOption workersOption(QStringLiteral("workers"), QStringLiteral("Worker processes (default 2)."),
                                           QStringLiteral("W"));
    const QCommandLineOption concurrencyOption(
        QStringLiteral("concurrency"), QStringLiteral("Each worker's concurrency (default 500)."), QStringLiteral("C"));
    const QCommandLineOption throughputOption(QStringLiteral("throughput"),
                                              QStringLiteral("The high-throughput configuration."));
    parser.addOptions({dbOption, ctlOption, tasksOption, workersOption, concurrencyOption, throughputOption});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(dbOption) || !parser.isSet(ctlOption))
        die(QStringLiteral("--db and --taskdeckctl are required"));
    const int taskCount = parser.isSet(tasksOption) ? parser.value(tasksOption).toInt() : 20'000;
    const int workers = parser.isSet(workersOption) ? parser.value(workersOption).toInt() : 2;
    const int concurrency = parser.isSet(concurrencyOption) ? parser.value(concurrencyOption).toInt() : 500;
    const bool throughput = parser.isSet(throughputOption);
    if (taskCount < 1 || workers < 1 || concurrency < 1)
        die(QStringLiteral("--tasks, --workers and --concurrency take positive numbers"));

    const Locator locator = check(Locator::parse(parser.value(dbOption)));
    auto store = check(TaskStore::open(locator, {}, SchemaMode::CreateOrUpgrade));
    const Dialect& d = store->dialect();
    emptyTables(*store);
    RetentionSettings retention = check(store->retention());
    retention.succeededMs = throughput ? 0 : RetentionSettings().succeededMs;
    check(store->setRetention(retention));

    QElapsedTimer enqueueTimer;
    enqueueTimer.start();
    QList<EnqueueRequest> batch;
    for (int i = 0; i < taskCount; ++i) {
        EnqueueRequest r;
        r.handler = QStringLiteral("noop");
        r.payload = QStringLiteral("{\"id\":%1}").arg(i);
        batch << r;
        if (batch.size() == 1000 || i + 1 == taskCount) {
            check(store->enqueueBatch(batch));
            batch.clear();
        }
    }
    const double enqueueSeconds = enqueueTimer.nsecsElapsed() / 1e9;
    execute(store->database(), d.sql(Sql::AnalyzeTasks));

    QTemporaryDir dir;
    QJsonObject config{
        {QStringLiteral("database"), parser.value(dbOption)},
        {QStringLiteral("concurrency"), concurrency},
        {QStringLiteral("record_successful_runs"), !throughput},
        {QStringLiteral("handlers"),
         QJsonObject{{QStringLiteral("noop"), QJsonObject{{QStringLiteral("type"), QStringLiteral("builtin")}}}}}};
    const QString configPath = dir.filePath(QStringLiteral("worker.json"));
    {
        QFile file(configPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0)
            die(QStringLiteral("cannot write %1").arg(configPath));
    }

    QElapsedTimer drainTimer;
    drainTimer.start();
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int w = 0; w < workers; ++w) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(parser.value(ctlOption),
                       {QStringLiteral("worker"), QStringLiteral("--config"), configPath, QStringLiteral("--drain"),
                        QStringLiteral("--name"), QStringLiteral("bench-%1").arg(w)});
        if (!process->waitForStarted())
            die(QStringLiteral("cannot start %1: %2").arg(parser.value(ctlOption), process->errorString()));
        processes.push_back(std::move(process));
    }
    // The overview's counts: pending tasks, and all unfinished ones.
    auto countWaiting = [&store](bool pendingOnly) {
        qint64 n = 0;
        for (const StateCount& count : check(store->countUnfinishedTasks())) {
            if (!pendingOnly || count.state == DisplayState::Pending)
                n += count.count;
        }
        return n;
    };
    auto workersRunning = [&processes] {
        return std::any_of(processes.cbegin(), processes.cend(),
                           [](const auto& p) { return p->state() != QProcess::NotRunning; });
    };
    qint64 firstStartNs = -1;
    qint64 emptyNs = -1;
    while (firstStartNs < 0 && workersRunning()) {
        if (countWaiting(true) < taskCount)
            firstStartNs = drainTimer.nsecsElapsed();
        else
            QThread::msleep(1);
    }
    while (emptyNs < 0 && workersRunning()) {
        if (countWaiting(false) == 0)
            emptyNs = drainTimer.nsecsElapsed();
        else
            QThread::msleep(5);
    }
    for (auto& process : processes) {
        if (!process->waitForFinished(-1) || process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0)
            die(QStringLiteral("a worker failed (exit code %1)").arg(process->exitCode()));
    }
    const double wallSeconds = drainTimer.nsecsElapsed() / 1e9;
    if (firstStartNs < 0 || emptyNs < 0) // the workers were quicker than the polls: fall back to their wall time
        firstStartNs = 0, emptyNs = drainTimer.nsecsElapsed();
    const double drainSeconds = (emptyNs - firstStartNs) / 1e9;

    const qint64 waiting = countWaiting(false);
    qint64 succeeded = 0;
    for (const StatsRow& row : check(store->stats(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), 24 * 3600 * 1000)))
        succeeded += row.outcome == RunOutcome::Succeeded ? row.count : 0;
    if (waiting != 0 || succeeded != taskCount)
        die(QStringLiteral("after the drain: %1 tasks not succeeded, %2 successes counted of %3")
                .arg(waiting)
                .arg(succeeded)
                .arg(taskCount));

    const QJsonObject result{
        {QStringLiteral("database"), d.name()},
        {QStringLiteral("tasks"), taskCount},
        {QStringLiteral("workers"), workers},
        {QStringLiteral("concurrency"), concurrency},
        {QStringLiteral("configuration"), throughput ? QStringLiteral("throughput") : QStringLiteral("defaults")},
        {QStringLiteral("enqueue_per_s"), taskCount / enqueueSeconds},
        {QStringLiteral("drain_s"), drainSeconds},
        {QStringLiteral("drain_per_s"), taskCount / drainSeconds},
        {QStringLiteral("wall_s"), wallSeconds},
        {QStringLiteral("wall_per_s"), taskCount / wallSeconds}};
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
