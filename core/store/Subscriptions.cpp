#include "store/Subscriptions.h"

#include "common/TextRules.h"
#include "common/Translate.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/TaskWriter.h"
#include "store/WriteScope.h"

namespace taskdeck {

Subscriptions::Subscriptions(StoreSession& session, TaskWriter& taskWriter)
    : m_session(session)
    , m_writer(taskWriter)
{ }

Status Subscriptions::subscribe(const Subscription& subscription)
{
    if (auto s = validateName(tr("event"), subscription.event, TextLimits::kEventName); !s)
        return s;
    if (auto s = validateName(tr("handler"), subscription.handler, TextLimits::kHandlerName); !s)
        return s;
    if (auto s = validateName(tr("queue"), subscription.queue, TextLimits::kQueueName); !s)
        return s;
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    // Subscribing again replaces the queue and priority.
    Statement remove(m_session, Sql::DeleteSubscription);
    remove.bindText(QStringLiteral(":event"), subscription.event);
    remove.bindText(QStringLiteral(":handler"), subscription.handler);
    if (auto s = remove.run(tr("replace the subscription")); !s)
        return s;
    Statement insert(m_session, Sql::InsertSubscription);
    insert.bindText(QStringLiteral(":event"), subscription.event);
    insert.bindText(QStringLiteral(":handler"), subscription.handler);
    insert.bindText(QStringLiteral(":queue"), subscription.queue);
    insert.bind(QStringLiteral(":priority"), subscription.priority);
    if (auto s = insert.run(tr("subscribe '%1' to event '%2'").arg(subscription.handler, subscription.event)); !s)
        return s;
    if (auto s = m_session.insertOperatorAction(
            QStringLiteral("subscribe"), 0,
            QStringLiteral("%1 → %2 on queue %3").arg(subscription.event, subscription.handler, subscription.queue));
        !s)
        return s;
    return scope.commit();
}

Status Subscriptions::unsubscribe(const QString& event, const QString& handler)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement remove(m_session, Sql::DeleteSubscription);
    remove.bindText(QStringLiteral(":event"), event);
    remove.bindText(QStringLiteral(":handler"), handler);
    if (auto s = remove.run(tr("unsubscribe '%1' from event '%2'").arg(handler, event)); !s)
        return s;
    if (remove.rowsAffected() != 1)
        return makeError(ErrorCode::NotFound,
                         tr("handler '%1' is not subscribed to event '%2' (see `subscriptions`)").arg(handler, event));
    if (auto s = m_session.insertOperatorAction(QStringLiteral("unsubscribe"), 0,
                                                QStringLiteral("%1 → %2").arg(event, handler));
        !s)
        return s;
    return scope.commit();
}

Result<QList<Subscription>> Subscriptions::subscriptions(const QString& event)
{
    Statement select(m_session, event.isEmpty() ? Sql::SelectSubscriptions : Sql::SelectEventSubscriptions);
    if (!event.isEmpty())
        select.bindText(QStringLiteral(":event"), event);
    if (auto s = select.run(tr("read the subscriptions")); !s)
        return s.error();
    QList<Subscription> list;
    while (select.next()) {
        Subscription subscription;
        subscription.event = select.text(SubscriptionColumn::Event);
        subscription.handler = select.text(SubscriptionColumn::Handler);
        subscription.queue = select.text(SubscriptionColumn::Queue);
        subscription.priority = select.number(SubscriptionColumn::Priority);
        subscription.createdAt = select.time(SubscriptionColumn::CreatedAt);
        list << subscription;
    }
    select.finish();
    return list;
}

Result<QList<EnqueueResult>> Subscriptions::publish(const QString& event, const QString& payload)
{
    if (auto s = validateName(tr("event"), event, TextLimits::kEventName); !s)
        return s.error();
    auto normalized = normalizePayload(payload);
    if (!normalized)
        return normalized.error();
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s.error();
    // Read inside the write transaction, so the fan-out matches the subscriptions at one moment.
    auto subscribers = subscriptions(event);
    if (!subscribers)
        return subscribers.error();
    QList<EnqueueRequest> requests;
    for (const Subscription& subscription : std::as_const(*subscribers)) {
        EnqueueRequest request;
        request.handler = subscription.handler;
        request.queue = subscription.queue;
        request.priority = subscription.priority;
        request.payload = *normalized;
        requests << request;
    }
    QList<EnqueueResult> results;
    if (!requests.isEmpty()) {
        auto enqueued = m_writer.enqueueBatch(requests);
        if (!enqueued)
            return enqueued.error();
        results = *enqueued;
    }
    if (auto s = scope.commit(); !s)
        return s.error();
    return results;
}

} // namespace taskdeck
