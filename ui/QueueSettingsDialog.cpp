#include "ui/QueueSettingsDialog.h"

#include "common/Duration.h"
#include "models/StatusColors.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskdeck {

namespace {

QString durationText(const std::optional<qint64>& ms)
{
    return ms && *ms > 0 ? formatDurationMs(*ms) : QString();
}

} // namespace

QueueSettingsDialog::QueueSettingsDialog(const QueueSettings& current, QWidget* parent)
    : QDialog(parent)
    , m_current(current)
    , m_limit(new QSpinBox(this))
    , m_maxAttempts(new QSpinBox(this))
    , m_backoffBase(new QLineEdit(this))
    , m_backoffMax(new QLineEdit(this))
    , m_timeout(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings of queue %1").arg(current.name));
    m_limit->setObjectName(QStringLiteral("concurrencyLimit"));
    m_limit->setRange(0, 100'000);
    m_limit->setSpecialValueText(tr("no limit"));
    m_limit->setValue(current.concurrencyLimit.value_or(0));
    m_maxAttempts->setObjectName(QStringLiteral("maxAttempts"));
    m_maxAttempts->setRange(0, 1'000);
    m_maxAttempts->setSpecialValueText(tr("the default"));
    m_maxAttempts->setValue(current.defaultMaxAttempts.value_or(0));
    m_backoffBase->setObjectName(QStringLiteral("backoffBase"));
    m_backoffBase->setText(durationText(current.backoffBaseMs));
    m_backoffMax->setObjectName(QStringLiteral("backoffMax"));
    m_backoffMax->setText(durationText(current.backoffMaxMs));
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setText(current.defaultTimeoutS ? formatDurationMs(qint64(*current.defaultTimeoutS) * 1000) : QString());
    for (QLineEdit* edit : {m_backoffBase, m_backoffMax, m_timeout}) {
        edit->setPlaceholderText(tr("the default"));
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textChanged, this, &QueueSettingsDialog::check);
    }
    connect(m_limit, &QSpinBox::valueChanged, this, &QueueSettingsDialog::check);
    connect(m_maxAttempts, &QSpinBox::valueChanged, this, &QueueSettingsDialog::check);

    auto* form = new QFormLayout;
    form->addRow(tr("Concurrency &limit (all workers):"), m_limit);
    form->addRow(tr("&Attempts per task:"), m_maxAttempts);
    form->addRow(tr("Retry backoff &from:"), m_backoffBase);
    form->addRow(tr("Retry backoff &up to:"), m_backoffMax);
    form->addRow(tr("&Time limit of a run:"), m_timeout);
    auto* hint = new QLabel(tr("Durations as 500ms, 30s, 5m, 1h or 2d. Tasks already enqueued keep the attempts "
                               "they were given; backoff and time limit apply from their next run."),
                            this);
    hint->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("settingsProblem"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    check();
}

void QueueSettingsDialog::check()
{
    QueueUpdate update;
    QString problem;
    if (m_limit->value() != m_current.concurrencyLimit.value_or(0))
        update.concurrencyLimit = m_limit->value();
    if (m_maxAttempts->value() != m_current.defaultMaxAttempts.value_or(0))
        update.maxAttempts = m_maxAttempts->value();
    auto duration = [&problem](QLineEdit* edit, const QString& what) -> qint64 {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            return 0;
        auto ms = parseDurationMs(text);
        if (!ms && problem.isEmpty())
            problem = tr("%1: %2").arg(what, ms.error().message);
        return ms ? *ms : 0;
    };
    const qint64 base = duration(m_backoffBase, tr("Retry backoff from"));
    const qint64 most = duration(m_backoffMax, tr("Retry backoff up to"));
    const qint64 timeoutMs = duration(m_timeout, tr("Time limit"));
    if (problem.isEmpty() && (base > 0) != (most > 0))
        problem = tr("Give both ends of the backoff, or neither (the default).");
    else if (problem.isEmpty() && most < base)
        problem = tr("The backoff's upper end is below its start.");
    if (problem.isEmpty() && timeoutMs != 0 && (timeoutMs < 1'000 || timeoutMs > 7LL * 86'400'000))
        problem = tr("A time limit is between 1 second and 7 days.");
    if (base != m_current.backoffBaseMs.value_or(0) || most != m_current.backoffMaxMs.value_or(0))
        update.backoffMs = std::pair{base, most};
    const int timeoutS = int(timeoutMs / 1000);
    if (timeoutS != m_current.defaultTimeoutS.value_or(0))
        update.timeoutS = timeoutS;
    m_update = update;
    m_problem = problem;
    const bool changed = update.concurrencyLimit || update.maxAttempts || update.backoffMs || update.timeoutS;
    m_message->setText(problem);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(StatusColors::failed().name()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && changed);
}

} // namespace taskdeck
