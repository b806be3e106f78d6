#include "models/WorkerListModel.h"

#include "client/StoreClient.h"
#include "common/Duration.h"
#include "models/StatusColors.h"
#include "models/TaskListModel.h"

#include <QColor>
#include <QHash>

namespace taskdeck {

bool WorkerListModel::Row::operator==(const Row& other) const
{
    const WorkerInfo& a = worker;
    const WorkerInfo& b = other.worker;
    return a.id == b.id && a.inFlight == b.inFlight && a.stopping == b.stopping && a.heartbeatAt == b.heartbeatAt &&
        (silentMs > kStaleAfterMs) == (other.silentMs > kStaleAfterMs) && silentMs / 1000 == other.silentMs / 1000;
}

WorkerListModel::WorkerListModel(StoreClient* client, QObject* parent)
    : LiveTableModel(client, parent)
{
    setColumnTitles({QT_TR_NOOP("Name"), QT_TR_NOOP("Host"), QT_TR_NOOP("PID"), QT_TR_NOOP("Status"),
                     QT_TR_NOOP("In flight"), QT_TR_NOOP("Queues"), QT_TR_NOOP("Handlers"), QT_TR_NOOP("Started"),
                     QT_TR_NOOP("Last heartbeat")});
}

void WorkerListModel::refresh()
{
    refreshRows(
        m_rows,
        [](TaskStore& store) -> Result<QList<Row>> {
            auto now = store.databaseTime();
            if (!now)
                return now.error();
            auto workers = store.workers();
            if (!workers)
                return workers.error();
            QList<Row> rows;
            for (const WorkerInfo& worker : std::as_const(*workers))
                rows << Row{worker, worker.heartbeatAt.msecsTo(*now)};
            return rows;
        },
        [](const Row& row) { return row.worker.id; });
}

int WorkerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

std::optional<TaskFilter> WorkerListModel::filterAt(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        index.column() != InFlightColumn)
        return std::nullopt;
    TaskFilter filter;
    filter.states = {DisplayState::Running};
    filter.workers = {m_rows.at(index.row()).worker.id};
    return filter;
}

QVariant WorkerListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const WorkerInfo& w = row.worker;
    const bool stale = row.silentMs > kStaleAfterMs;
    if (role == Qt::ForegroundRole && index.column() == StatusColumn && stale)
        return StatusColors::failed();
    if (role == Qt::DecorationRole && index.column() == StatusColumn)
        return StatusColors::dot(stale            ? StatusColors::failed()
                                     : w.stopping ? StatusColors::warning()
                                                  : StatusColors::succeeded());
    if (role == Qt::TextAlignmentRole && (index.column() == PidColumn || index.column() == InFlightColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == InFlightColumn)
        return tr("Double-click to list the tasks this worker is running");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return w.name;
    case HostColumn:
        return w.host;
    case PidColumn:
        return w.pid;
    case StatusColumn:
        if (stale)
            return tr("stale (silent for %1)").arg(formatDurationMs(row.silentMs));
        return w.stopping ? tr("stopping") : tr("live");
    case InFlightColumn:
        return tr("%1/%2").arg(w.inFlight).arg(w.concurrency);
    case QueuesColumn:
        return w.queues.isEmpty() ? tr("all") : w.queues.join(QLatin1String(", "));
    case HandlersColumn:
        return w.handlers.join(QLatin1String(", "));
    case StartedColumn:
        return formatTime(w.startedAt);
    case HeartbeatColumn:
        if (row.silentMs < 1'000)
            return tr("just now");
        return tr("%1 ago").arg(formatDurationMs(row.silentMs / 1000 * 1000));
    default:
        return {};
    }
}

} // namespace taskdeck
