#include "ui/ConnectionPage.h"

#include "client/StoreClient.h"
#include "demo/DemoWorkload.h"
#include "executor/LocalExecutor.h"
#include "models/AuditLogModel.h"
#include "models/OverviewModel.h"
#include "models/QueueListModel.h"
#include "models/WorkerListModel.h"
#include "ui/ExecutorView.h"
#include "ui/OverviewView.h"
#include "ui/SchedulesView.h"
#include "ui/TasksView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace taskdeck {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}

bool askWithMessageBox(QWidget* parent, const QString& title, const QString& text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
        QMessageBox::Yes;
}

} // namespace

ConnectionPage::ConnectionPage(const Locator& locator, Options options, QWidget* parent)
    : QWidget(parent)
    , m_locator(locator)
    , m_options(std::move(options))
    , m_confirm(askWithMessageBox)
{
    m_client = new StoreClient(locator, m_options.store, this);
    m_executor = new LocalExecutor(this);
    m_overview = new OverviewModel(m_client, this);
    m_workers = new WorkerListModel(m_client, this);
    m_queues = new QueueListModel(m_client, this);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; padding: 6px; }"));
    m_banner->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_overviewView = new OverviewView(m_overview, m_tabs);
    m_tasksView = new TasksView(m_client, m_executor, m_tabs);
    m_tasksView->setConfirmer(m_confirm);
    m_tabs->addTab(m_overviewView, tr("&Overview"));
    m_tabs->addTab(m_tasksView, tr("&Tasks"));

    auto* workersPage = m_workersPage = new QWidget(m_tabs);
    auto* workersLayout = new QVBoxLayout(workersPage);
    workersLayout->addWidget(makeTable(m_workers, workersPage));
    m_tabs->addTab(workersPage, tr("&Workers"));

    auto* queuesPage = m_queuesPage = new QWidget(m_tabs);
    auto* queuesLayout = new QVBoxLayout(queuesPage);
    auto* queueTable = makeTable(m_queues, queuesPage);
    queueTable->setObjectName(QStringLiteral("queueTable"));
    queuesLayout->addWidget(queueTable);
    auto* queueButtons = new QHBoxLayout;
    auto* pause = new QPushButton(tr("&Pause"), queuesPage);
    auto* resume = new QPushButton(tr("&Resume"), queuesPage);
    auto* limit = new QPushButton(tr("Set concurrency &limit…"), queuesPage);
    pause->setObjectName(QStringLiteral("pauseQueue"));
    resume->setObjectName(QStringLiteral("resumeQueue"));
    limit->setObjectName(QStringLiteral("queueLimit"));
    m_queueActions = {pause, resume, limit};
    queueButtons->addWidget(pause);
    queueButtons->addWidget(resume);
    queueButtons->addWidget(limit);
    queueButtons->addStretch();
    queuesLayout->addLayout(queueButtons);
    m_tabs->addTab(queuesPage, tr("&Queues"));
    auto selectedQueue = [this, queueTable]() -> QString {
        const QModelIndex current = queueTable->currentIndex();
        if (!current.isValid())
            return {};
        return m_queues->rows().value(current.row()).settings.name;
    };
    auto setPaused = [this, selectedQueue](bool paused) {
        const QString queue = selectedQueue();
        if (queue.isEmpty())
            return;
        m_client->run(
            this, [queue, paused](TaskStore& store) { return store.setQueuePaused(queue, paused); },
            [this](Status status) {
                if (!status)
                    QMessageBox::warning(this, tr("Queue"), status.error().message);
                m_queues->refresh();
            });
    };
    connect(pause, &QPushButton::clicked, this, [setPaused] { setPaused(true); });
    connect(resume, &QPushButton::clicked, this, [setPaused] { setPaused(false); });
    connect(limit, &QPushButton::clicked, this, [this, selectedQueue] {
        const QString queue = selectedQueue();
        if (queue.isEmpty())
            return;
        bool ok = false;
        const int value = QInputDialog::getInt(this, tr("Concurrency limit"),
                                               tr("Most tasks of queue '%1' running at once across all workers "
                                                  "(0: no limit):")
                                                   .arg(queue),
                                               0, 0, 100'000, 1, &ok);
        if (!ok)
            return;
        QueueUpdate update;
        update.concurrencyLimit = value;
        m_client->run(
            this, [queue, update](TaskStore& store) { return store.updateQueue(queue, update); },
            [this](Status status) {
                if (!status)
                    QMessageBox::warning(this, tr("Queue"), status.error().message);
                m_queues->refresh();
            });
    });

    m_schedulesView = new SchedulesView(m_client, m_tabs);
    m_schedulesView->setConfirmer(m_confirm);
    m_tabs->addTab(m_schedulesView, tr("&Schedules"));

    m_audit = new AuditLogModel(m_client, this);
    auto* auditPage = m_auditPage = new QWidget(m_tabs);
    auto* auditLayout = new QVBoxLayout(auditPage);
    auto* auditTable = makeTable(m_audit, auditPage);
    auditTable->setObjectName(QStringLiteral("auditTable"));
    auditLayout->addWidget(new QLabel(tr("Operator actions from the console and taskdeckctl, newest first (the "
                                         "last %1; `taskdeckctl audit --before ID` pages further back):")
                                          .arg(AuditLogModel::kShown),
                                      auditPage));
    auditLayout->addWidget(auditTable);
    m_tabs->addTab(auditPage, tr("A&udit"));

    m_executorView = new ExecutorView(m_executor, m_locator, m_options.localHandlers, m_options.store, m_tabs);
    m_tabs->addTab(m_executorView, tr("&Local executor"));
    connect(m_tasksView, &TasksView::runNowRequested, m_executorView, &ExecutorView::runNow);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_refreshTimer->isActive())
            refreshNow();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs);

    connect(m_client, &StoreClient::stateChanged, this, [this](ClientState state, const QString& message) {
        m_status = tr("%1: %2").arg(clientStateName(state), message);
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
        // Numbered from the clock: the demo database outlives a run, and its unique keys must not repeat.
        m_demoNumber = int(QDateTime::currentSecsSinceEpoch() % 1'000'000) * 100;
        auto* producer = new QTimer(this);
        producer->setInterval(1'500);
        connect(producer, &QTimer::timeout, this, [this] {
            const int first = m_demoNumber;
            m_demoNumber += 3;
            m_client->run(
                this,
                [first](TaskStore& store) -> Status {
                    if (auto batch = store.enqueueBatch(demo::sampleTasks(3, first)); !batch)
                        return batch.error();
                    if (first % 4 != 0)
                        return {};
                    auto published = demo::publishOrder(store, first);
                    return published ? Status{} : Status(published.error());
                },
                [](const Status&) {});
        });
        connect(m_client, &StoreClient::opened, producer, [this, producer] {
            // A first batch, so that every view has something to show at once.
            const int first = m_demoNumber;
            m_demoNumber += 40;
            m_client->run(
                this,
                [first](TaskStore& store) -> Status {
                    if (auto s = demo::addRecurringWork(store); !s)
                        return s;
                    auto batch = store.enqueueBatch(demo::sampleTasks(40, first));
                    return batch ? Status{} : Status(batch.error());
                },
                [](const Status&) {});
            producer->start();
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

void ConnectionPage::setConfirmer(Confirmer confirmer)
{
    m_confirm = std::move(confirmer);
    m_tasksView->setConfirmer(m_confirm);
    m_schedulesView->setConfirmer(m_confirm);
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
    for (QPushButton* button : std::as_const(m_queueActions)) {
        button->setEnabled(reason.isEmpty());
        button->setToolTip(reason.isEmpty() ? QString() : tr("Read-only: %1").arg(reason));
    }
    m_tasksView->reload();
    if (m_options.startLocalExecutor && reason.isEmpty())
        m_executorView->start();
    refreshNow();
    m_refreshTimer->start();
}

void ConnectionPage::askToCreateSchema(const QString& message)
{
    if (!m_confirm(this, tr("Create the TaskDeck schema?"),
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
    QWidget* shown = m_tabs->currentWidget();
    if (shown == m_workersPage)
        m_workers->refresh();
    else if (shown == m_queuesPage)
        m_queues->refresh();
    else if (shown == m_tasksView)
        m_tasksView->refresh();
    else if (shown == m_schedulesView)
        m_schedulesView->refresh();
    else if (shown == m_auditPage)
        m_audit->refresh();
}

} // namespace taskdeck
