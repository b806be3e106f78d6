#include "store/QueuePolicies.h"

#include "db/Columns.h"
#include "store/Statement.h"

#include <QRandomGenerator>

namespace taskdeck {

Result<QueuePolicies> QueuePolicies::read(StoreSession& session)
{
    QueuePolicies policies;
    policies.m_default = session.options().retryPolicy;
    policies.m_random = session.options().random;
    Statement select(session, Sql::SelectQueuePolicies);
    if (auto s = select.run(tr("read queue settings")); !s)
        return s.error();
    while (select.next()) {
        RetryPolicy policy = policies.m_default;
        if (!select.isNull(QueuePolicyColumn::DefaultMaxAttempts))
            policy.maxAttempts = select.number(QueuePolicyColumn::DefaultMaxAttempts);
        if (!select.isNull(QueuePolicyColumn::BackoffBaseMs))
            policy.baseDelayMs = select.integer(QueuePolicyColumn::BackoffBaseMs);
        if (!select.isNull(QueuePolicyColumn::BackoffMaxMs))
            policy.maxDelayMs = select.integer(QueuePolicyColumn::BackoffMaxMs);
        policies.m_byQueue.insert(select.text(QueuePolicyColumn::Name), policy);
    }
    select.finish();
    return policies;
}

qint64 QueuePolicies::retryDelayMs(const QString& queue, int attempt) const
{
    const double unitRandom = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
    return m_byQueue.value(queue, m_default).delayMs(attempt, unitRandom);
}

} // namespace taskdeck
