#include "models/HealthModel.h"

#include "client/StoreClient.h"
#include "models/WorkerListModel.h"

namespace taskdeck {

HealthModel::HealthModel(StoreClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{ }

void HealthModel::refresh()
{
    if (m_busy || !m_client)
        return;
    m_busy = true;
    m_client->run(
        this,
        [](TaskStore& store) -> Result<Health> {
            Health health;
            auto now = store.databaseTime();
            if (!now)
                return now.error();
            // One bucket for the whole hour: the database sums it.
            auto lastHour = store.stats(now->addSecs(-3600), 3600 * 1000);
            if (!lastHour)
                return lastHour.error();
            for (const StatsRow& row : std::as_const(*lastHour)) {
                if (row.outcome == RunOutcome::Failed || row.outcome == RunOutcome::TimedOut ||
                    row.outcome == RunOutcome::Lost)
                    health.failedRunsLastHour += row.count;
            }
            auto lags = store.queueLagMs();
            if (!lags)
                return lags.error();
            for (const auto& [queue, lagMs] : std::as_const(*lags)) {
                if (!health.oldestWaitingMs || lagMs > *health.oldestWaitingMs) {
                    health.oldestWaitingMs = lagMs;
                    health.oldestWaitingQueue = queue;
                }
            }
            auto workers = store.workers();
            if (!workers)
                return workers.error();
            for (const WorkerInfo& worker : std::as_const(*workers)) {
                if (!worker.stopping && worker.heartbeatAt.msecsTo(*now) <= WorkerListModel::kStaleAfterMs)
                    ++health.liveWorkers;
            }
            return health;
        },
        [this](Result<Health> health) {
            m_busy = false;
            if (!health) {
                m_lastError = health.error().message;
                Q_EMIT updated();
                return;
            }
            m_lastError.clear();
            m_health = *health;
            Q_EMIT updated();
        });
}

} // namespace taskdeck
