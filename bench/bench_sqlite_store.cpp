// Enqueue and drain throughput of the store on an embedded SQLite database (WAL, synchronous=NORMAL), with every
// guarantee of the real path: claims under leases, fenced completions, runs and stats recorded.
//
//   bench_sqlite_store [TASKS] [CLAIM_BATCH]

#include "store/TaskStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace taskdeck;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int tasks = args.size() > 1 ? args.at(1).toInt() : 100'000;
    const int batch = args.size() > 2 ? args.at(2).toInt() : 100;
    QTextStream out(stdout);

    QTemporaryDir dir;
    auto locator = Locator::parse(QLatin1String("sqlite:") + dir.filePath(QStringLiteral("bench.db")));
    auto store = TaskStore::open(*locator, {}, SchemaMode::CreateOrUpgrade);
    if (!store) {
        out << store.error().message << Qt::endl;
        return 1;
    }

    QList<EnqueueRequest> requests;
    requests.reserve(tasks);
    for (int i = 0; i < tasks; ++i) {
        EnqueueRequest request;
        request.handler = QStringLiteral("noop");
        request.payload = QStringLiteral("{\"n\": %1}").arg(i);
        requests << request;
    }
    QElapsedTimer timer;
    timer.start();
    for (qsizetype offset = 0; offset < requests.size(); offset += 1000) {
        auto done = (*store)->enqueueBatch(requests.mid(offset, 1000));
        if (!done) {
            out << done.error().message << Qt::endl;
            return 1;
        }
    }
    const double enqueueSeconds = timer.nsecsElapsed() / 1e9;

    timer.restart();
    qint64 drained = 0;
    const QString worker = QStringLiteral("bench");
    while (true) {
        auto claimed = (*store)->claim({worker, {}, {}, batch, 30'000});
        if (!claimed) {
            out << claimed.error().message << Qt::endl;
            return 1;
        }
        if (claimed->isEmpty())
            break;
        QList<Completion> completions;
        completions.reserve(claimed->size());
        for (const ClaimedTask& task : std::as_const(*claimed)) {
            completions << Completion::of(task);
        }
        auto report = (*store)->complete(worker, completions);
        if (!report) {
            out << report.error().message << Qt::endl;
            return 1;
        }
        drained += report->applied.size();
    }
    const double drainSeconds = timer.nsecsElapsed() / 1e9;
    out << QStringLiteral("tasks %1, claim batch %2\n").arg(tasks).arg(batch);
    out << QStringLiteral("enqueue (batches of 1000): %1 tasks/s\n").arg(tasks / enqueueSeconds, 0, 'f', 0);
    out << QStringLiteral("drain (claim + complete, runs recorded): %1 tasks/s\n")
               .arg(drained / drainSeconds, 0, 'f', 0);
    return drained == tasks ? 0 : 1;
}
