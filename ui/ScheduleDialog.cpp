#include "ui/ScheduleDialog.h"

#include "models/StatusColors.h"
#include "schedule/CronExpression.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

namespace taskdeck {

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
    m_preview->setStyleSheet(
        m_problem.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; }").arg(StatusColors::failed().name()));
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

} // namespace taskdeck
