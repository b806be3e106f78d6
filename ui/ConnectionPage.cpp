#include "ui/ConnectionPage.h"

#include "client/StoreClient.h"
#include "demo/DemoProducer.h"
#include "executor/LocalExecutor.h"
#include "models/AuditLogModel.h"
#include "models/HealthModel.h"
#include "models/OverviewModel.h"
#include "models/QueueListModel.h"
#include "models/WorkerListModel.h"
#include "ui/AuditView.h"
#include "ui/ExecutorView.h"
#include "ui/HealthBar.h"
#include "ui/OverviewView.h"
#include "ui/QueuesView.h"
#include "ui/SchedulesView.h"
#include "ui/TasksView.h"
#include "ui/WorkersView.h"

#include <QLabel>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace taskdeck {

ConnectionPage::ConnectionPage(const Locator& locator, Options options, QWidget* parent)
    : QWidget(parent)
    , m_locator(locator)
    , m_options(std::move(options))
{
    m_client = new StoreClient(locator, m_options.store, this);
    m_executor = new LocalExecutor(this);
    m_overview = new OverviewModel(m_client, this);
    m_workers = new WorkerListModel(m_client, this);
    m_queues = new QueueListModel(m_client, this);
    m_health = new HealthModel(m_client, this);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #1b1e24; padding: 6px; }"));
    m_banner->hide();
    m_demoProblem = new QLabel(this);
    m_demoProblem->setObjectName(QStringLiteral("demoProblem"));
    m_demoProblem->setWordWrap(true);
    m_demoProblem->setStyleSheet(QStringLiteral("QLabel { background: #fde7e9; color: #1b1e24; padding: 6px; }"));
    m_demoProblem->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_overviewView = new OverviewView(m_overview, m_tabs);
    m_tasksView = new TasksView(m_client, m_executor, m_tabs);
    m_tabs->addTab(m_overviewView, tr("&Overview"));
    m_tabs->addTab(m_tasksView, tr("&Tasks"));

    m_workersView = new WorkersView(m_workers, m_client, m_tabs);
    m_tabs->addTab(m_workersView, tr("&Workers"));
    m_queuesView = new QueuesView(m_queues, m_tabs);
    m_tabs->addTab(m_queuesView, tr("&Queues"));

    m_schedulesView = new SchedulesView(m_client, m_tabs);
    m_tabs->addTab(m_schedulesView, tr("&Schedules"));

    m_audit = new AuditLogModel(m_client, this);
    m_auditView = new AuditView(m_audit, m_tabs);
    m_tabs->addTab(m_auditView, tr("A&udit"));

    m_executorView = new ExecutorView(m_executor, m_locator, m_options.localHandlers, m_options.store, m_tabs);
    m_tabs->addTab(m_executorView, tr("&Local executor"));
    connect(m_tasksView, &TasksView::runNowRequested, m_executorView, &ExecutorView::runNow);
    // Every count is a way in: the task list, filtered to exactly the tasks counted.
    const auto drillDown = [this](const TaskFilter& filter) {
        m_tasksView->showFiltered(filter);
        m_tabs->setCurrentWidget(m_tasksView);
    };
    connect(m_overviewView, &OverviewView::tasksRequested, this, drillDown);
    m_healthBar = new HealthBar(m_health, m_overview, this);
    connect(m_healthBar, &HealthBar::tasksRequested, this, drillDown);
    connect(m_healthBar, &HealthBar::workersRequested, this, [this] { m_tabs->setCurrentWidget(m_workersView); });
    connect(m_healthBar, &HealthBar::queuesRequested, this, [this] { m_tabs->setCurrentWidget(m_queuesView); });
    connect(m_queuesView, &QueuesView::tasksRequested, this, drillDown);
    connect(m_workersView, &WorkersView::tasksRequested, this, drillDown);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_refreshTimer->isActive())
            refreshNow();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_demoProblem);
    layout->addWidget(m_healthBar);
    layout->addWidget(m_tabs);

    connect(m_client, &StoreClient::stateChanged, this, [this](ClientState state, const QString& message) {
        m_status = message.isEmpty() ? clientStateName(state) : message; // the message names the state itself
        Q_EMIT statusChanged(m_status);
    });
    connect(m_client, &StoreClient::opened, this, [this](const SchemaInfo&, bool readOnly) { onOpened(readOnly); });
    connect(m_client, &StoreClient::schemaMissing, this, &ConnectionPage::askToCreateSchema);
    connect(m_client, &StoreClient::openFailed, this, [this](const QString& message) {
        m_banner->setText(tr("Cannot open this database: %1").arg(message));
        m_banner->show();
    });
    connect(m_overview, &OverviewModel::updated, this, [this] {
        const qint64 failed = m_overview->count({}, DisplayState::Failed);
        if (m_lastFailedCount >= 0 && failed > m_lastFailedCount)
            Q_EMIT tasksFailed(m_options.title, failed - m_lastFailedCount);
        m_lastFailedCount = failed;
    });

    if (m_options.demoProducer) {
        auto* producer = new DemoProducer(m_client, this);
        connect(producer, &DemoProducer::problemChanged, this, [this](const QString& problem) {
            m_demoProblem->setText(problem.isEmpty() ? QString() : tr("The demo cannot add tasks: %1").arg(problem));
            m_demoProblem->setVisible(!problem.isEmpty());
        });
    }

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(m_options.refreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &ConnectionPage::refreshNow);
    m_client->open(m_options.createSchemaIfMissing ? SchemaMode::CreateOrUpgrade : SchemaMode::ReadOnlyIfTooNew);
}

