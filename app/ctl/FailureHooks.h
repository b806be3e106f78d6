#pragma once

#include "executor/WorkerConfig.h"

#include <QObject>

class QProcess;

namespace taskdeck {

struct Task;

// The worker configuration's on_failed program: started once per task that lands in failed, with the task as JSON on
// its standard input. Each run is killed after a minute, so that a hanging alert never piles up.
class FailureHooks : public QObject
{
    Q_OBJECT

public:
    explicit FailureHooks(OnFailedHook hook, QObject* parent = nullptr);
    ~FailureHooks() override;

    void run(const Task& task);
    // Gives alerts already started up to timeoutMs to go out (an event loop that ends with the last of them).
    void waitForRunning(int timeoutMs);

signals:
    void hookFailed(const QString& message);
    void allFinished();

private:
    OnFailedHook m_hook;
    QList<QProcess*> m_running;
};

} // namespace taskdeck
