#pragma once

#include "agent/AgentJobs.h"
#include "ui/Dialogs.h"

#include <QWidget>

class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;
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
    void setDialogs(std::shared_ptr<Dialogs> dialogs) { m_dialogs = std::move(dialogs); }
    void refresh();
    AgentJobModel* model() const { return m_model; }
    QString summary() const;
    QString details() const;
    // The throughput chart's points: runs per minute over the last hour, succeeded and failed.
    QList<QPointF> succeededPoints() const;
    QList<QPointF> failedPoints() const;

Q_SIGNALS:
    void refreshed();
    void detailsShown();
    void actionFinished(const QString& message); // empty: done

private:
    std::optional<AgentJob> selectedJob() const;
    void showDetails();
    void act(const QString& what, std::function<Status(AgentJobStore&, const AgentJob&)> action);
    void updateButtons();
    void updateChart(const QList<AgentRunCount>& lastHour);

    AgentClient* m_client;
    AgentJobModel* m_model;
    QLabel* m_summary;
    QLabel* m_status;
    QTableView* m_table;
    QPlainTextEdit* m_details;
    QPushButton* m_retry;
    QPushButton* m_delete;
    QLineSeries* m_succeeded = nullptr;
    QLineSeries* m_failed = nullptr;
    QDateTimeAxis* m_time = nullptr;
    QValueAxis* m_value = nullptr;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
    bool m_refreshing = false;
};

} // namespace taskdeck
