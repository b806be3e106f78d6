// Enqueue → start latency: one producer enqueues tasks one at a time, each timed from before its enqueue until
// its handler starts on a worker (commit, wake-up or poll, claim, hand-off to the pool included) — the method of
// the peer figures in ../shared/bench/peers/README.md. Native PostgreSQL wakes workers with LISTEN/NOTIFY; every
// other path polls adaptively. As in graphile-worker's own latency test, the worker is warmed up first: the first
// tasks after start pay for thread and statement set-up (the very first one 15-20 ms on PostgreSQL), which a
// running application has long paid; they are run through the same path and left out of the figures.
//
//   bench_latency [--db LOCATOR] [--tasks N] [--warmup N] [--poll-max D]

#include "BenchSupport.h"
#include "common/Duration.h"
#include "executor/Dispatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

using namespace taskdeck;
using SteadyClock = std::chrono::steady_clock;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Database locator."), QStringLiteral("URL"));
    const QCommandLineOption tasksOption(QStringLiteral("tasks"), QStringLiteral("Tasks (default 1000)."),
                                         QStringLiteral("N"));
    const QCommandLineOption pollOption(QStringLiteral("poll-max"), QStringLiteral("Longest poll interval."),
                                        QStringLiteral("D"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"),
                                          QStringLiteral("Tasks run first and left out of the figures (default 100)."),
                                          QStringLiteral("N"));
    parser.addOptions({dbOption, tasksOption, warmupOption, pollOption});
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    const int tasks = parser.isSet(tasksOption) ? parser.value(tasksOption).toInt() : 1000;
    const int warmup = parser.isSet(warmupOption) ? parser.value(warmupOption).toInt() : 100;
    if (tasks < 1 || warmup < 0)
        bench::die(QStringLiteral("--tasks takes at least 1, --warmup at least 0"));
    const int total = warmup + tasks;
    QTemporaryDir dir;
    auto locator =
        Locator::parse(parser.isSet(dbOption) ? parser.value(dbOption)
                                              : QLatin1String("sqlite:") + dir.filePath(QStringLiteral("l.db")));
    if (!locator)
        bench::die(locator.error().message);
    auto setup = TaskStore::open(*locator, {}, SchemaMode::CreateOrUpgrade);
    if (!setup)
        bench::die(setup.error().message);
    const QString dialect = (*setup)->dialect().name();
    // From empty tables with fresh statistics, as the other benchmarks start: tasks left by an earlier run (of
    // another handler) would make every claim read past them.
    bench::emptyTables(**setup);
    bench::execute((*setup)->database(), (*setup)->dialect().sql(Sql::AnalyzeTasks));
    setup->reset(); // its connection is not needed any more

    std::mutex mutex;
    std::condition_variable started;
    std::vector<SteadyClock::time_point> startedAt(total);
    std::vector<bool> seen(total, false);
    auto handlers = std::make_shared<HandlerRegistry>();
    handlers->add(QStringLiteral("stamp"), [&](HandlerContext& context) {
        const auto now = SteadyClock::now();
        const int index = QJsonDocument::fromJson(context.payload.toUtf8()).object().value(u"i").toInt();
        {
            std::lock_guard lock(mutex);
            startedAt[index] = now;
            seen[index] = true;
        }
        started.notify_all();
        return HandlerOutcome::success();
    });
    WorkerOptions options;
    options.concurrency = 4;
    if (parser.isSet(pollOption))
        options.pollMaxMs = parseDurationMs(parser.value(pollOption)).value();
    Dispatcher worker(*locator, handlers, options);
    bench::check(worker.start());

    std::vector<double> latenciesMs(total);
    // How much of each latency is the enqueue itself (its statement and durable commit), before any worker hears.
    std::vector<double> enqueueMs(total);
    QString producerError; // read after the producer has finished
    QThread* producer = QThread::create([&] {
        auto store = TaskStore::open(*locator);
        if (!store) {
            producerError = store.error().message;
            return;
        }
        for (int i = 0; i < total; ++i) {
            EnqueueRequest request;
            request.handler = QStringLiteral("stamp");
            request.payload = QStringLiteral("{\"i\": %1}").arg(i);
            const auto before = SteadyClock::now();
            if (auto enqueued = (*store)->enqueue(request); !enqueued) {
                producerError = enqueued.error().message;
                return;
            }
            enqueueMs[i] = std::chrono::duration<double, std::milli>(SteadyClock::now() - before).count();
            std::unique_lock lock(mutex);
            started.wait(lock, [&] { return bool(seen[i]); });
            latenciesMs[i] = std::chrono::duration<double, std::milli>(startedAt[i] - before).count();
        }
    });
    QObject::connect(producer, &QThread::finished, &worker, &Dispatcher::stop);
    QObject::connect(&worker, &Dispatcher::finished, &app, &QCoreApplication::quit);
    producer->start();
    app.exec();
    producer->wait();
    delete producer;
    if (!producerError.isEmpty())
        bench::die(QStringLiteral("the producer stopped: ") + producerError);

    std::vector<double> sorted(latenciesMs.begin() + warmup, latenciesMs.end());
    std::sort(sorted.begin(), sorted.end());
    auto percentile = [&](double p) { return sorted[std::min<size_t>(sorted.size() - 1, size_t(p * sorted.size()))]; };
    enqueueMs.erase(enqueueMs.begin(), enqueueMs.begin() + warmup);
    std::sort(enqueueMs.begin(), enqueueMs.end());
    const double enqueueP50 = enqueueMs[enqueueMs.size() / 2];
    double sum = 0;
    for (double v : sorted)
        sum += v;
    out << QStringLiteral("%1 (%2), %3 sequential tasks after %10 of warm-up, poll max %4 ms: avg %5 ms, p50 %6 ms,"
                          " p90 %7 ms, p99 %8 ms (enqueue alone p50 %9 ms)\n")
               .arg(locator->redacted(), dialect)
               .arg(tasks)
               .arg(options.pollMaxMs)
               .arg(sum / sorted.size(), 0, 'f', 2)
               .arg(percentile(0.50), 0, 'f', 2)
               .arg(percentile(0.90), 0, 'f', 2)
               .arg(percentile(0.99), 0, 'f', 2)
               .arg(enqueueP50, 0, 'f', 2)
               .arg(warmup);
    return 0;
}
