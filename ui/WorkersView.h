#pragma once

#include "store/Requests.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace taskdeck {

class StoreClient;
class TaskListModel;
class WorkerListModel;

// The workers that have checked in — host, queues, handlers, load, last heartbeat — and below, what the selected
// one is running now.
class WorkersView : public QWidget
{
    Q_OBJECT

public:
    WorkersView(WorkerListModel* model, StoreClient* client, QWidget* parent = nullptr);
    void refresh();
    // The tasks of the selected worker (none selected: empty).
    TaskListModel* runningTasks() const { return m_running; }

Q_SIGNALS:
    // An in-flight count was double-clicked: list exactly those tasks.
    void tasksRequested(const taskdeck::TaskFilter& filter);

private:
    void showRunningOf(const WorkerInfo& worker);

    WorkerListModel* m_model;
    TaskListModel* m_running;
    QTableView* m_table = nullptr;
    QLabel* m_runningTitle = nullptr;
    QString m_selectedWorker;
};

} // namespace taskdeck
