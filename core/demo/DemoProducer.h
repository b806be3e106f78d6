#pragma once

#include <QObject>
#include <QTimer>

namespace taskdeck {

class StoreClient;

// Keeps the console's demo database busy, through the page's own client: once the connection opens, the recurring
// work and a first batch of 40 tasks, then three tasks every 1.5 s and, every fourth time, a placed order published
// to its subscribers.
class DemoProducer : public QObject
{
    Q_OBJECT

public:
    explicit DemoProducer(StoreClient* client, QObject* parent = nullptr);

Q_SIGNALS:
    // A batch could not be written (message says why), or, with an empty message, the batches go in again.
    void problemChanged(const QString& message);

private:
    void addFirstBatch();
    void addBatch();
    void answer(const QString& problem);

    StoreClient* m_client;
    QTimer m_timer;
    int m_nextNumber = 0;
    QString m_problem;
};

} // namespace taskdeck
