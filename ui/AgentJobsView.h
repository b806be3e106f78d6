#pragma once

#include "agent/AgentJobs.h"
#include "ui/ConnectionPage.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace taskdeck {

class AgentClient;
class AgentJobModel;

// Agent-job mode in the console: the one-off SQL Server Agent jobs of the seed design, their state, step command
// (shown as text, never run) and async_task_logs rows; start a failed job again or delete it.
class AgentJobsView : public QWidget
{
    Q_OBJECT

public:
    explicit AgentJobsView(AgentClient* client, QWidget* parent = nullptr);
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    void refresh();
    AgentJobModel* model() const { return m_model; }
    QString summary() const;
    QString details() const;

Q_SIGNALS:
    void refreshed();
    void detailsShown();
    void actionFinished(const QString& message); // empty: done

private:
    std::optional<AgentJob> selectedJob() const;
    void showDetails();
    void act(const QString& what, std::function<Status(AgentJobStore&, const AgentJob&)> action);
    void updateButtons();

    AgentClient* m_client;
    AgentJobModel* m_model;
    QLabel* m_summary;
    QLabel* m_status;
    QTableView* m_table;
    QPlainTextEdit* m_details;
    QPushButton* m_retry;
    QPushButton* m_delete;
    QString m_historySummary;
    Confirmer m_confirm;
    bool m_refreshing = false;
};

} // namespace taskdeck
