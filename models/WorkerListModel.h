#pragma once

#include "models/LiveTableModel.h"
#include "store/Requests.h"

namespace taskdeck {

// Registered workers, live: in flight, heartbeat age; a worker silent for longer than the stale limit is marked.
class WorkerListModel : public LiveTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        HostColumn,
        PidColumn,
        StatusColumn,
        InFlightColumn,
        QueuesColumn,
        HandlersColumn,
        StartedColumn,
        HeartbeatColumn,
        ColumnCount
    };
    struct Row
    {
        WorkerInfo worker;
        qint64 silentMs = 0;
        bool operator==(const Row& other) const;
    };
    static constexpr qint64 kStaleAfterMs = 60'000;

    explicit WorkerListModel(StoreClient* client, QObject* parent = nullptr);
    void refresh();
    const QList<Row>& rows() const { return m_rows; }
    // The tasks an in-flight count stands for: those running under that worker's leases. None for other cells.
    std::optional<TaskFilter> filterAt(const QModelIndex& index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

} // namespace taskdeck
