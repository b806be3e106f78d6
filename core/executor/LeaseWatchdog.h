#pragma once

#include "executor/CancellationToken.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <map>
#include <memory>

namespace taskdeck {

// Stops a worker's handlers when its leases can no longer be trusted. It runs on a thread of its own because the
// dispatcher's thread may be the one stuck in a database call that does not return (a server gone silent, a
// database locked by another process): renewals stop, and another worker will take the tasks once their leases
// run out, so the handlers must stop before that moment.
class LeaseWatchdog final : public QThread
{
public:
    // Handlers are stopped when no renewal succeeded for limitMs.
    explicit LeaseWatchdog(qint64 limitMs);
    ~LeaseWatchdog() override;

    void renewed();
    void watch(qint64 taskId, std::shared_ptr<CancellationToken> token);
    void forget(qint64 taskId);
    void shutdown();

protected:
    void run() override;

private:
    const qint64 m_limitMs;
    QMutex m_mutex;
    QWaitCondition m_wake;
    QElapsedTimer m_sinceRenewal;
    std::map<qint64, std::shared_ptr<CancellationToken>> m_tokens;
    bool m_stop = false;
};

} // namespace taskdeck
