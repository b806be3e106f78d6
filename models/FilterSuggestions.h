#pragma once

#include <QElapsedTimer>
#include <QObject>

class QStringListModel;

namespace taskdeck {

class StoreClient;

// The queue and handler names the task list's filter boxes offer as the operator types, read from the database
// now and then (at most twice a minute), never on every refresh.
class FilterSuggestions : public QObject
{
    Q_OBJECT

public:
    explicit FilterSuggestions(StoreClient* client, QObject* parent = nullptr);

    QStringListModel* queues() const { return m_queues; }
    QStringListModel* handlers() const { return m_handlers; }
    // Reads the names again unless they were read within the last 30 s (force: read them now).
    void refresh(bool force = false);

Q_SIGNALS:
    void updated();

private:
    StoreClient* m_client;
    QStringListModel* m_queues;
    QStringListModel* m_handlers;
    QElapsedTimer m_sinceRead;
    bool m_busy = false;
};

} // namespace taskdeck
