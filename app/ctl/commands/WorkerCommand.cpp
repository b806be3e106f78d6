// taskdeckctl worker: run tasks with the handlers of a configuration file until stopped.

#include "app/ctl/commands/WorkerCommand.h"

#include "app/ctl/CtlOutput.h"
#include "app/ctl/FailureHooks.h"
#include "app/ctl/MetricsServer.h"
#include "app/ctl/SignalWatcher.h"
#include "app/ctl/WorkerMetricsText.h"
#include "executor/Dispatcher.h"
#include "executor/ProcessHandler.h"
#include "executor/WorkerConfig.h"
#include "store/TaskStore.h"
#ifdef Q_OS_WIN
#include "app/ctl/WindowsService.h"
#endif

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <atomic>

namespace taskdeck {

int WorkerCommand::run(const Invocation& context)
{
    QCommandLineParser parser;
    const QCommandLineOption config(QStringLiteral("config"),
                                    tr("The worker configuration (JSON): the database and "
                                       "the handlers this worker runs."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption queues(QStringLiteral("queues"), tr("Only these queues (comma-separated)."),
                                    QStringLiteral("Q,…"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), tr("Tasks at once."), QStringLiteral("N"));
    const QCommandLineOption once(QStringLiteral("once"), tr("Claim one batch, run it, exit."));
    const QCommandLineOption drain(QStringLiteral("drain"),
                                   tr("Run until no task is runnable now (delayed and backing-off tasks stay), exit."));
    const QCommandLineOption metrics(QStringLiteral("metrics"), tr("Serve Prometheus metrics on HOST:PORT."),
                                     QStringLiteral("HOST:PORT"));
    const QCommandLineOption name(QStringLiteral("name"), tr("Name shown in the workers table."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          tr("Read the database password from FILE instead of the configuration's "
                                             "password_file (systemd: --password-file %d/password with "
                                             "LoadCredential=password:…)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption service(QStringLiteral("service"),
                                     tr("Run as the Windows service NAME, created with sc.exe (Windows only; on Linux "
                                        "use the taskdeck-worker@ systemd unit)."),
                                     QStringLiteral("NAME"));
    parser.addOptions({config, queues, concurrency, once, drain, metrics, name, passwordFile, service});
    int code = 0;
    if (!parseCommand(parser, context, QString(),
                      tr("Run tasks with the handlers of a configuration file, until SIGTERM/SIGINT (a second one "
                         "stops running handlers at once)."),
                      &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(context.command, tr("worker takes options only"));
    if (!parser.isSet(config))
        return usageError(context.command,
                          tr("give the worker's configuration with --config FILE: it lists the "
                             "handlers this worker may run"));
#ifndef Q_OS_WIN
    if (parser.isSet(service))
        return usageError(context.command,
                          tr("--service runs a worker as a Windows service; on Linux use the systemd unit "
                             "taskdeck-worker@NAME (man taskdeckctl)"));
#endif
    if (parser.isSet(once) && parser.isSet(drain))
        return usageError(context.command, tr("give --once or --drain, not both"));
    std::optional<int> concurrencyValue;
    if (parser.isSet(concurrency)) {
        bool ok = false;
        const int n = parser.value(concurrency).toInt(&ok);
        if (!ok || n < 1 || n > 1000)
            return usageError(context.command, tr("--concurrency needs a number from 1 to 1000"));
        concurrencyValue = n;
    }

    // The database: --db, else the configuration's, else TASKDECK_DB, else the embedded one.
    auto configured = WorkerConfig::readDatabase(parser.value(config));
    if (!configured)
        return usageError(context.command, configured.error().message);
    Invocation effective = context;
    if (!parser.isSet(dbOption()) && !context.dbFromGlobalOption && !configured->isEmpty())
        effective.dbFromGlobalOption = *configured;
    bool isDefault = false;
    auto locator = resolveLocator(parser, effective, &isDefault);
    if (!locator)
        return usageError(context.command, locator.error().message);
    auto loaded = WorkerConfig::load(parser.value(config), *locator);
    if (!loaded)
        return usageError(context.command, loaded.error().message);
    WorkerConfig& cfg = *loaded;
#ifdef Q_OS_WIN
    // The service control manager waits at most 30 seconds for a service to check in: before any connection.
    std::unique_ptr<win::ServiceSession> serviceSession;
    // Set once the worker runs, read on the service manager's thread; a stop before that ends the start-up.
    std::atomic<SignalWatcher*> stopSignal = nullptr;
    if (parser.isSet(service)) {
        serviceSession = std::make_unique<win::ServiceSession>();
        serviceSession->setStopWaitHintMs(ulong(cfg.options.shutdownGraceMs + 30'000));
        std::wstring why;
        if (!serviceSession->start(
                parser.value(service).toStdWString(),
                [&stopSignal] {
                    if (SignalWatcher* watcher = stopSignal.load())
                        QMetaObject::invokeMethod(watcher, "stopRequested", Qt::QueuedConnection);
                },
                &why))
            return fail(makeError(ErrorCode::InvalidArgument, QString::fromStdWString(why)));
    }
#endif
    if (parser.isSet(passwordFile))
        cfg.passwordFile = parser.value(passwordFile);
    if (!cfg.passwordFile.isEmpty()) {
        auto password = cfg.readPassword();
        if (!password)
            return fail(password.error());
        locator->setPassword(*password);
    }
    if (isDefault) {
        // The embedded database is created on first use, as for every other command.
        auto created = TaskStore::open(*locator, {}, SchemaMode::CreateOrUpgrade);
        if (!created)
            return fail(created.error());
    }
    WorkerOptions options = cfg.options;
    if (parser.isSet(queues))
        options.queues = parser.value(queues).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (concurrencyValue)
        options.concurrency = *concurrencyValue;
    if (parser.isSet(name))
        options.name = parser.value(name);
    options.mode = parser.isSet(once) ? WorkerOptions::Mode::Once
        : parser.isSet(drain)         ? WorkerOptions::Mode::Drain
                                      : WorkerOptions::Mode::Continuous;

    Dispatcher worker(*locator, cfg.handlers, options);
    std::unique_ptr<FailureHooks> failureHooks;
    if (cfg.onFailed) {
        failureHooks = std::make_unique<FailureHooks>(*cfg.onFailed);
        QObject::connect(failureHooks.get(), &FailureHooks::hookFailed, failureHooks.get(),
                         [this](const QString& message) { m_err << message << Qt::endl; });
        worker.setOnFailed([hooks = failureHooks.get()](const Task& task) { hooks->run(task); });
    }
    std::unique_ptr<MetricsServer> metricsServer;
    QString lastProblem;
    const QString metricsAddress = parser.isSet(metrics) ? parser.value(metrics) : cfg.metrics;
    if (!metricsAddress.isEmpty()) {
        metricsServer = std::make_unique<MetricsServer>(
            [&worker] { return renderWorkerMetrics(worker); },
            [&worker, &lastProblem] {
                return worker.isDisconnected()
                    ? MetricsServer::Health{false, tr("no database connection: %1").arg(lastProblem)}
                    : MetricsServer::Health{};
            });
        if (auto s = metricsServer->listen(metricsAddress); !s)
            return fail(s.error());
    }
    QObject::connect(&worker, &Dispatcher::connectionProblem, &worker, [this, &lastProblem](const QString& message) {
        lastProblem = message;
        m_err << tr("worker: %1 — retrying").arg(message) << Qt::endl;
    });
    QObject::connect(&worker, &Dispatcher::connectionRestored, &worker,
                     [this] { m_err << tr("worker: connection restored") << Qt::endl; });

    if (auto s = worker.start(); !s)
        return fail(s.error());
    m_err << tr("worker %1 started on %2: handlers %3; queues %4; concurrency %5")
                 .arg(worker.workerId(), locator->redacted(), cfg.handlers->names().join(u", "),
                      options.queues.isEmpty() ? tr("all") : options.queues.join(u", "))
                 .arg(options.concurrency)
          << Qt::endl;

    SignalWatcher signalWatcher;
#ifdef Q_OS_WIN
    stopSignal = &signalWatcher;
#endif
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, &worker, [this, &worker] {
        m_err << (worker.isStopping() ? tr("worker: stopping running handlers now")
                                      : tr("worker: stopping — running tasks may finish within the grace period"))
              << Qt::endl;
        worker.stop();
    });
    QEventLoop loop;
    int exitCode = 0;
    QObject::connect(&worker, &Dispatcher::finished, &loop, [&](int finishedCode) {
        exitCode = finishedCode;
        loop.quit();
    });
    loop.exec();
    // Alerts already started are given a moment to go out.
    if (failureHooks)
        failureHooks->waitForRunning(10'000);

    qint64 recorded = 0;
    for (const auto& series : worker.metrics().byQueueAndHandler) {
        for (qint64 count : series.completed)
            recorded += count;
    }
    m_err << tr("worker %1 stopped: %2 runs recorded").arg(worker.workerId()).arg(recorded) << Qt::endl;
#ifdef Q_OS_WIN
    stopSignal = nullptr;
    if (serviceSession)
        serviceSession->reportStopped(exitCode);
#endif
    return exitCode;
}

} // namespace taskdeck
