#pragma once

#include "agent/AgentJobs.h"
#include "models/LiveTableModel.h"

namespace taskdeck {

// SQL Server Agent's one-off jobs, failed first in the view's default order as msdb lists them (newest first).
class AgentJobModel : public LiveTableModel
{
    Q_OBJECT

public:
    enum Column {
        StateColumn,
        NameColumn,
        LastRunColumn,
        DurationColumn,
        MessageColumn,
        CommandColumn,
        ColumnCount
    };

    explicit AgentJobModel(QObject* parent = nullptr);
    void setJobs(const QList<AgentJob>& jobs);
    const QList<AgentJob>& jobs() const { return m_jobs; }
    int count(AgentJobState state) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<AgentJob> m_jobs;
};

} // namespace taskdeck
