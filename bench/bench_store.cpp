// What the store's statements cost per task on one database, with every guarantee of the real path: claims under
// leases, fenced completions, runs and stats recorded. Figures and method: bench/RESULTS.md.
//
//   bench_store [--db LOCATOR] [--tasks N] [--enqueue-only] [--singles N] [--batch N]
//
// Without --db: a fresh embedded SQLite file. The database's TaskDeck tables are emptied first: use a scratch
// database. Passwords come from TASKDECK_DB_PASSWORD.

#include "BenchSupport.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

using namespace taskdeck;
using namespace taskdeck::bench;

namespace {

// Empties the tables and refreshes the planner's statistics, as the peers' method does (VACUUM ANALYZE).
void resetAndAnalyze(TaskStore& store, bool reset)
{
    if (reset)
        emptyTables(store);
    execute(store.database(), store.dialect().sql(Sql::AnalyzeTasks));
}

QList<EnqueueRequest> requests(int count)
{
    QList<EnqueueRequest> list;
    list.reserve(count);
    for (int i = 0; i < count; ++i) {
        EnqueueRequest r;
        r.handler = QStringLiteral("noop");
        r.payload = QStringLiteral("{\"n\": %1}").arg(i);
        list << r;
    }
    return list;
}

struct DrainFigures
{
    double tasksPerSecond = 0;
    double claimUsPerTask = 0;
    double completeUsPerTask = 0;
};

DrainFigures drain(TaskStore& store, int batch, qint64 expected)
{
    QElapsedTimer total;
    QElapsedTimer part;
    qint64 claimNs = 0;
    qint64 completeNs = 0;
    qint64 drained = 0;
    total.start();
    while (true) {
        part.start();
        const auto claimed = check(store.claim({QStringLiteral("bench"), {}, {}, batch, 60'000}));
        claimNs += part.nsecsElapsed();
        if (claimed.isEmpty())
            break;
        QList<Completion> completions;
        completions.reserve(claimed.size());
        for (const ClaimedTask& task : claimed)
            completions << Completion::of(task);
        part.start();
        const auto report = check(store.complete(QStringLiteral("bench"), completions));
        completeNs += part.nsecsElapsed();
        drained += report.applied.size();
    }
    const double seconds = total.nsecsElapsed() / 1e9;
    if (drained != expected)
        die(QStringLiteral("drained %1 of %2 tasks").arg(drained).arg(expected));
    return {drained / seconds, claimNs / 1e3 / drained, completeNs / 1e3 / drained};
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database locator."), QStringLiteral("URL"));
    const QCommandLineOption tasksOption(QStringLiteral("tasks"), QStringLiteral("Tasks per drain (default 20000)."),
                                         QStringLiteral("N"));
    const QCommandLineOption enqueueOnlyOption(QStringLiteral("enqueue-only"),
                                               QStringLiteral("Measure the enqueues only, not the drains."));
    const QCommandLineOption singlesOption(QStringLiteral("singles"),
                                           QStringLiteral("Tasks enqueued one per transaction (default: --tasks, at "
                                                          "most 2000)."),
                                           QStringLiteral("N"));
    const QCommandLineOption batchOption(
        QStringLiteral("batch"),
        QStringLiteral("Tasks per enqueueBatch() call, each its own transaction, in the"
                       " bulk enqueue (default 1000)."),
        QStringLiteral("N"));
    parser.addOptions({dbOption, tasksOption, enqueueOnlyOption, singlesOption, batchOption});
    parser.addHelpOption();
    parser.process(app);
    const int tasks = parser.isSet(tasksOption) ? parser.value(tasksOption).toInt() : 20'000;
    const int singles = parser.isSet(singlesOption) ? parser.value(singlesOption).toInt() : std::min(tasks, 2000);
    const int enqueueBatchSize = parser.isSet(batchOption) ? parser.value(batchOption).toInt() : 1000;
    if (tasks < 1 || singles < 0 || enqueueBatchSize < 1)
        die(QStringLiteral("--tasks and --batch take positive numbers, --singles a number of at least 0"));

    QTemporaryDir dir;
    const QString locatorText = parser.isSet(dbOption)
        ? parser.value(dbOption)
        : QLatin1String("sqlite:") + dir.filePath(QStringLiteral("bench.db"));
    const Locator locator = check(Locator::parse(locatorText));
    const auto opened = [&](bool recordSuccessfulRuns) {
        StoreOptions options;
        options.recordSuccessfulRuns = recordSuccessfulRuns;
        return check(TaskStore::open(locator, options, SchemaMode::CreateOrUpgrade));
    };
    auto store = opened(true);
    out() << "database: " << locator.redacted() << " (dialect " << store->dialect().name() << "), " << tasks
          << " no-op tasks per drain\n\n";

    // Enqueue.
    resetAndAnalyze(*store, true);
    const QList<EnqueueRequest> all = requests(std::max(tasks, singles));
    QElapsedTimer timer;
    timer.start();
    for (qsizetype offset = 0; offset < tasks; offset += enqueueBatchSize)
        check(store->enqueueBatch(all.mid(offset, std::min<qsizetype>(enqueueBatchSize, tasks - offset))));
    out() << QStringLiteral("%1  %2 tasks/s\n")
                 .arg(QStringLiteral("enqueue, batches of %1 per transaction").arg(enqueueBatchSize), -52)
                 .arg(tasks / (timer.nsecsElapsed() / 1e9), 9, 'f', 0);
    resetAndAnalyze(*store, true);
    timer.restart();
    for (int i = 0; i < singles; ++i)
        check(store->enqueue(all.at(i)));
    out() << QStringLiteral("%1  %2 tasks/s\n")
                 .arg(QStringLiteral("enqueue, one per transaction"), -52)
                 .arg(singles / (timer.nsecsElapsed() / 1e9), 9, 'f', 0);
    if (parser.isSet(enqueueOnlyOption))
        return 0;

    // Drains: claim a batch in one transaction, complete it in another.
    out() << QStringLiteral("\n%1  %2  %3  %4\n")
                 .arg(QStringLiteral("drain"), -40)
                 .arg(QStringLiteral("tasks/s"), 9)
                 .arg(QStringLiteral("claim µs/task"), 14)
                 .arg(QStringLiteral("complete µs/task"), 17);
    for (const auto& [batch, runs] :
         {std::pair{1, true}, std::pair{10, true}, std::pair{100, true}, std::pair{500, true}, std::pair{100, false}}) {
        const int n = batch == 1 ? std::min(tasks, 2000) : tasks;
        auto drainStore = opened(runs);
        resetAndAnalyze(*drainStore, true);
        const QList<EnqueueRequest> batchRequests = requests(n);
        for (qsizetype offset = 0; offset < batchRequests.size(); offset += 1000)
            check(drainStore->enqueueBatch(batchRequests.mid(offset, 1000)));
        resetAndAnalyze(*drainStore, false);
        const DrainFigures f = drain(*drainStore, batch, n);
        const QString label = QStringLiteral("batch %1, %2")
                                  .arg(batch)
                                  .arg(runs ? QStringLiteral("runs recorded") : QStringLiteral("no success runs"));
        out() << QStringLiteral("%1  %2  %3  %4\n")
                     .arg(label, -40)
                     .arg(f.tasksPerSecond, 9, 'f', 0)
                     .arg(f.claimUsPerTask, 14, 'f', 1)
                     .arg(f.completeUsPerTask, 17, 'f', 1);
        out().flush();
    }
    return 0;
}
