#pragma once

#include "common/Result.h"
#include "store/Schedules.h"
#include "ui/Confirmer.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace taskdeck {

class ScheduleListModel;
class StoreClient;
class SubscriptionListModel;
class TaskStore;

// Asks for a new schedule and shows its next occurrences while it is typed (computed here, no database).
class ScheduleDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ScheduleDialog(QWidget* parent = nullptr);
    ScheduleDefinition definition() const;
    void setDefinition(const ScheduleDefinition& definition);
    // What is wrong with the input, or empty.
    QString problem() const { return m_problem; }

    void accept() override;

private:
    void updatePreview();

    QLineEdit* m_name;
    QLineEdit* m_cron;
    QComboBox* m_zone;
    QLineEdit* m_handler;
    QLineEdit* m_queue;
    QPlainTextEdit* m_payload;
    QComboBox* m_missed;
    QLabel* m_preview;
    QPushButton* m_ok = nullptr;
    QString m_problem;
};

// Recurring schedules (enable, disable, run now, add, remove) and event subscriptions.
class SchedulesView : public QWidget
{
    Q_OBJECT

public:
    SchedulesView(StoreClient* client, QWidget* parent = nullptr);
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
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
    Confirmer m_confirm;
};

} // namespace taskdeck
