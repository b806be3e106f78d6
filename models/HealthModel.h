#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace taskdeck {

class StoreClient;

// A database's health in a few numbers, for the line at the top of its page: failed runs in the last hour, how
// long the oldest runnable task has waited, live workers (the failed and paused counts come from the overview, which
// reads them anyway). Read on the client's thread.
class HealthModel : public QObject
{
    Q_OBJECT

public:
    struct Health
    {
        qint64 failedRunsLastHour = 0; // failed, timed out and lost runs
        std::optional<qint64> oldestWaitingMs; // none: nothing is waiting
        QString oldestWaitingQueue;
        int liveWorkers = 0;
    };

    explicit HealthModel(StoreClient* client, QObject* parent = nullptr);

    void refresh();
    // Set once the first refresh answered.
    const std::optional<Health>& health() const { return m_health; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void updated();

private:
    QPointer<StoreClient> m_client;
    std::optional<Health> m_health;
    QString m_lastError;
    bool m_busy = false;
};

} // namespace taskdeck
