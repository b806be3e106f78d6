#pragma once

#include "executor/Dispatcher.h"

#include <QObject>
#include <QPointer>
#include <QThread>

namespace taskdeck {

// A Dispatcher on a thread of its own, for an application that hosts the executor (the console's local executor):
// start, stop gracefully, run one task now; the dispatcher's signals arrive on the owner's thread.
class LocalExecutor : public QObject
{
    Q_OBJECT

public:
    explicit LocalExecutor(QObject* parent = nullptr);
    ~LocalExecutor() override; // stops running handlers at once and waits for the worker to record them

    // Starts the worker; started() or startFailed() follows.
    void start(const Locator& locator, std::shared_ptr<const HandlerRegistry> handlers, WorkerOptions options);
    // Graceful: no new claims, running tasks may finish within the grace period; stopped() follows.
    void stop();
    void runNow(qint64 taskId);
    bool isRunning() const { return m_dispatcher != nullptr; }
    QString workerId() const { return m_workerId; }
    QStringList handlerNames() const { return m_handlerNames; }

Q_SIGNALS:
    void started(const QString& workerId);
    void startFailed(const QString& message);
    void stopped();
    void runStarted(qint64 taskId, const QString& queue, const QString& handler, int attempt);
    void runProgressed(qint64 taskId, int percent, const QString& message);
    void runEnded(qint64 taskId);
    void runRecorded(qint64 taskId, const QString& queue, const QString& handler, taskdeck::RunOutcome outcome,
                     qint64 durationMs);
    void runNowRefused(qint64 taskId, const QString& reason);
    void connectionProblem(const QString& message);
    void connectionRestored();

private:
    QThread* m_thread = nullptr;
    Dispatcher* m_dispatcher = nullptr; // lives on m_thread
    QString m_workerId;
    QStringList m_handlerNames;
};

} // namespace taskdeck
