#include "models/SubscriptionListModel.h"

#include "common/Duration.h"
#include "models/TaskListModel.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"

#include <QColor>

namespace taskdeck {

SubscriptionListModel::SubscriptionListModel(StoreClient* client, QObject* parent)
    : LiveTableModel(client, parent)
{
    setColumnTitles({QT_TR_NOOP("Event"), QT_TR_NOOP("Handler"), QT_TR_NOOP("Queue"), QT_TR_NOOP("Priority")});
}

void SubscriptionListModel::refresh()
{
    refreshRows(
        m_rows, [](TaskStore& store) { return store.subscriptions(); },
        [](const Subscription& s) -> QString { return s.event + QChar(0) + s.handler; });
}

int SubscriptionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SubscriptionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::DisplayRole)
        return {};
    const Subscription& s = m_rows.at(index.row());
    switch (index.column()) {
    case EventColumn:
        return s.event;
    case HandlerColumn:
        return s.handler;
    case QueueColumn:
        return s.queue;
    case PriorityColumn:
        return s.priority;
    default:
        return {};
    }
}

} // namespace taskdeck
