#include "models/LocalRunsModel.h"

#include "common/Duration.h"
#include "executor/LocalExecutor.h"

namespace taskdeck {

LocalRunsModel::LocalRunsModel(LocalExecutor* executor, QObject* parent)
    : QAbstractTableModel(parent)
    , m_tick(this)
{
    connect(executor, &LocalExecutor::runStarted, this,
            [this](qint64 taskId, const QString& queue, const QString& handler, int attempt) {
                if (rowOf(taskId) >= 0)
                    return;
                Run run{taskId, queue, handler, attempt, {}, -1, {}};
                run.clock.start();
                beginInsertRows({}, int(m_runs.size()), int(m_runs.size()));
                m_runs << run;
                endInsertRows();
            });
    connect(executor, &LocalExecutor::runProgressed, this, [this](qint64 taskId, int percent, const QString& message) {
        const int row = rowOf(taskId);
        if (row < 0)
            return;
        m_runs[row].percent = percent;
        m_runs[row].message = message;
        Q_EMIT dataChanged(index(row, ProgressColumn), index(row, ProgressColumn));
    });
    connect(executor, &LocalExecutor::runEnded, this, [this](qint64 taskId) {
        const int row = rowOf(taskId);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_runs.removeAt(row);
        endRemoveRows();
        ++m_finished;
    });
    connect(executor, &LocalExecutor::stopped, this, [this] {
        if (m_runs.isEmpty())
            return;
        beginResetModel();
        m_runs.clear();
        endResetModel();
    });
    // Elapsed times tick five times a second, only while something runs (a run of a few seconds then counts up
    // visibly instead of sitting at its first value).
    m_tick.setInterval(200);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (!m_runs.isEmpty())
            Q_EMIT dataChanged(index(0, ElapsedColumn), index(int(m_runs.size()) - 1, ElapsedColumn));
    });
    m_tick.start();
}

int LocalRunsModel::rowOf(qint64 taskId) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).taskId == taskId)
            return row;
    }
    return -1;
}

qint64 LocalRunsModel::taskIdAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs.at(row).taskId : 0;
}

int LocalRunsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int LocalRunsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LocalRunsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::DisplayRole)
        return {};
    const Run& run = m_runs.at(index.row());
    switch (index.column()) {
    case TaskColumn:
        return run.taskId;
    case QueueColumn:
        return run.queue;
    case HandlerColumn:
        return run.handler;
    case AttemptColumn:
        return run.attempt;
    case ElapsedColumn:
        // Tenths of a second while it is short (most runs are), whole seconds after.
        return run.clock.elapsed() < 10'000 ? formatDurationMs(std::max<qint64>(100, run.clock.elapsed() / 100 * 100))
                                            : formatDurationMs(run.clock.elapsed() / 1000 * 1000);
    case ProgressColumn:
        if (run.percent < 0)
            return QString();
        return run.message.isEmpty() ? tr("%1%").arg(run.percent) : tr("%1% %2").arg(run.percent).arg(run.message);
    default:
        return {};
    }
}

QVariant LocalRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[] = {QT_TR_NOOP("Task"),    QT_TR_NOOP("Queue"),   QT_TR_NOOP("Handler"),
                                        QT_TR_NOOP("Attempt"), QT_TR_NOOP("Elapsed"), QT_TR_NOOP("Progress")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace taskdeck
