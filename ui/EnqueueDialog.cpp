#include "ui/EnqueueDialog.h"

#include "common/JsonSyntax.h"
#include "common/TextRules.h"
#include "models/StatusColors.h"

#include <QCheckBox>
#include <QColor>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextCursor>

namespace taskdeck {

EnqueueDialog::EnqueueDialog(QWidget* parent)
    : QDialog(parent)
    , m_handler(new QLineEdit(this))
    , m_queue(new QLineEdit(QStringLiteral("default"), this))
    , m_payload(new QPlainTextEdit(QStringLiteral("{}"), this))
    , m_delay(new QSpinBox(this))
    , m_priority(new QSpinBox(this))
    , m_uniqueKey(new QLineEdit(this))
    , m_deleteOriginal(new QCheckBox(tr("Delete the original task once this one is enqueued"), this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Enqueue a task"));
    m_handler->setObjectName(QStringLiteral("handler"));
    m_payload->setObjectName(QStringLiteral("payload"));
    m_payload->setFont(QFont(QStringLiteral("monospace")));
    m_delay->setRange(0, 365 * 24 * 3600);
    m_delay->setSuffix(tr(" s"));
    m_priority->setRange(-1000, 1000);
    m_uniqueKey->setPlaceholderText(tr("optional: a second task with this key is not created"));
    m_deleteOriginal->setChecked(true);
    m_deleteOriginal->hide();
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(StatusColors::failed().name()));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Enqueue"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Handler:"), m_handler);
    form->addRow(tr("&Queue:"), m_queue);
    form->addRow(tr("&Payload (JSON):"), m_payload);
    form->addRow(tr("&Delay:"), m_delay);
    form->addRow(tr("P&riority:"), m_priority);
    form->addRow(tr("&Unique key:"), m_uniqueKey);
    form->addRow(m_deleteOriginal);
    form->addRow(m_message);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isAcceptable())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_handler, &QLineEdit::textChanged, this, &EnqueueDialog::validate);
    connect(m_queue, &QLineEdit::textChanged, this, &EnqueueDialog::validate);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &EnqueueDialog::validate);
    connect(m_uniqueKey, &QLineEdit::textChanged, this, &EnqueueDialog::validate);
    resize(560, 460);
    validate();
}

void EnqueueDialog::setQueue(const QString& queue)
{
    m_queue->setText(queue);
}

void EnqueueDialog::setTask(const Task& task)
{
    m_handler->setText(task.handler);
    m_queue->setText(task.queue);
    m_priority->setValue(task.priority);
    const QJsonDocument document = QJsonDocument::fromJson(task.payload.toUtf8());
    m_payload->setPlainText(document.isNull() ? task.payload
                                              : QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
    m_deleteOriginal->show();
    m_editing = true;
    validate();
}

QString EnqueueDialog::validationMessage() const
{
    if (auto s = validateName(tr("handler"), m_handler->text(), TextLimits::kHandlerName); !s)
        return s.error().message;
    if (auto s = validateName(tr("queue"), m_queue->text(), TextLimits::kQueueName); !s)
        return s.error().message;
    if (!m_uniqueKey->text().isEmpty()) {
        if (auto s = validateUniqueKey(m_uniqueKey->text()); !s)
            return s.error().message;
    }
    // The store's own rule decides (it names the line, the column and the slip).
    auto payload = normalizePayload(m_payload->toPlainText());
    return payload ? QString() : payload.error().message;
}

void EnqueueDialog::markPayloadError()
{
    // The spot the message names, underlined in the editor, so that the eye finds it in a long payload.
    QList<QTextEdit::ExtraSelection> marks;
    if (const auto problem = JsonSyntax::check(m_payload->toPlainText())) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_payload->document());
        mark.cursor.setPosition(int(problem->position));
        mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        QColor slip = StatusColors::failed();
        mark.format.setUnderlineColor(slip);
        slip.setAlpha(0x30);
        mark.format.setBackground(slip);
        marks << mark;
    }
    m_payload->setExtraSelections(marks);
}

bool EnqueueDialog::isAcceptable() const
{
    return validationMessage().isEmpty();
}

void EnqueueDialog::validate()
{
    const QString message = validationMessage();
    // Marked only when something is wrong: a valid payload (the usual case, as it is typed) is parsed once.
    if (message.isEmpty())
        m_payload->setExtraSelections({});
    else
        markPayloadError();
    m_message->setText(message);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

EnqueueRequest EnqueueDialog::request() const
{
    EnqueueRequest request;
    request.handler = m_handler->text();
    request.queue = m_queue->text();
    // Stored compact when it is an object or array: the payload is data for the handler, not for display.
    const QJsonDocument document = QJsonDocument::fromJson(m_payload->toPlainText().toUtf8());
    request.payload = document.isNull() ? m_payload->toPlainText().trimmed()
                                        : QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    request.priority = m_priority->value();
    if (m_delay->value() > 0)
        request.delayMs = qint64(m_delay->value()) * 1000;
    request.uniqueKey = m_uniqueKey->text();
    return request;
}

bool EnqueueDialog::deleteOriginal() const
{
    return m_editing && m_deleteOriginal->isChecked();
}

} // namespace taskdeck
