#include "models/ScheduleListModel.h"

#include "common/Duration.h"
#include "models/StatusColors.h"
#include "models/TaskListModel.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"

#include <QColor>

namespace taskdeck {

ScheduleListModel::ScheduleListModel(StoreClient* client, QObject* parent)
    : LiveTableModel(client, parent)
{
    setColumnTitles({QT_TR_NOOP("Schedule"), QT_TR_NOOP("Status"), QT_TR_NOOP("Cron"), QT_TR_NOOP("Time zone"),
                     QT_TR_NOOP("Next run"), QT_TR_NOOP("Last run"), QT_TR_NOOP("Handler"), QT_TR_NOOP("Queue"),
                     QT_TR_NOOP("Missed runs")});
}

void ScheduleListModel::refresh()
{
    refreshRows(
        m_rows, [](TaskStore& store) { return store.schedules(); },
        [](const Schedule& schedule) { return schedule.definition.name; });
}

int ScheduleListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ScheduleListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Schedule& schedule = m_rows.at(index.row());
    const ScheduleDefinition& d = schedule.definition;
    if (role == Qt::ForegroundRole && index.column() == EnabledColumn && !d.enabled)
        return StatusColors::paused();
    if (role == Qt::ToolTipRole && (index.column() == NextRunColumn || index.column() == LastRunColumn)) {
        const QDateTime& time = index.column() == NextRunColumn ? schedule.nextRunAt : schedule.lastRunAt;
        return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QVariant();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return d.name;
    case EnabledColumn:
        return d.enabled ? tr("enabled") : tr("disabled");
    case CronColumn:
        return d.cron;
    case ZoneColumn:
        return d.timeZone;
    case NextRunColumn:
        return d.enabled ? CronExpression::formatInZone(schedule.nextRunAt, d.timeZone) : QString();
    case LastRunColumn:
        return schedule.lastRunAt.isValid() ? tr("%1 (task %2)")
                                                  .arg(CronExpression::formatInZone(schedule.lastRunAt, d.timeZone))
                                                  .arg(schedule.lastTaskId)
                                            : QString();
    case HandlerColumn:
        return d.handler;
    case QueueColumn:
        return d.queue;
    case MissedColumn:
        return d.missed == MissedPolicy::Skip ? tr("skip") : tr("run once");
    default:
        return {};
    }
}

} // namespace taskdeck
