#include "demo/DemoProducer.h"

#include "client/StoreClient.h"
#include "demo/DemoHistory.h"
#include "demo/DemoWorkload.h"

#include <QDateTime>

namespace taskdeck {

DemoProducer::DemoProducer(StoreClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_timer(this)
    // Numbered from the clock: the demo database outlives a run, and its unique keys must not repeat.
    , m_nextNumber(int(QDateTime::currentSecsSinceEpoch() % 1'000'000) * 100)
{
    m_timer.setInterval(1'500);
    connect(&m_timer, &QTimer::timeout, this, &DemoProducer::addBatch);
    connect(m_client, &StoreClient::opened, this, &DemoProducer::addFirstBatch);
}

void DemoProducer::addFirstBatch()
{
    // A day of generated history and a first batch, so that every view has something to show at once.
    const int first = m_nextNumber;
    m_nextNumber += 40;
    m_client->run(
        this,
        [first](TaskStore& store) -> Status {
            if (auto s = demo::addHistory(store); !s)
                return s;
            if (auto s = demo::addRecurringWork(store); !s)
                return s;
            auto batch = store.enqueueBatch(demo::sampleTasks(40, first));
            return batch ? Status{} : Status(batch.error());
        },
        [this](const Status& status) { answer(status ? QString() : status.error().message); });
    m_timer.start();
}

void DemoProducer::addBatch()
{
    const int first = m_nextNumber;
    m_nextNumber += 3;
    m_client->run(
        this,
        [first](TaskStore& store) -> Status {
            if (auto batch = store.enqueueBatch(demo::sampleTasks(3, first)); !batch)
                return batch.error();
            if (first % 4 != 0)
                return {};
            auto published = demo::publishOrder(store, first);
            return published ? Status{} : Status(published.error());
        },
        [this](const Status& status) { answer(status ? QString() : status.error().message); });
}

void DemoProducer::answer(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged(problem);
}

} // namespace taskdeck
