#include "ui/HealthBar.h"

#include "common/Duration.h"
#include "models/HealthModel.h"
#include "models/OverviewModel.h"
#include "models/StatusColors.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLocale>
#include <QToolButton>

namespace taskdeck {

namespace {

// Waiting longer than this past its run time reads as a backlog, not as the next task about to start.
constexpr qint64 kWaitingWarnMs = 60'000;

} // namespace

HealthBar::HealthBar(HealthModel* health, OverviewModel* overview, QWidget* parent)
    : QWidget(parent)
    , m_health(health)
    , m_overview(overview)
{
    setObjectName(QStringLiteral("healthBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->setSpacing(12);
    m_failed = addPart(QStringLiteral("healthFailed"));
    m_waiting = addPart(QStringLiteral("healthWaiting"));
    m_workers = addPart(QStringLiteral("healthWorkers"));
    m_paused = addPart(QStringLiteral("healthPaused"));
    layout->addStretch();

    connect(m_failed, &QToolButton::clicked, this, [this] {
        TaskFilter filter;
        filter.states = {DisplayState::Failed};
        Q_EMIT tasksRequested(filter);
    });
    connect(m_waiting, &QToolButton::clicked, this, [this] {
        TaskFilter filter;
        filter.states = {DisplayState::Pending, DisplayState::Retrying};
        Q_EMIT tasksRequested(filter);
    });
    connect(m_workers, &QToolButton::clicked, this, &HealthBar::workersRequested);
    connect(m_paused, &QToolButton::clicked, this, &HealthBar::queuesRequested);
    connect(m_health, &HealthModel::updated, this, &HealthBar::showHealth);
    connect(m_overview, &OverviewModel::updated, this, &HealthBar::showHealth);
    showHealth();
}

QToolButton* HealthBar::addPart(const QString& name)
{
    auto* part = new QToolButton(this);
    part->setObjectName(name);
    part->setAutoRaise(true);
    part->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    part->setCursor(Qt::PointingHandCursor);
    part->setFocusPolicy(Qt::TabFocus);
    layout()->addWidget(part);
    return part;
}

QStringList HealthBar::texts() const
{
    QStringList texts;
    for (const QToolButton* part : {m_failed, m_waiting, m_workers, m_paused}) {
        if (!part->isHidden())
            texts << part->text();
    }
    return texts;
}

void HealthBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showHealth();
}

void HealthBar::showHealth()
{
    const qint64 failedNow = m_overview->count({}, DisplayState::Failed);
    const auto& health = m_health->health();
    if (!health) {
        for (QToolButton* part : {m_failed, m_waiting, m_workers, m_paused})
            part->hide();
        return;
    }
    const qint64 failedRuns = health->failedRunsLastHour;
    m_failed->setText(tr("%n failed task(s)", nullptr, int(failedNow)) + QStringLiteral(" · ") +
                      tr("%n failed run(s) in the last hour", nullptr, int(failedRuns)));
    // Red for tasks that wait for an operator; amber for failed runs that will be retried.
    m_failed->setIcon(StatusColors::dot(failedNow > 0        ? StatusColors::failed()
                                            : failedRuns > 0 ? StatusColors::warning()
                                                             : StatusColors::succeeded()));
    m_failed->setToolTip(tr("Failed tasks wait for an operator (retry or delete them); failed runs include attempts "
                            "that will be retried. Click to list the failed tasks."));
    m_failed->show();

    if (health->oldestWaitingMs) {
        m_waiting->setText(
            tr("oldest waiting %1 (%2)").arg(formatDurationMs(*health->oldestWaitingMs), health->oldestWaitingQueue));
        m_waiting->setIcon(StatusColors::dot(*health->oldestWaitingMs > kWaitingWarnMs ? StatusColors::warning()
                                                                                       : StatusColors::succeeded()));
    } else {
        m_waiting->setText(tr("nothing waiting"));
        m_waiting->setIcon(StatusColors::dot(StatusColors::succeeded()));
    }
    m_waiting->setToolTip(tr("How long the oldest runnable task has waited past its run time. Click to list the "
                             "waiting tasks."));
    m_waiting->show();

    m_workers->setText(tr("%n live worker(s)", nullptr, health->liveWorkers));
    m_workers->setIcon(StatusColors::dot(health->liveWorkers > 0 ? StatusColors::succeeded() : StatusColors::failed()));
    m_workers->setToolTip(health->liveWorkers > 0 ? tr("Workers that sent a heartbeat in the last minute. Click for "
                                                       "the workers.")
                                                  : tr("No worker is running: nothing will be executed until one "
                                                       "starts (taskdeckctl worker, or the local executor)."));
    m_workers->show();

    const int paused = int(m_overview->pausedQueues().size());
    m_paused->setText(tr("%n paused queue(s)", nullptr, paused));
    m_paused->setIcon(StatusColors::dot(StatusColors::paused()));
    m_paused->setToolTip(tr("Paused queues keep their tasks but no worker claims them. Click for the queues."));
    m_paused->setVisible(paused > 0);
}

} // namespace taskdeck
