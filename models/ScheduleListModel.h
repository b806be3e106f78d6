#pragma once

#include "models/LiveTableModel.h"
#include "store/Schedules.h"

namespace taskdeck {

// The recurring schedules, next fire times shown in each schedule's own zone.
class ScheduleListModel : public LiveTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        EnabledColumn,
        CronColumn,
        ZoneColumn,
        NextRunColumn,
        LastRunColumn,
        HandlerColumn,
        QueueColumn,
        MissedColumn,
        ColumnCount
    };

    explicit ScheduleListModel(StoreClient* client, QObject* parent = nullptr);
    void refresh();
    const QList<Schedule>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<Schedule> m_rows;
};

} // namespace taskdeck