ConnectionPage::~ConnectionPage()
{
    // The executor stops (and records its runs) before the client's connection closes.
    delete m_executor;
    m_executor = nullptr;
}

void ConnectionPage::setDialogs(std::shared_ptr<Dialogs> dialogs)
{
    m_dialogs = std::move(dialogs);
    m_tasksView->setDialogs(m_dialogs);
    m_queuesView->setDialogs(m_dialogs);
    m_schedulesView->setDialogs(m_dialogs);
    m_executorView->setDialogs(m_dialogs);
}

void ConnectionPage::onOpened(bool readOnly)
{
    QString reason;
    if (readOnly) {
        reason = tr("the database's schema is newer than this console");
        m_banner->setText(tr("Read-only: %1 has a newer schema (version %2) than this console understands (%3). "
                             "Upgrade TaskDeck to change anything.")
                              .arg(m_locator.redacted())
                              .arg(m_client->schemaInfo().databaseVersion)
                              .arg(m_client->schemaInfo().binaryVersion));
        m_banner->show();
    } else if (!m_client->writeRefusal().isEmpty()) {
        // The database's grants decide: a reader's console shows everything and offers no action it would refuse.
        reason = m_client->writeRefusal();
        m_banner->setText(tr("Read-only: %1. Retry, delete, cancel, enqueue, pause and schedule changes are off; "
                             "they need the taskdeck_operator role.")
                              .arg(reason));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    m_tasksView->setReadOnly(reason);
    m_schedulesView->setReadOnly(reason);
    m_queuesView->setReadOnly(reason);
    m_tasksView->reload();
    if (m_options.startLocalExecutor && reason.isEmpty())
        m_executorView->start();
    refreshNow();
    m_refreshTimer->start();
}

void ConnectionPage::askToCreateSchema(const QString& message)
{
    if (!m_dialogs->confirm(this, tr("Create the TaskDeck schema?"),
                            tr("%1\n\nCreate the TaskDeck tables in this database now?").arg(message))) {
        m_banner->setText(message);
        m_banner->show();
        return;
    }
    m_client->open(SchemaMode::CreateOrUpgrade);
}

void ConnectionPage::refreshNow()
{
    // Each refresh is a round trip (the overview's and the queues' both count tasks): only what is on screen is
    // refreshed, and the overview always, because it drives the failure notification.
    m_overview->refresh();
    m_health->refresh();
    QWidget* shown = m_tabs->currentWidget();
    if (shown == m_workersView)
        m_workersView->refresh();
    else if (shown == m_queuesView)
        m_queuesView->refresh();
    else if (shown == m_tasksView)
        m_tasksView->refresh();
    else if (shown == m_schedulesView)
        m_schedulesView->refresh();
    else if (shown == m_auditView)
        m_auditView->refresh();
}

} // namespace taskdeck
