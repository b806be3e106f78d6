#pragma once

#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <deque>
#include <functional>

namespace taskdeck {

// Where the dispatcher's handlers run: pumps, pool threads that take ready runs one after another until none is
// left. A burst of short tasks then costs a few thread wake-ups instead of one per task; a run that waits because
// every pump is busy with a long handler gets a pump of its own within kStallMs.
//
// queue(), takeQueued() and the stall check run on the owner's thread; the runs themselves on the pool.
class RunPumps : public QObject
{
public:
    explicit RunPumps(int concurrency, QObject* parent = nullptr);
    // Drops the runs that have not started and waits for the running ones.
    ~RunPumps() override;

    void queue(qint64 taskId, std::function<void()> job);
    // Removes a run that has not started yet; false when it has (or was never queued).
    bool takeQueued(qint64 taskId);
    // Forgets the runs that have not started (they never will).
    void dropQueued();
    void stopStallCheck() { m_stallTimer.stop(); }

private:
    struct ReadyRun
    {
        qint64 taskId = 0;
        qint64 queuedAtMs = 0; // monotonic
        std::function<void()> job;
    };

    void startPumps(int count);
    void pump();
    void checkStalledRuns();

    const int m_concurrency;
    QThreadPool m_pool;
    QTimer m_stallTimer;
    QMutex m_readyMutex; // guards the three below
    std::deque<ReadyRun> m_ready;
    int m_pumps = 0; // started on the pool and not yet finished
    int m_busyPumps = 0; // running a handler
    int m_eagerPumps = 2; // started at once for new runs; more only for runs that waited kStallMs
};

} // namespace taskdeck
