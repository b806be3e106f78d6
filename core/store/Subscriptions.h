#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class StoreSession;
class TaskWriter;

// Event fan-out: subscriptions, and publishing an event as one task per subscription in one transaction.
// A unit of TaskStore (the facade that callers use); it runs its statements through the store's StoreSession.
class Subscriptions
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    explicit Subscriptions(StoreSession& session, TaskWriter& taskWriter);

    // Event fan-out: publishing an event enqueues one task per subscription, all in one transaction.
    Status subscribe(const Subscription& subscription);
    Status unsubscribe(const QString& event, const QString& handler);
    Result<QList<Subscription>> subscriptions(const QString& event = {});
    Result<QList<EnqueueResult>> publish(const QString& event, const QString& payload);

private:
    StoreSession& m_session;
    TaskWriter& m_writer;
};

} // namespace taskdeck
