#include "ui/AgentJobsView.h"

#include "client/AgentClient.h"
#include "models/AgentJobModel.h"
#include "models/StatusColors.h"
#include "ui/ListTable.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

namespace taskdeck {

AgentJobsView::AgentJobsView(AgentClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new AgentJobModel(this))
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("agentSummary"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_table = makeListTable(m_model, this, QStringLiteral("agentJobTable"));
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("agentJobDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* refreshButton = new QPushButton(tr("&Refresh"), this);
    m_retry = new QPushButton(tr("&Start again"), this);
    m_delete = new QPushButton(tr("&Delete job…"), this);
    m_retry->setObjectName(QStringLiteral("retryAgentJob"));
    m_delete->setObjectName(QStringLiteral("deleteAgentJob"));
    m_retry->setToolTip(tr("msdb.dbo.sp_start_job, by the job's id: needs SQLAgentOperatorRole or ownership"));
    m_delete->setToolTip(tr("msdb.dbo.sp_delete_job, by the job's id: needs SQLAgentOperatorRole or ownership"));

    // Runs per minute over the last hour, from sysjobhistory, as the overview shows TaskDeck's own queue.
    auto* chart = new QChart;
    chart->setTheme(StatusColors::paletteIsDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(tr("Agent job runs per minute, last hour"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_time = new QDateTimeAxis;
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTickCount(5);
    m_value = new QValueAxis;
    m_value->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_value, Qt::AlignLeft);
    m_succeeded = new QLineSeries;
    m_succeeded->setName(tr("succeeded"));
    m_succeeded->setColor(StatusColors::succeeded());
    m_failed = new QLineSeries;
    m_failed->setName(tr("failed"));
    m_failed->setColor(StatusColors::failed());
    for (QLineSeries* series : {m_succeeded, m_failed}) {
        chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_value);
    }
    auto* chartView = new QChartView(chart, this);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setMinimumHeight(180);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refreshButton);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("SQL Server Agent one-off jobs (the async-task pattern: one job per task, kept "
                                    "when it fails). Commands are shown as text and never run by TaskDeck."),
                                 this));
    layout->addWidget(m_summary);
    layout->addWidget(chartView);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(refreshButton, &QPushButton::clicked, this, &AgentJobsView::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        showDetails();
        updateButtons();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        act(tr("start"), [](AgentJobStore& store, const AgentJob& job) { return store.startJob(job); });
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const auto job = selectedJob();
        if (!job ||
            !m_dialogs->confirm(
                this, tr("Delete job"),
                tr("Delete SQL Server Agent job '%1' and its history? It cannot be started again.").arg(job->name)))
            return;
        act(tr("delete"), [](AgentJobStore& store, const AgentJob& j) { return store.deleteJob(j); });
    });
    auto* timer = new QTimer(this);
    timer->setInterval(5'000);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isVisible()) // a tab in the background does not query msdb
            refresh();
    });
    timer->start();
    updateButtons();
    refresh();
}

QString AgentJobsView::summary() const
{
    return m_summary->text();
}

QString AgentJobsView::details() const
{
    return m_details->toPlainText();
}

void AgentJobsView::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    struct Snapshot
    {
        QList<AgentJob> jobs;
        QList<AgentRunCount> lastHour;
    };
    m_client->run(
        this,
        [](AgentJobStore& store) -> Result<Snapshot> {
            auto jobs = store.jobs();
            if (!jobs)
                return jobs.error();
            auto history = store.history(QDateTime::currentDateTimeUtc().addSecs(-3600));
            if (!history)
                return history.error();
            return Snapshot{*jobs, *history};
        },
        [this](Result<Snapshot> snapshot) {
            m_refreshing = false;
            if (!snapshot) {
                m_status->setText(snapshot.error().message);
                return;
            }
            m_model->setJobs(snapshot->jobs);
            updateChart(snapshot->lastHour);
            qint64 succeeded = 0;
            qint64 failed = 0;
            for (const AgentRunCount& count : std::as_const(snapshot->lastHour)) {
                succeeded += count.succeeded;
                failed += count.failed;
            }
            m_summary->setText(tr("%1 failed · %2 running · %3 queued · %4 jobs in all — last hour: %5 succeeded, "
                                  "%6 failed")
                                   .arg(m_model->count(AgentJobState::Failed))
                                   .arg(m_model->count(AgentJobState::Running))
                                   .arg(m_model->count(AgentJobState::Queued))
                                   .arg(m_model->rowCount())
                                   .arg(succeeded)
                                   .arg(failed));
            updateButtons();
            Q_EMIT refreshed();
        });
}

