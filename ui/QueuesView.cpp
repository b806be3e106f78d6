#include "ui/QueuesView.h"

#include "models/QueueListModel.h"
#include "ui/ActionIcons.h"
#include "ui/ListTable.h"
#include "ui/QueueSettingsDialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace taskdeck {

QueuesView::QueuesView(QueueListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    m_table = makeListTable(m_model, this, QStringLiteral("queueTable"));
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const auto filter = m_model->filterAt(index))
            Q_EMIT tasksRequested(*filter);
    });
    auto* pause = new QPushButton(tr("&Pause"), this);
    auto* resume = new QPushButton(tr("&Resume"), this);
    auto* limit = new QPushButton(tr("&Settings…"), this);
    limit->setToolTip(tr("Concurrency limit, attempts, retry backoff and time limit of the selected queue"));
    ActionIcons::attach(pause, QStringLiteral("pause"));
    ActionIcons::attach(resume, QStringLiteral("resume"));
    ActionIcons::attach(limit, QStringLiteral("queueSettings"));
    pause->setObjectName(QStringLiteral("pauseQueue"));
    resume->setObjectName(QStringLiteral("resumeQueue"));
    limit->setObjectName(QStringLiteral("queueLimit"));
    m_actions = {pause, resume, limit};
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("queueStatus"));
    m_status->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(pause);
    buttons->addWidget(resume);
    buttons->addWidget(limit);
    buttons->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    // The same actions on the table's context menu (right click), for the row under the pointer.
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (QPushButton* button : std::as_const(m_actions)) {
        auto* action = new QAction(button->text(), m_table);
        action->setObjectName(button->objectName() + QLatin1String("Action"));
        connect(action, &QAction::triggered, button, &QPushButton::click);
        m_table->addAction(action);
        m_menuActions << action;
    }
    connect(pause, &QPushButton::clicked, this, [this] { setPaused(true); });
    connect(resume, &QPushButton::clicked, this, [this] { setPaused(false); });
    connect(limit, &QPushButton::clicked, this, &QueuesView::editSettings);
}

void QueuesView::setReadOnly(const QString& reason)
{
    for (QPushButton* button : std::as_const(m_actions)) {
        button->setEnabled(reason.isEmpty());
        button->setToolTip(reason.isEmpty() ? QString() : tr("Read-only: %1").arg(reason));
    }
    for (QAction* action : std::as_const(m_menuActions)) {
        action->setEnabled(reason.isEmpty());
        action->setToolTip(reason.isEmpty() ? action->text() : tr("Read-only: %1").arg(reason));
    }
}

void QueuesView::refresh()
{
    m_model->refresh();
}

QString QueuesView::statusText() const
{
    return m_status->text();
}

QString QueuesView::selectedQueue() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return {};
    return m_model->rows().value(current.row()).settings.name;
}

void QueuesView::setPaused(bool paused)
{
    const QString queue = selectedQueue();
    if (queue.isEmpty()) {
        m_status->setText(tr("Select a queue first."));
        return;
    }
    m_status->setText(paused ? tr("Pausing queue '%1'…").arg(queue) : tr("Resuming queue '%1'…").arg(queue));
    m_model->setPaused(queue, paused, [this, queue, paused](const Status& status) {
        if (!status) {
            m_status->setText(tr("Queue '%1' was not changed.").arg(queue));
            m_dialogs->warn(this, tr("Queue"), status.error().message);
            return;
        }
        m_status->setText(paused ? tr("Queue '%1' is paused: its tasks wait until it is resumed.").arg(queue)
                                 : tr("Queue '%1' is running again.").arg(queue));
    });
}

void QueuesView::editSettings()
{
    const QString queue = selectedQueue();
    if (queue.isEmpty()) {
        m_status->setText(tr("Select a queue first."));
        return;
    }
    QueueSettingsDialog dialog(m_model->rows().value(m_table->currentIndex().row()).settings, this);
    if (!m_dialogs->run(dialog)) {
        m_status->setText(tr("The settings of queue '%1' were left as they are.").arg(queue));
        return;
    }
    if (!dialog.problem().isEmpty()) {
        m_status->setText(tr("The settings of queue '%1' were not changed: %2").arg(queue, dialog.problem()));
        return;
    }
    const QueueUpdate update = dialog.update();
    if (!update.concurrencyLimit && !update.maxAttempts && !update.backoffMs && !update.timeoutS) {
        m_status->setText(tr("The settings of queue '%1' were left as they are: nothing was changed.").arg(queue));
        return;
    }
    apply(queue, update, tr("The settings of queue '%1' changed (the audit log says from what to what).").arg(queue));
}

void QueuesView::apply(const QString& queue, const QueueUpdate& update, const QString& done)
{
    m_model->update(queue, update, [this, queue, done](const Status& status) {
        if (!status) {
            m_status->setText(tr("Queue '%1' was not changed.").arg(queue));
            m_dialogs->warn(this, tr("Queue"), status.error().message);
            return;
        }
        m_status->setText(done);
    });
}

} // namespace taskdeck
