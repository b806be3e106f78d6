#pragma once

#include "models/LiveTableModel.h"
#include "store/Schedules.h"

namespace taskdeck {

// Event subscriptions: which handlers get a task when an event is published.
class SubscriptionListModel : public LiveTableModel
{
    Q_OBJECT

public:
    enum Column {
        EventColumn,
        HandlerColumn,
        QueueColumn,
        PriorityColumn,
        ColumnCount
    };

    explicit SubscriptionListModel(StoreClient* client, QObject* parent = nullptr);
    void refresh();
    const QList<Subscription>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<Subscription> m_rows;
};

} // namespace taskdeck
