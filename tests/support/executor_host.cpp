// Hosts the console's local executor (LocalExecutor, on a thread of its own as in the console) in a process of its
// own, so that the fault tests can kill it as a console that crashes is killed.
//
//   executor_host LOCATOR WORKER_CONFIG
#include "executor/LocalExecutor.h"
#include "executor/WorkerConfig.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace taskdeck;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    if (argc != 3) {
        err << "usage: executor_host LOCATOR WORKER_CONFIG" << Qt::endl;
        return 2;
    }
    auto locator = Locator::parse(QString::fromLocal8Bit(argv[1]));
    if (!locator) {
        err << locator.error().message << Qt::endl;
        return 2;
    }
    auto config = WorkerConfig::load(QString::fromLocal8Bit(argv[2]), *locator);
    if (!config) {
        err << config.error().message << Qt::endl;
        return 2;
    }
    LocalExecutor executor;
    QObject::connect(&executor, &LocalExecutor::startFailed, &app, [&](const QString& message) {
        err << "cannot start the local executor: " << message << Qt::endl;
        app.exit(1);
    });
    executor.start(*locator, config->handlers, config->options);
    return app.exec();
}
