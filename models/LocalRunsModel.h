#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

namespace taskdeck {

class LocalExecutor;

// What the console's local executor is running now: task, handler, attempt, elapsed time (ticking), progress.
class LocalRunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TaskColumn,
        QueueColumn,
        HandlerColumn,
        AttemptColumn,
        ElapsedColumn,
        ProgressColumn,
        ColumnCount
    };
    explicit LocalRunsModel(LocalExecutor* executor, QObject* parent = nullptr);

    qint64 taskIdAt(int row) const;
    qint64 finishedCount() const { return m_finished; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Run
    {
        qint64 taskId = 0;
        QString queue;
        QString handler;
        int attempt = 0;
        QElapsedTimer clock;
        int percent = -1;
        QString message;
    };
    int rowOf(qint64 taskId) const;

    QList<Run> m_runs;
    QTimer m_tick;
    qint64 m_finished = 0;
};

} // namespace taskdeck
