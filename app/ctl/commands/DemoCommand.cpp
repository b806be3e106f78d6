// taskdeckctl demo: sample tasks of a small shop, run by a real worker with the demo's handlers.

#include "app/ctl/commands/DemoCommand.h"

#include "app/ctl/CtlOutput.h"
#include "app/ctl/SignalWatcher.h"
#include "demo/DemoWorkload.h"
#include "executor/Dispatcher.h"
#include "executor/HandlerRegistry.h"
#include "store/TaskStore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSysInfo>
#include <QTimer>

#include <algorithm>

namespace taskdeck {

namespace {

// Long enough for every task of the default mix, its retries and its delayed cancellations; a larger --tasks may
// leave some waiting, and the summary says so.
constexpr qint64 kDemoRunMs = 60'000;

bool workWaits(const QList<StateCount>& counts)
{
    return std::any_of(counts.cbegin(), counts.cend(), [](const StateCount& c) {
        return c.count > 0 &&
            (c.state == DisplayState::Pending || c.state == DisplayState::Scheduled ||
             c.state == DisplayState::Retrying || c.state == DisplayState::Running);
    });
}

} // namespace

int DemoCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption count(QStringLiteral("tasks"), tr("How many tasks to enqueue (default 60)."),
                                   QStringLiteral("N"));
    parser.addOption(count);
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("Enqueue sample tasks (order cancellations, report exports, loyalty points, notifications) "
                         "and process them here, showing retries with backoff and the dead-letter state."),
                      &code))
        return code;
    int total = 60;
    if (parser.isSet(count)) {
        bool ok = false;
        total = parser.value(count).toInt(&ok);
        if (!ok || total < 1 || total > 100000)
            return usageError(context.command, tr("--tasks needs a number from 1 to 100000"));
    }
    bool isDefault = false;
    auto locator = resolveLocator(parser, context, &isDefault);
    if (!locator)
        return fail(locator.error());
    auto opened = TaskStore::open(*locator, demo::storeOptions(), SchemaMode::CreateOrUpgrade);
    if (!opened)
        return fail(opened.error());
    TaskStore& store = **opened;
    m_out << tr("TaskDeck demo on %1").arg(store.locator().redacted()) << Qt::endl;

    // Numbered from the clock so that a second run does not collide with the first one's unique keys.
    const QList<EnqueueRequest> requests =
        demo::sampleTasks(total, int(QDateTime::currentSecsSinceEpoch() % 1'000'000) * 100);
    auto enqueued = store.enqueueBatch(requests);
    if (!enqueued)
        return fail(enqueued.error());
    m_out
        << tr("enqueued %1 tasks in one transaction; a worker with the demo's handlers runs them").arg(enqueued->size())
        << Qt::endl;

    auto handlers = std::make_shared<HandlerRegistry>();
    demo::addHandlers(*handlers);
    WorkerOptions options;
    options.name = QStringLiteral("demo@%1").arg(QSysInfo::machineHostName());
    options.concurrency = 8;
    options.pollMaxMs = 500;
    options.fireSchedules = false;
    options.maintain = false;
    options.store = demo::storeOptions();
    Dispatcher worker(*locator, handlers, options);

    qint64 processed = 0;
    QObject::connect(&worker, &Dispatcher::runRecorded, &worker,
                     [this, &processed] { m_out << tr("processed %1 runs").arg(++processed) << '\r' << Qt::flush; });
    QObject::connect(&worker, &Dispatcher::connectionProblem, &worker,
                     [this](const QString& message) { m_err << tr("demo: %1 — retrying").arg(message) << Qt::endl; });

    // The worker stops once nothing waits any more (delayed cancellations and retries included), at the deadline, or
    // on Ctrl-C; the first two are read here, from this thread's own connection.
    QString stopReason;
    QElapsedTimer clock;
    clock.start();
    QTimer watch;
    watch.setInterval(500);
    QObject::connect(&watch, &QTimer::timeout, &worker, [&] {
        if (worker.isStopping())
            return;
        auto counts = store.countTasks();
        if (!counts) {
            stopReason = counts.error().message;
            worker.stop();
        } else if (!workWaits(*counts)) {
            worker.stop();
        } else if (clock.elapsed() > kDemoRunMs) {
            stopReason = tr("stopped after %1 s; the tasks still waiting run with 'taskdeckctl worker' or in the "
                            "console")
                             .arg(kDemoRunMs / 1000);
            worker.stop();
        }
    });
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, &worker, [&worker] { worker.stop(); });

    if (auto started = worker.start(); !started)
        return fail(started.error());
    watch.start();
    QEventLoop loop;
    QObject::connect(&worker, &Dispatcher::finished, &loop, &QEventLoop::quit);
    loop.exec();
    m_out << '\n';
    if (!stopReason.isEmpty())
        m_err << "taskdeckctl demo: " << stopReason << Qt::endl;
    m_out.flush();
    return printStats(store, 3600 * 1000, false);
}

} // namespace taskdeck
