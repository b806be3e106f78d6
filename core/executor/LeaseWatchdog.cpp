#include "executor/LeaseWatchdog.h"

namespace taskdeck {

LeaseWatchdog::LeaseWatchdog(qint64 limitMs)
    : m_limitMs(limitMs)
{
    m_sinceRenewal.start();
}

LeaseWatchdog::~LeaseWatchdog()
{
    shutdown();
    wait();
}

void LeaseWatchdog::renewed()
{
    QMutexLocker lock(&m_mutex);
    m_sinceRenewal.restart();
}

void LeaseWatchdog::watch(qint64 taskId, std::shared_ptr<CancellationToken> token)
{
    QMutexLocker lock(&m_mutex);
    m_tokens[taskId] = std::move(token);
}

void LeaseWatchdog::forget(qint64 taskId)
{
    QMutexLocker lock(&m_mutex);
    m_tokens.erase(taskId);
}

void LeaseWatchdog::shutdown()
{
    QMutexLocker lock(&m_mutex);
    m_stop = true;
    m_wake.wakeAll();
}

void LeaseWatchdog::run()
{
    QMutexLocker lock(&m_mutex);
    while (!m_stop) {
        if (m_sinceRenewal.elapsed() > m_limitMs) {
            for (const auto& [id, token] : m_tokens)
                token->cancel(CancellationToken::Reason::LeaseLost);
        }
        m_wake.wait(&m_mutex, QDeadlineTimer(std::max<qint64>(50, m_limitMs / 10)));
    }
}

} // namespace taskdeck
