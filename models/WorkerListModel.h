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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

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

// The attempts of one task (its task_runs rows), for the details pane's timeline.
class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AttemptColumn,
        WorkerColumn,
        StartedColumn,
        FinishedColumn,
        DurationColumn,
        OutcomeColumn,
        MessageColumn,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;
    void setRuns(const QList<TaskRun>& runs);
    const QList<TaskRun>& runs() const { return m_runs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TaskRun> m_runs;
};

} // namespace taskdeck
