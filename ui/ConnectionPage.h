#pragma once

#include "db/Locator.h"
#include "store/TaskStore.h"
#include "ui/Dialogs.h"

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QTabWidget;
class QTimer;

namespace taskdeck {

class AuditView;
class ExecutorView;
class HealthBar;
class HealthModel;
class HandlerRegistry;
class LocalExecutor;
class AuditLogModel;
class OverviewModel;
class OverviewView;
class QueueListModel;
class QueuesView;
class SchedulesView;
class StoreClient;
class TasksView;
class WorkerListModel;
class WorkersView;

// One open database: its client (the only way to its connection), its models refreshed every two seconds, and the
// views over them — overview, tasks, workers, queues, local executor.
class ConnectionPage : public QWidget
{
    Q_OBJECT

public:
    struct Options
    {
        QString title;
        bool createSchemaIfMissing = false; // the demo database: no question asked
        std::shared_ptr<const HandlerRegistry> localHandlers; // set: the local executor offers these
        bool startLocalExecutor = false;
        bool demoProducer = false; // keep enqueuing the demo's mix of tasks
        int refreshMs = 2'000;
        StoreOptions store; // retry defaults and the like, for the console's connection and its local executor
    };
    ConnectionPage(const Locator& locator, Options options, QWidget* parent = nullptr);
    ~ConnectionPage() override;

    QString title() const { return m_options.title; }
    QString statusText() const { return m_status; }
    StoreClient* client() const { return m_client; }
    LocalExecutor* localExecutor() const { return m_executor; }
    OverviewModel* overviewModel() const { return m_overview; }
    TasksView* tasksView() const { return m_tasksView; }
    QueuesView* queuesView() const { return m_queuesView; }
    SchedulesView* schedulesView() const { return m_schedulesView; }
    AuditLogModel* auditLog() const { return m_audit; }
    ExecutorView* executorView() const { return m_executorView; }
    QTabWidget* tabs() const { return m_tabs; }
    HealthBar* healthBar() const { return m_healthBar; }
    // Every question and notice of this page and its views goes through dialogs (tests answer them).
    void setDialogs(std::shared_ptr<Dialogs> dialogs);
    void refreshNow();

Q_SIGNALS:
    void statusChanged(const QString& status);
    void tasksFailed(const QString& database, qint64 newlyFailed);

private:
    void onOpened(bool readOnly);
    void askToCreateSchema(const QString& message);

    Locator m_locator;
    Options m_options;
    StoreClient* m_client = nullptr;
    LocalExecutor* m_executor = nullptr;
    OverviewModel* m_overview = nullptr;
    WorkerListModel* m_workers = nullptr;
    QueueListModel* m_queues = nullptr;
    HealthModel* m_health = nullptr;
    HealthBar* m_healthBar = nullptr;
    QTabWidget* m_tabs = nullptr;
    OverviewView* m_overviewView = nullptr;
    TasksView* m_tasksView = nullptr;
    ExecutorView* m_executorView = nullptr;
    WorkersView* m_workersView = nullptr;
    QueuesView* m_queuesView = nullptr;
    SchedulesView* m_schedulesView = nullptr;
    AuditLogModel* m_audit = nullptr;
    AuditView* m_auditView = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_demoProblem = nullptr;
    QTimer* m_refreshTimer = nullptr;
    QString m_status;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
    qint64 m_lastFailedCount = -1;
};

} // namespace taskdeck
