#pragma once

#include "models/LiveTableModel.h"
#include "store/Requests.h"

#include <functional>

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
    // Changes a queue as `taskdeckctl queue pause|resume|set` does (audited); done gets the outcome on this thread,
    // and the list is read again.
    void setPaused(const QString& queue, bool paused, std::function<void(Status)> done);
    void update(const QString& queue, const QueueUpdate& update, std::function<void(Status)> done);

    // The tasks a count cell stands for (running or failed tasks of the row's queue), as a task list filter; none
    // for the other cells.
    std::optional<TaskFilter> filterAt(const QModelIndex& index) const;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void change(std::function<Status(TaskStore&)> job, std::function<void(Status)> done);

    QList<Row> m_rows;
    // Every queue shown since the console connected: a queue whose last task finished stays, with zero counts, so
    // that rows do not come and go under the operator's pointer.
    QStringList m_seen;
};

} // namespace taskdeck
