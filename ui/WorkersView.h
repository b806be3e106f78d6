#pragma once

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

private:
    WorkerListModel* m_model;
};

} // namespace taskdeck
