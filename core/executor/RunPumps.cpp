#include "executor/RunPumps.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>

namespace taskdeck {

namespace {

// How long a ready run may wait for a pump before it gets one of its own: long enough that a burst of short tasks is
// worked off by the few eager pumps, short beside any handler that blocks.
constexpr qint64 kStallMs = 2;

qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}

} // namespace

RunPumps::RunPumps(int concurrency, QObject* parent)
    : QObject(parent)
    , m_concurrency(concurrency)
    , m_stallTimer(this)
{
    m_pool.setMaxThreadCount(m_concurrency);
    m_eagerPumps = std::min(m_concurrency, std::max(2, QThread::idealThreadCount()));
    m_stallTimer.setSingleShot(true);
    m_stallTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_stallTimer, &QTimer::timeout, this, &RunPumps::checkStalledRuns);
}

RunPumps::~RunPumps()
{
    dropQueued();
    m_pool.waitForDone();
}

void RunPumps::dropQueued()
{
    std::deque<ReadyRun> unstarted;
    {
        QMutexLocker lock(&m_readyMutex);
        unstarted.swap(m_ready);
    }
    // What the runs captured is released here, outside the lock.
}

void RunPumps::queue(qint64 taskId, std::function<void()> job)
{
    int toStart = 0;
    bool mayStall = false;
    {
        QMutexLocker lock(&m_readyMutex);
        m_ready.push_back(ReadyRun{taskId, monotonicMs(), std::move(job)});
        const int waiting = m_busyPumps + int(m_ready.size());
        if (m_pumps < std::min(m_eagerPumps, waiting)) {
            toStart = 1;
            ++m_pumps;
        }
        mayStall = m_pumps < waiting;
    }
    startPumps(toStart);
    if (mayStall && !m_stallTimer.isActive())
        m_stallTimer.start(int(kStallMs));
}

void RunPumps::startPumps(int count)
{
    for (int i = 0; i < count; ++i)
        m_pool.start([this] { pump(); });
}

void RunPumps::pump()
{
    QMutexLocker lock(&m_readyMutex);
    while (!m_ready.empty()) {
        std::function<void()> job = std::move(m_ready.front().job);
        m_ready.pop_front();
        ++m_busyPumps;
        lock.unlock();
        job();
        job = nullptr; // what the run captured goes outside the lock
        lock.relock();
        --m_busyPumps;
    }
    --m_pumps;
}

void RunPumps::checkStalledRuns()
{
    int toStart = 0;
    bool mayStall = false;
    {
        QMutexLocker lock(&m_readyMutex);
        if (m_ready.empty())
            return;
        const int waiting = m_busyPumps + int(m_ready.size());
        // Every pump is busy with a handler that takes its time: each run still waiting gets a pump of its own.
        if (monotonicMs() - m_ready.front().queuedAtMs >= kStallMs && m_pumps < waiting) {
            toStart = std::min(waiting, m_concurrency) - m_pumps;
            m_pumps += toStart;
        }
        mayStall = m_pumps < waiting;
    }
    startPumps(toStart);
    if (mayStall)
        m_stallTimer.start(int(kStallMs));
}

bool RunPumps::takeQueued(qint64 taskId)
{
    std::function<void()> job;
    {
        QMutexLocker lock(&m_readyMutex);
        const auto it = std::find_if(m_ready.begin(), m_ready.end(),
                                     [taskId](const ReadyRun& ready) { return ready.taskId == taskId; });
        if (it == m_ready.end())
            return false;
        job = std::move(it->job);
        m_ready.erase(it);
    }
    return true;
}

} // namespace taskdeck
