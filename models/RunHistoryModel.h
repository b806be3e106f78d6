#pragma once

#include "store/Task.h"

#include <QAbstractTableModel>

namespace taskdeck {

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
