#pragma once

#include <QMutex>
#include <QWaitCondition>

#include <atomic>

namespace taskdeck {

// Tells a running handler to stop, and why. Set by the dispatcher's thread, read by the handler's thread; the
// first reason wins.
class CancellationToken
{
public:
    enum class Reason {
        None,
        TimedOut,
        Cancelled, // an operator cancelled the task
        LeaseLost, // another worker may run it now: stop, and report nothing
        ShuttingDown, // the worker is stopping and the grace period is over
    };

    void cancel(Reason reason);
    bool isCancelled() const { return m_reason.load() != int(Reason::None); }
    Reason reason() const { return Reason(m_reason.load()); }
    // Sleeps up to ms milliseconds; returns early (true) when cancelled.
    bool waitFor(qint64 ms) const;

private:
    std::atomic<int> m_reason{int(Reason::None)};
    mutable QMutex m_mutex;
    mutable QWaitCondition m_cancelled;
};

} // namespace taskdeck
