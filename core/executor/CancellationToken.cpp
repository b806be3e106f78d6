#include "executor/CancellationToken.h"

#include <QDeadlineTimer>

namespace taskdeck {

void CancellationToken::cancel(Reason reason)
{
    int expected = int(Reason::None);
    if (m_reason.compare_exchange_strong(expected, int(reason))) {
        QMutexLocker lock(&m_mutex);
        m_cancelled.wakeAll();
    }
}

bool CancellationToken::waitFor(qint64 ms) const
{
    QMutexLocker lock(&m_mutex);
    QDeadlineTimer deadline(ms);
    while (!isCancelled() && !deadline.hasExpired())
        m_cancelled.wait(&m_mutex, deadline);
    return isCancelled();
}

} // namespace taskdeck
