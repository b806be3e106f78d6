#include "executor/LocalExecutor.h"

namespace taskdeck {

LocalExecutor::LocalExecutor(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<RunOutcome>();
}

LocalExecutor::~LocalExecutor()
{
    if (!m_thread)
        return;
    if (m_dispatcher) {
        // Twice: the first stops claiming and hands back unstarted tasks, the second stops running handlers now.
        QMetaObject::invokeMethod(m_dispatcher, [d = m_dispatcher] {
            d->stop();
            d->stop();
        });
    }
    m_thread->wait();
    delete m_thread;
}

void LocalExecutor::start(const Locator& locator, std::shared_ptr<const HandlerRegistry> handlers,
                          WorkerOptions options)
{
    if (m_thread)
        return;
    m_handlerNames = handlers->names();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("taskdeck-local-executor"));
    auto* dispatcher = new Dispatcher(locator, std::move(handlers), std::move(options));
    dispatcher->moveToThread(m_thread);
    m_dispatcher = dispatcher;
    connect(dispatcher, &Dispatcher::runStarted, this, &LocalExecutor::runStarted);
    connect(dispatcher, &Dispatcher::runProgressed, this, &LocalExecutor::runProgressed);
    connect(dispatcher, &Dispatcher::runEnded, this, &LocalExecutor::runEnded);
    connect(dispatcher, &Dispatcher::runRecorded, this, &LocalExecutor::runRecorded);
    connect(dispatcher, &Dispatcher::runNowRefused, this, &LocalExecutor::runNowRefused);
    connect(dispatcher, &Dispatcher::connectionProblem, this, &LocalExecutor::connectionProblem);
    connect(dispatcher, &Dispatcher::connectionRestored, this, &LocalExecutor::connectionRestored);
    // Direct: the owner may be blocked waiting for this thread (in the destructor); QThread::quit() is thread-safe.
    connect(dispatcher, &Dispatcher::finished, m_thread, &QThread::quit, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, dispatcher, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->deleteLater();
        m_thread = nullptr;
        m_dispatcher = nullptr;
        m_workerId.clear();
        Q_EMIT stopped();
    });
    connect(m_thread, &QThread::started, dispatcher, [this, dispatcher] {
        if (auto status = dispatcher->start(); !status) {
            const QString message = status.error().message;
            QMetaObject::invokeMethod(this, [this, message] { Q_EMIT startFailed(message); });
            QThread::currentThread()->quit();
            return;
        }
        const QString id = dispatcher->workerId();
        QMetaObject::invokeMethod(this, [this, id] {
            m_workerId = id;
            Q_EMIT started(id);
        });
    });
    m_thread->start();
}

void LocalExecutor::stop()
{
    if (m_dispatcher)
        QMetaObject::invokeMethod(m_dispatcher, [d = m_dispatcher] { d->stop(); });
}

void LocalExecutor::runNow(qint64 taskId)
{
    if (!m_dispatcher) {
        Q_EMIT runNowRefused(taskId, tr("the local executor is not running: start it first"));
        return;
    }
    QMetaObject::invokeMethod(m_dispatcher, [d = m_dispatcher, taskId] { d->runNow(taskId); });
}

} // namespace taskdeck
