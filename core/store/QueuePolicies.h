#pragma once

#include "common/Result.h"
#include "store/RetryPolicy.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <functional>

namespace taskdeck {

class StoreSession;

// Each queue's retry policy (its own settings over the store's default), read once for the outcomes of a batch or
// a rescue, and the delay before a task's next attempt by it, with the store's jitter.
class QueuePolicies
{
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    static Result<QueuePolicies> read(StoreSession& session);

    qint64 retryDelayMs(const QString& queue, int attempt) const;

private:
    QHash<QString, RetryPolicy> m_byQueue;
    RetryPolicy m_default;
    std::function<double()> m_random; // [0, 1); empty: a real random generator
};

} // namespace taskdeck
