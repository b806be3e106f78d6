#include "models/AgentJobModel.h"

#include "common/Duration.h"
#include "models/StatusColors.h"
#include "models/TaskListModel.h"

#include <QColor>

namespace taskdeck {

AgentJobModel::AgentJobModel(QObject* parent)
    : LiveTableModel(nullptr, parent)
{
    setColumnTitles({QT_TR_NOOP("State"), QT_TR_NOOP("Job"), QT_TR_NOOP("Last run"), QT_TR_NOOP("Duration"),
                     QT_TR_NOOP("Message"), QT_TR_NOOP("Step command")});
}

void AgentJobModel::setJobs(const QList<AgentJob>& jobs)
{
    replaceRows(m_jobs, jobs, [](const AgentJob& job) -> QString { return job.id; });
}

int AgentJobModel::count(AgentJobState state) const
{
    return int(
        std::count_if(m_jobs.cbegin(), m_jobs.cend(), [state](const AgentJob& job) { return job.state == state; }));
}

int AgentJobModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

QVariant AgentJobModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AgentJob& job = m_jobs.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == StateColumn && job.state == AgentJobState::Failed)
        return StatusColors::failed();
    if (role == Qt::ToolTipRole && index.column() == CommandColumn)
        return job.command;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case StateColumn:
        return agentJobStateName(job.state);
    case NameColumn:
        return job.name;
    case LastRunColumn:
        return formatTime(job.startedAt);
    case DurationColumn:
        return job.lastDurationS >= 0 ? formatDurationMs(job.lastDurationS * 1000) : QString();
    case MessageColumn:
        return job.lastMessage.simplified();
    case CommandColumn:
        return job.command.simplified(); // shown as text, one line; never run
    default:
        return {};
    }
}

} // namespace taskdeck
