#pragma once

#include "store/Requests.h"

#include <QWidget>

namespace taskdeck {

class WorkerListModel;

// The workers that have checked in: host, queues, handlers, load, last heartbeat.
class WorkersView : public QWidget
{
    Q_OBJECT

public:
    WorkersView(WorkerListModel* model, QWidget* parent = nullptr);
    void refresh();

Q_SIGNALS:
    // An in-flight count was double-clicked: list exactly those tasks.
    void tasksRequested(const taskdeck::TaskFilter& filter);

private:
    WorkerListModel* m_model;
};

} // namespace taskdeck
