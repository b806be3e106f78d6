#pragma once

#include "store/Requests.h"

#include <QWidget>

class QToolButton;

namespace taskdeck {

class HealthModel;
class OverviewModel;

// The line at the top of a database's page that answers "is it healthy?" at a glance: failed tasks and failed runs
// in the last hour, the oldest waiting task, live workers, paused queues. Each part opens what it counts.
class HealthBar : public QWidget
{
    Q_OBJECT

public:
    HealthBar(HealthModel* health, OverviewModel* overview, QWidget* parent = nullptr);
    // The parts' texts, in order (tests read them as the operator would).
    QStringList texts() const;

Q_SIGNALS:
    void tasksRequested(const taskdeck::TaskFilter& filter);
    void workersRequested();
    void queuesRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QToolButton* addPart(const QString& name);
    void showHealth();

    HealthModel* m_health;
    OverviewModel* m_overview;
    QToolButton* m_failed;
    QToolButton* m_waiting;
    QToolButton* m_workers;
    QToolButton* m_paused;
};

} // namespace taskdeck
