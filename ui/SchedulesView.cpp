#include "ui/SchedulesView.h"

#include "client/StoreClient.h"
#include "models/ScheduleListModel.h"
#include "models/SubscriptionListModel.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"
#include "ui/ActionIcons.h"
#include "ui/ListTable.h"
#include "ui/ScheduleDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace taskdeck {

SchedulesView::SchedulesView(StoreClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_schedules(new ScheduleListModel(client, this))
    , m_subscriptions(new SubscriptionListModel(client, this))
{
    m_scheduleTable = makeListTable(m_schedules, this, QStringLiteral("scheduleTable"), ColumnWidths::FitContent);
    m_subscriptionTable =
        makeListTable(m_subscriptions, this, QStringLiteral("subscriptionTable"), ColumnWidths::FitContent);
    m_add = new QPushButton(tr("&Add…"), this);
    m_enable = new QPushButton(tr("&Enable"), this);
    m_disable = new QPushButton(tr("&Disable"), this);
    m_runNow = new QPushButton(tr("Run &now"), this);
    m_remove = new QPushButton(tr("Re&move…"), this);
    m_unsubscribe = new QPushButton(tr("&Unsubscribe…"), this);
    for (const auto& [button, icon] :
         {std::pair{m_add, "addSchedule"}, std::pair{m_enable, "resume"}, std::pair{m_disable, "pause"},
          std::pair{m_runNow, "runNow"}, std::pair{m_remove, "delete"}, std::pair{m_unsubscribe, "cancel"}})
        ActionIcons::attach(button, QString::fromLatin1(icon));
    m_add->setObjectName(QStringLiteral("addSchedule"));
    m_enable->setObjectName(QStringLiteral("enableSchedule"));
    m_disable->setObjectName(QStringLiteral("disableSchedule"));
    m_runNow->setObjectName(QStringLiteral("runScheduleNow"));
    m_remove->setObjectName(QStringLiteral("removeSchedule"));
    m_unsubscribe->setObjectName(QStringLiteral("unsubscribe"));

    auto* scheduleButtons = new QHBoxLayout;
    for (QPushButton* button : {m_add, m_enable, m_disable, m_runNow, m_remove})
        scheduleButtons->addWidget(button);
    scheduleButtons->addStretch();
    auto* subscriptionButtons = new QHBoxLayout;
    subscriptionButtons->addWidget(m_unsubscribe);
    subscriptionButtons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Recurring schedules — each occurrence becomes exactly one task, enqueued by "
                                    "whichever worker gets there first:"),
                                 this));
    layout->addWidget(m_scheduleTable, 3);
    layout->addLayout(scheduleButtons);
    layout->addWidget(new QLabel(tr("Event subscriptions — publishing an event enqueues one task per subscribed "
                                    "handler, in one transaction:"),
                                 this));
    layout->addWidget(m_subscriptionTable, 2);
    layout->addLayout(subscriptionButtons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        ScheduleDialog dialog(this);
        if (m_dialogs->run(dialog))
            addSchedule(dialog.definition());
    });
    connect(m_enable, &QPushButton::clicked, this, [this] {
        runOnSelected(tr("enable"), [](TaskStore& s, const QString& name) { return s.setScheduleEnabled(name, true); });
    });
    connect(m_disable, &QPushButton::clicked, this, [this] {
        runOnSelected(tr("disable"),
                      [](TaskStore& s, const QString& name) { return s.setScheduleEnabled(name, false); });
    });
    connect(m_runNow, &QPushButton::clicked, this, [this] {
        runOnSelected(tr("run now"), [](TaskStore& s, const QString& name) -> Status {
            auto enqueued = s.runScheduleNow(name);
            return enqueued ? Status{} : Status(enqueued.error());
        });
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString name = selectedSchedule();
        if (name.isEmpty() ||
            !m_dialogs->confirm(this, tr("Remove schedule"),
                                tr("Remove schedule '%1'? Tasks it has enqueued stay.").arg(name)))
            return;
        runOnSelected(tr("remove"), [](TaskStore& s, const QString& n) { return s.removeSchedule(n); });
    });
    connect(m_unsubscribe, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_subscriptionTable->currentIndex();
        if (!current.isValid())
            return;
        const Subscription subscription = m_subscriptions->rows().value(current.row());
        if (!m_dialogs->confirm(this, tr("Unsubscribe"),
                                tr("Stop enqueuing %1 for every %2?").arg(subscription.handler, subscription.event)))
            return;
        m_client->run(
            this, [subscription](TaskStore& s) { return s.unsubscribe(subscription.event, subscription.handler); },
            [this](Status status) {
                Q_EMIT actionFinished(status ? QString() : status.error().message);
                refresh();
            });
    });
    connect(m_scheduleTable->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SchedulesView::updateButtons);
    connect(m_schedules, &QAbstractItemModel::dataChanged, this, &SchedulesView::updateButtons);
    connect(this, &SchedulesView::actionFinished, this, [this](const QString& message) {
        if (!message.isEmpty())
            m_dialogs->warn(this, tr("Schedules"), message);
    });
    updateButtons();
}

void SchedulesView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Rows that arrived while the tab was hidden were measured before the view had its final size: measure again.
    fitColumnsToContent(m_scheduleTable);
    fitColumnsToContent(m_subscriptionTable);
}

void SchedulesView::setReadOnly(const QString& reason)
{
    m_readOnlyReason = reason;
    updateButtons();
}

void SchedulesView::refresh()
{
    m_schedules->refresh();
    m_subscriptions->refresh();
}

QString SchedulesView::selectedSchedule() const
{
    const QModelIndex current = m_scheduleTable->currentIndex();
    return current.isValid() ? m_schedules->rows().value(current.row()).definition.name : QString();
}

void SchedulesView::updateButtons()
{
    const bool writable = m_readOnlyReason.isEmpty();
    const QModelIndex current = m_scheduleTable->currentIndex();
    const bool selected = current.isValid();
    const bool enabled = selected && m_schedules->rows().value(current.row()).definition.enabled;
    m_add->setEnabled(writable);
    m_enable->setEnabled(writable && selected && !enabled);
    m_disable->setEnabled(writable && enabled);
    m_runNow->setEnabled(writable && selected);
    m_remove->setEnabled(writable && selected);
    m_unsubscribe->setEnabled(writable);
    const QString tip = writable ? QString() : tr("Read-only: %1").arg(m_readOnlyReason);
    for (QPushButton* button : {m_add, m_enable, m_disable, m_runNow, m_remove, m_unsubscribe})
        button->setToolTip(tip);
}

void SchedulesView::addSchedule(const ScheduleDefinition& definition)
{
    m_client->run(
        this,
        [definition](TaskStore& s) -> Status {
            auto added = s.addSchedule(definition);
            return added ? Status{} : Status(added.error());
        },
        [this](Status status) {
            Q_EMIT actionFinished(status ? QString() : status.error().message);
            refresh();
        });
}

void SchedulesView::runOnSelected(const QString& what, const std::function<Status(TaskStore&, const QString&)>& job)
{
    const QString name = selectedSchedule();
    if (name.isEmpty())
        return;
    m_client->run(
        this, [job, name](TaskStore& s) { return job(s, name); },
        [this, what, name](Status status) {
            Q_EMIT actionFinished(status ? QString()
                                         : tr("Cannot %1 schedule '%2': %3").arg(what, name, status.error().message));
            refresh();
        });
}

} // namespace taskdeck
