#pragma once

#include "common/Result.h"
#include "store/Schedules.h"
#include "ui/Dialogs.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace taskdeck {

class ScheduleListModel;
class StoreClient;
class SubscriptionListModel;
class TaskStore;

// Recurring schedules (enable, disable, run now, add, remove) and event subscriptions.
class SchedulesView : public QWidget
{
    Q_OBJECT

public:
    SchedulesView(StoreClient* client, QWidget* parent = nullptr);
    void setDialogs(std::shared_ptr<Dialogs> dialogs) { m_dialogs = std::move(dialogs); }
    void setReadOnly(const QString& reason); // empty: writable
    void refresh();
    // Adds a schedule as the Add dialog does (tests and the dialog share this path).
    void addSchedule(const ScheduleDefinition& definition);

    ScheduleListModel* schedules() const { return m_schedules; }
    SubscriptionListModel* subscriptions() const { return m_subscriptions; }

protected:
    void showEvent(QShowEvent* event) override;

Q_SIGNALS:
    // A change was made or refused (empty message: done); the text is for the status bar.
    void actionFinished(const QString& message);

private:
    QString selectedSchedule() const;
    void runOnSelected(const QString& what, const std::function<Status(TaskStore&, const QString&)>& job);
    void updateButtons();

    StoreClient* m_client;
    ScheduleListModel* m_schedules;
    SubscriptionListModel* m_subscriptions;
    QTableView* m_scheduleTable;
    QTableView* m_subscriptionTable;
    QPushButton* m_add;
    QPushButton* m_enable;
    QPushButton* m_disable;
    QPushButton* m_runNow;
    QPushButton* m_remove;
    QPushButton* m_unsubscribe;
    QString m_readOnlyReason;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
};

} // namespace taskdeck
