#include "models/RunHistoryModel.h"

#include "client/StoreClient.h"
#include "common/Duration.h"
#include "models/TaskListModel.h"

#include <QColor>
#include <QHash>

namespace taskdeck {

void RunHistoryModel::setRuns(const QList<TaskRun>& runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskRun& run = m_runs.at(index.row());
    // Times as the task list shows them (today's without the date), in full in the tooltip.
    if (role == Qt::ToolTipRole && index.column() == StartedColumn)
        return formatTime(run.startedAt);
    if (role == Qt::ToolTipRole && index.column() == FinishedColumn)
        return formatTime(run.finishedAt);
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return run.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case AttemptColumn:
        return run.attempt;
    case WorkerColumn:
        return run.worker;
    case StartedColumn:
        return formatTimeCompact(run.startedAt, QDateTime::currentDateTimeUtc());
    case FinishedColumn:
        return formatTimeCompact(run.finishedAt, QDateTime::currentDateTimeUtc());
    case DurationColumn:
        return run.durationMs ? formatDurationMs(*run.durationMs) : QString();
    case OutcomeColumn:
        return outcomeLabel(run.outcome);
    case MessageColumn:
        return run.message.simplified().left(300);
    default:
        return {};
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[] = {QT_TR_NOOP("Attempt"),  QT_TR_NOOP("Worker"),   QT_TR_NOOP("Started"),
                                        QT_TR_NOOP("Finished"), QT_TR_NOOP("Duration"), QT_TR_NOOP("Outcome"),
                                        QT_TR_NOOP("Message")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace taskdeck
