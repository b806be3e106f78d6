#pragma once

#include "models/LiveTableModel.h"
#include "store/Requests.h"

namespace taskdeck {

// Queues with their own settings and their task counts; pause/resume and settings go through the same store API as
// `taskdeckctl queue`.
class QueueListModel : public LiveTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StatusColumn,
        PendingColumn,
        RunningColumn,
        FailedColumn,
        LimitColumn,
        AttemptsColumn,
        BackoffColumn,
        TimeoutColumn,
        ColumnCount
    };
    struct Row
    {
        QueueSettings settings;
        qint64 pending = 0;
        qint64 running = 0;
        qint64 failed = 0;
        bool operator==(const Row& other) const;
    };

    explicit QueueListModel(StoreClient* client, QObject* parent = nullptr);
    void refresh();
    const QList<Row>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

} // namespace taskdeck