void AgentJobsView::updateChart(const QList<AgentRunCount>& lastHour)
{
    // Every minute of the hour has a point, zero when nothing ran, so a quiet hour reads as a flat line.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 endMinute = now.toMSecsSinceEpoch() / 60'000 * 60'000;
    QMap<qint64, AgentRunCount> byMinute;
    for (const AgentRunCount& count : lastHour)
        byMinute.insert(count.minute.toMSecsSinceEpoch(), count);
    QList<QPointF> succeeded;
    QList<QPointF> failed;
    double top = 1;
    for (qint64 minute = endMinute - 59 * 60'000; minute <= endMinute; minute += 60'000) {
        const AgentRunCount count = byMinute.value(minute);
        succeeded << QPointF(double(minute), double(count.succeeded));
        failed << QPointF(double(minute), double(count.failed));
        top = std::max({top, double(count.succeeded), double(count.failed)});
    }
    m_succeeded->replace(succeeded);
    m_failed->replace(failed);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(endMinute - 59 * 60'000).toLocalTime(),
                     QDateTime::fromMSecsSinceEpoch(endMinute).toLocalTime());
    m_value->setRange(0, top * 1.1);
}

QList<QPointF> AgentJobsView::succeededPoints() const
{
    return m_succeeded->points();
}

QList<QPointF> AgentJobsView::failedPoints() const
{
    return m_failed->points();
}

std::optional<AgentJob> AgentJobsView::selectedJob() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount())
        return std::nullopt;
    return m_model->jobs().at(current.row());
}

void AgentJobsView::showDetails()
{
    const auto job = selectedJob();
    if (!job) {
        m_details->clear();
        return;
    }
    m_client->run(
        this, [name = job->name](AgentJobStore& store) { return store.logRows(name); },
        [this, job = *job](Result<QList<AgentLogRow>> logs) {
            QStringList text{tr("Job %1 — %2").arg(job.name, agentJobStateName(job.state)), tr("id %1").arg(job.id)};
            if (!job.lastMessage.isEmpty())
                text << tr("Last message: %1").arg(job.lastMessage);
            text << QString() << tr("Step command (text, never run by TaskDeck):") << job.command;
            text << QString();
            if (!logs)
                text << tr("async_task_logs: %1").arg(logs.error().message);
            else if (logs->isEmpty())
                text << tr("No async_task_logs rows for this job.");
            else
                text << tr("async_task_logs:");
            if (logs) {
                for (const AgentLogRow& row : std::as_const(*logs)) {
                    QStringList fields;
                    for (const auto& [column, value] : row)
                        fields << column + QLatin1String(" = ") + value;
                    text << QLatin1String("  ") + fields.join(QLatin1String(" · "));
                }
            }
            m_details->setPlainText(text.join(QLatin1Char('\n')));
            Q_EMIT detailsShown();
        });
}

void AgentJobsView::act(const QString& what, std::function<Status(AgentJobStore&, const AgentJob&)> action)
{
    const auto job = selectedJob();
    if (!job)
        return;
    m_client->run(
        this, [action, job = *job](AgentJobStore& store) { return action(store, job); },
        [this, what, name = job->name](Status status) {
            const QString message = status ? QString() : status.error().message;
            m_status->setText(status ? tr("%1: done (%2)").arg(name, what) : message);
            Q_EMIT actionFinished(message);
            refresh();
        });
}

void AgentJobsView::updateButtons()
{
    const auto job = selectedJob();
    const bool idle = job && job->state != AgentJobState::Running && job->state != AgentJobState::Queued;
    m_retry->setEnabled(idle);
    m_delete->setEnabled(job.has_value());
}

} // namespace taskdeck
