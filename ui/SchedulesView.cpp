#include "ui/SchedulesView.h"

#include "client/StoreClient.h"
#include "models/ScheduleListModel.h"
#include "models/SubscriptionListModel.h"
#include "schedule/CronExpression.h"
#include "store/TaskStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

namespace taskdeck {

namespace {

// Few rows: every column as wide as its content, the last one taking the rest of the width.
void fitColumns(QTableView* table)
{
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(false); // sized to content just now: stretch it again
    table->horizontalHeader()->setStretchLastSection(true);
}

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent, const QString& name)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        QObject::connect(model, signal, table, [table] {
            QMetaObject::invokeMethod(
                table, [table] { fitColumns(table); }, Qt::QueuedConnection);
        });
    }
    QObject::connect(model, &QAbstractItemModel::dataChanged, table, [table] {
        QMetaObject::invokeMethod(
            table, [table] { fitColumns(table); }, Qt::QueuedConnection);
    });
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}

} // namespace

ScheduleDialog::ScheduleDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add schedule"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("scheduleName"));
    m_cron = new QLineEdit(QStringLiteral("0 * * * *"), this);
    m_cron->setObjectName(QStringLiteral("scheduleCron"));
    m_cron->setToolTip(tr("minute hour day-of-month month day-of-week (a sixth field first for seconds), or @hourly, "
                          "@daily, @weekly, @monthly, @yearly"));
    m_zone = new QComboBox(this);
    m_zone->setObjectName(QStringLiteral("scheduleZone"));
    m_zone->setEditable(true);
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id));
    m_zone->setCurrentText(QStringLiteral("UTC"));
    m_handler = new QLineEdit(this);
    m_handler->setObjectName(QStringLiteral("scheduleHandler"));
    m_queue = new QLineEdit(QStringLiteral("default"), this);
    m_queue->setObjectName(QStringLiteral("scheduleQueue"));
    m_payload = new QPlainTextEdit(QStringLiteral("{}"), this);
    m_payload->setObjectName(QStringLiteral("schedulePayload"));
    m_payload->setTabChangesFocus(true);
    m_missed = new QComboBox(this);
    m_missed->setObjectName(QStringLiteral("scheduleMissed"));
    m_missed->addItem(tr("run once when a worker is back"), QStringLiteral("once"));
    m_missed->addItem(tr("skip"), QStringLiteral("skip"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("schedulePreview"));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Cron:"), m_cron);
    form->addRow(tr("Time &zone:"), m_zone);
    form->addRow(tr("&Handler:"), m_handler);
    form->addRow(tr("&Queue:"), m_queue);
    form->addRow(tr("&Payload (JSON):"), m_payload);
    form->addRow(tr("&Missed runs:"), m_missed);
    form->addRow(tr("Next runs:"), m_preview);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    for (QLineEdit* edit : {m_name, m_cron, m_handler, m_queue})
        connect(edit, &QLineEdit::textChanged, this, &ScheduleDialog::updatePreview);
    connect(m_zone, &QComboBox::currentTextChanged, this, &ScheduleDialog::updatePreview);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &ScheduleDialog::updatePreview);
    updatePreview();
}

ScheduleDefinition ScheduleDialog::definition() const
{
    ScheduleDefinition d;
    d.name = m_name->text();
    d.cron = m_cron->text();
    d.timeZone = m_zone->currentText();
    d.handler = m_handler->text();
    d.queue = m_queue->text();
    d.payload = m_payload->toPlainText();
    d.missed = missedPolicyFromName(m_missed->currentData().toString()).value_or(MissedPolicy::Once);
    return d;
}

void ScheduleDialog::setDefinition(const ScheduleDefinition& definition)
{
    m_name->setText(definition.name);
    m_cron->setText(definition.cron);
    m_zone->setCurrentText(definition.timeZone);
    m_handler->setText(definition.handler);
    m_queue->setText(definition.queue);
    m_payload->setPlainText(definition.payload.isEmpty() ? QStringLiteral("{}") : definition.payload);
    m_missed->setCurrentIndex(m_missed->findData(missedPolicyName(definition.missed)));
    updatePreview();
}

void ScheduleDialog::updatePreview()
{
    // The store's own check, with this machine's clock: the preview; the database's clock decides.
    ScheduleDefinition d = definition();
    auto first = checkSchedule(d, QDateTime::currentDateTimeUtc());
    m_problem = first ? QString() : first.error().message;
    QStringList lines;
    if (first) {
        lines << CronExpression::formatInZone(*first, d.timeZone);
        auto cron = CronExpression::parse(d.cron);
        auto zone = CronExpression::zone(d.timeZone);
        QDateTime after = *first;
        while (cron && zone && lines.size() < 3) {
            const auto next = cron->nextAfter(after, *zone);
            if (!next)
                break;
            lines << CronExpression::formatInZone(*next, d.timeZone);
            after = *next;
        }
    }
    m_preview->setText(m_problem.isEmpty() ? lines.join(QLatin1Char('\n')) : m_problem);
    m_preview->setStyleSheet(m_problem.isEmpty() ? QString() : QStringLiteral("QLabel { color: #b00020; }"));
    if (m_ok)
        m_ok->setEnabled(m_problem.isEmpty());
}

void ScheduleDialog::accept()
{
    updatePreview();
    if (!m_problem.isEmpty())
        return;
    QDialog::accept();
}

SchedulesView::SchedulesView(StoreClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_schedules(new ScheduleListModel(client, this))
    , m_subscriptions(new SubscriptionListModel(client, this))
    , m_confirm([](QWidget* p, const QString& title, const QString& text) {
        return QMessageBox::question(p, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
            QMessageBox::Yes;
    })
{
    m_scheduleTable = makeTable(m_schedules, this, QStringLiteral("scheduleTable"));
    m_subscriptionTable = makeTable(m_subscriptions, this, QStringLiteral("subscriptionTable"));
    m_add = new QPushButton(tr("&Add…"), this);
    m_enable = new QPushButton(tr("&Enable"), this);
    m_disable = new QPushButton(tr("&Disable"), this);
    m_runNow = new QPushButton(tr("Run &now"), this);
    m_remove = new QPushButton(tr("Re&move…"), this);
    m_unsubscribe = new QPushButton(tr("&Unsubscribe…"), this);
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
        if (dialog.exec() == QDialog::Accepted)
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
            !m_confirm(this, tr("Remove schedule"), tr("Remove schedule '%1'? Tasks it has enqueued stay.").arg(name)))
            return;
        runOnSelected(tr("remove"), [](TaskStore& s, const QString& n) { return s.removeSchedule(n); });
    });
    connect(m_unsubscribe, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_subscriptionTable->currentIndex();
        if (!current.isValid())
            return;
        const Subscription subscription = m_subscriptions->rows().value(current.row());
        if (!m_confirm(this, tr("Unsubscribe"),
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
            QMessageBox::warning(this, tr("Schedules"), message);
    });
    updateButtons();
}

void SchedulesView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Rows that arrived while the tab was hidden were measured before the view had its final size: measure again.
    fitColumns(m_scheduleTable);
    fitColumns(m_subscriptionTable);
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
