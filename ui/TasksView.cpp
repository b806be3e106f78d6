#include "ui/TasksView.h"

#include "client/StoreClient.h"
#include "executor/LocalExecutor.h"
#include "export/TaskCsvExport.h"
#include "models/RunHistoryModel.h"
#include "models/TaskListModel.h"
#include "models/WorkerListModel.h"
#include "ui/ActionIcons.h"
#include "ui/EnqueueDialog.h"
#include "ui/TaskActionWords.h"
#include "ui/TaskFilterBar.h"
#include "ui/ViewState.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressDialog>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>

namespace taskdeck {

namespace {

QString prettyJson(const QString& text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isNull())
        return text;
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

} // namespace

TasksView::TasksView(StoreClient* client, LocalExecutor* executor, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_executor(executor)
    , m_model(new TaskListModel(client, this))
    , m_runs(new RunHistoryModel(this))
{
    m_filterBar = new TaskFilterBar(client, this);
    m_filterBar->setObjectName(QStringLiteral("filterBar"));
    connect(m_filterBar, &TaskFilterBar::filterChanged, this, &TasksView::reload);
    connect(m_filterBar, &TaskFilterBar::goToTask, this, &TasksView::showTask);

    // Table.
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("taskTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(TaskListModel::IdColumn, Qt::DescendingOrder);
    // Only some columns sort (those an index serves); a click on another leaves the order as it is and says so,
    // instead of moving the arrow to a column the list is not sorted by.
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder) {
        if (TaskListModel::sortKeyOfColumn(column))
            return;
        const int sorted = TaskListModel::columnOfSortKey(m_model->sortKey());
        const QSignalBlocker keep(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(
            sorted, m_model->isDescending() ? Qt::DescendingOrder : Qt::AscendingOrder);
        setNotice(tr("The list sorts by ID, priority, run at or created time only."));
    });
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    // Each column as wide as what it usually holds (the operator may widen it): ids, states with progress, queue and
    // handler names as the demo's and most teams' run, compact times.
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = 2 * metrics.averageCharWidth() + 8;
    const QList<std::pair<int, QString>> samples{
        {TaskListModel::IdColumn, QStringLiteral("9999999")},
        {TaskListModel::StateColumn, QStringLiteral("running 100%")},
        {TaskListModel::QueueColumn, QStringLiteral("notifications")},
        {TaskListModel::HandlerColumn, QStringLiteral("orders.cancel_unpaid")},
        {TaskListModel::PriorityColumn, m_model->headerData(TaskListModel::PriorityColumn, Qt::Horizontal).toString()},
        {TaskListModel::AttemptsColumn, m_model->headerData(TaskListModel::AttemptsColumn, Qt::Horizontal).toString()},
        {TaskListModel::RunAtColumn, QStringLiteral("12-31 23:59")},
        {TaskListModel::CreatedColumn, QStringLiteral("12-31 23:59")},
        {TaskListModel::ErrorColumn, QStringLiteral("SMTP server answered 451 4.7.1")}};
    for (const auto& [column, sample] : samples)
        m_table->setColumnWidth(column, metrics.horizontalAdvance(sample) + padding);
    // The state's coloured dot beside its word.
    m_table->setColumnWidth(TaskListModel::StateColumn,
                            m_table->columnWidth(TaskListModel::StateColumn) + m_table->iconSize().width() + 4);
    rememberColumns(m_table->horizontalHeader(), QStringLiteral("tasks/columns"));

    // Details.
    m_detailsHeader = new QLabel(tr("Select a task to see its details."), this);
    m_detailsHeader->setObjectName(QStringLiteral("detailsHeader"));
    m_detailsHeader->setWordWrap(true);
    m_detailsHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // "Why isn't it running?", answered from the database whenever a task is shown.
    m_why = new QLabel(this);
    m_why->setObjectName(QStringLiteral("whyLabel"));
    m_why->setWordWrap(true);
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_why->hide();
    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("payloadView"));
    m_payload->setReadOnly(true);
    m_payload->setFont(QFont(QStringLiteral("monospace")));
    m_outcome = new QPlainTextEdit(this);
    m_outcome->setReadOnly(true);
    m_outcome->setFont(QFont(QStringLiteral("monospace")));
    auto* runsTable = new QTableView(this);
    runsTable->setModel(m_runs);
    runsTable->verticalHeader()->hide();
    runsTable->horizontalHeader()->setStretchLastSection(true);
    runsTable->setWordWrap(false);
    // The short columns as wide as their contents, so that the outcome and its message fit beside them.
    for (const int column :
         {RunHistoryModel::AttemptColumn, RunHistoryModel::StartedColumn, RunHistoryModel::FinishedColumn,
          RunHistoryModel::DurationColumn, RunHistoryModel::OutcomeColumn})
        runsTable->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    runsTable->setColumnWidth(RunHistoryModel::WorkerColumn,
                              runsTable->fontMetrics().horizontalAdvance(QStringLiteral("worker@host:12345")));
    // The details below the list, side by side, so that the list keeps the window's width for its columns.
    auto column = [this](const QString& title, QWidget* content) {
        auto* box = new QWidget(this);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->addWidget(new QLabel(title, box));
        boxLayout->addWidget(content, 1);
        return box;
    };
    auto* parts = new QSplitter(Qt::Horizontal, this);
    parts->setObjectName(QStringLiteral("detailsSplitter"));
    parts->addWidget(column(tr("Payload"), m_payload));
    parts->addWidget(column(tr("Error, progress and result"), m_outcome));
    parts->addWidget(column(tr("Attempts"), runsTable));
    parts->setStretchFactor(0, 2);
    parts->setStretchFactor(1, 2);
    parts->setStretchFactor(2, 3);
    rememberSplitter(parts, QStringLiteral("tasks/detailsSplitter"));
    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_detailsHeader);
    detailsLayout->addWidget(m_why);
    detailsLayout->addWidget(parts, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("tasksSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    rememberSplitter(splitter, QStringLiteral("tasks/listOverDetails"));

    // Actions.
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(16, 16));
    auto addToolAction = [this, toolbar](const QString& name, const QString& text, const QKeySequence& shortcut,
                                         auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        ActionIcons::attach(action, name);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        toolbar->addAction(action);
        QWidget::addAction(action); // shortcuts work wherever the focus is inside the view
        m_actions.insert(name, action);
        return action;
    };
    // F5 is the window's (View ▸ Refresh now), which refreshes this list too when it is shown.
    addToolAction(QStringLiteral("refresh"), tr("Refresh"), QKeySequence(), [this] { reload(); });
    addToolAction(QStringLiteral("enqueue"), tr("Enqueue…"), QKeySequence::New, [this] {
        EnqueueDialog dialog(this);
        dialog.setQueue(m_filterBar->queueText()); // the queue the list is filtered to, if any
        if (m_dialogs->run(dialog))
            enqueueTask(dialog.request(), 0);
    });
    toolbar->addSeparator();
    addToolAction(QStringLiteral("retry"), tr("Retry"), QKeySequence(Qt::CTRL | Qt::Key_R),
                  [this] { applyToSelection(Bulk::Retry); });
    addToolAction(QStringLiteral("cancel"), tr("Cancel"), QKeySequence(), [this] { applyToSelection(Bulk::Cancel); });
    addToolAction(QStringLiteral("delete"), tr("Delete"), QKeySequence::Delete,
                  [this] { applyToSelection(Bulk::Delete); });
    addToolAction(QStringLiteral("runNow"), tr("Run now"), QKeySequence(Qt::CTRL | Qt::Key_Return), [this] {
        const QList<qint64> ids = selectedIds();
        if (ids.size() != 1)
            return;
        m_runNowTask = ids.first();
        setNotice(tr("Asking the local executor to run task %1…").arg(m_runNowTask));
        Q_EMIT runNowRequested(m_runNowTask);
    });
    addToolAction(QStringLiteral("editAndEnqueue"), tr("Edit payload and re-enqueue…"), QKeySequence(), [this] {
        if (!m_details)
            return;
        EnqueueDialog dialog(this);
        dialog.setWindowTitle(tr("Edit payload and re-enqueue task %1").arg(m_details->task.id));
        dialog.setTask(m_details->task);
        if (m_dialogs->run(dialog))
            enqueueTask(dialog.request(), dialog.deleteOriginal() ? m_details->task.id : 0);
    });
    toolbar->addSeparator();
    auto* allMenu = new QMenu(this);
    for (Bulk bulk : {Bulk::Retry, Bulk::Cancel, Bulk::Delete}) {
        QAction* action = allMenu->addAction(tr("%1 all matching the filter…").arg(verb(bulk)));
        // The name is fixed whatever the language: updateActions() and tests find the action by it.
        action->setObjectName(bulk == Bulk::Retry        ? QStringLiteral("allRetry")
                                  : bulk == Bulk::Cancel ? QStringLiteral("allCancel")
                                                         : QStringLiteral("allDelete"));
        connect(action, &QAction::triggered, this, [this, bulk] { applyToAllMatching(bulk); });
        m_actions.insert(action->objectName(), action);
    }
    auto* allButton = new QToolButton(this);
    allButton->setText(tr("All matching"));
    allButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    ActionIcons::attach(allButton, QStringLiteral("allMatching"));
    allButton->setMenu(allMenu);
    allButton->setPopupMode(QToolButton::InstantPopup);
    toolbar->addWidget(allButton);
    addToolAction(QStringLiteral("exportCsv"), tr("Export CSV…"), QKeySequence(), [this] {
        const QString path = m_dialogs->saveFileName(this, tr("Export the filtered tasks"), QStringLiteral("tasks.csv"),
                                                     tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] { m_filterBar->focusSearch(); });
    QWidget::addAction(find);
    // The context menu: what applies to the selection (the shortcuts are shown beside each).
    for (const char* name : {"retry", "cancel", "delete", "runNow", "editAndEnqueue"})
        m_table->addAction(m_actions.value(QString::fromLatin1(name)));
    // Toolbar buttons take no keyboard focus by default; an operator without a mouse reaches them with Tab.
    for (QAction* action : toolbar->actions()) {
        if (QWidget* button = toolbar->widgetForAction(action))
            button->setFocusPolicy(Qt::TabFocus);
    }

    // The footer: what the last action did (it stays until the next one), and how many tasks the list holds.
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("actionNotice"));
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("listSummary"));
    connect(m_summary, &QLabel::linkActivated, this, [this] {
        TaskFilter searchOnly;
        searchOnly.search = m_model->filter().search;
        showFiltered(searchOnly);
    });
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_notice, 1);
    footer->addWidget(m_summary);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);
    layout->addLayout(footer);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        // Nothing selected any more (the row was deleted, the filter changed): the pane says so instead of showing
        // a task that no action would apply to.
        if (!m_table->selectionModel()->hasSelection())
            clearDetails();
        updateActions();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (const Task* task = m_model->taskAt(current.row()))
                    showTask(task->id);
            });
    connect(m_model, &TaskListModel::pageLoaded, this, &TasksView::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TasksView::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TasksView::updateActions);
    connect(m_model, &TaskListModel::loadFailed, this,
            [this](const QString& message) { m_summary->setText(tr("Cannot load tasks: %1").arg(message)); });
    if (m_executor) {
        connect(m_executor, &LocalExecutor::started, this, &TasksView::updateActions);
        connect(m_executor, &LocalExecutor::stopped, this, &TasksView::updateActions);
        connect(m_executor, &LocalExecutor::runNowRefused, this, [this](qint64 taskId, const QString& reason) {
            setNotice(tr("Task %1 did not run: %2.").arg(taskId).arg(reason));
        });
        connect(m_executor, &LocalExecutor::runStarted, this, [this](qint64 taskId) {
            if (taskId == m_runNowTask)
                setNotice(tr("Task %1 is running on the local executor.").arg(taskId));
        });
    }
    updateActions();
}

QString TasksView::noticeText() const
{
    return m_notice->text();
}

void TasksView::setNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setToolTip(text);
}

QAction* TasksView::action(const QString& name) const
{
    return m_actions.value(name);
}

TaskFilter TasksView::currentFilter() const
{
    return m_filterBar->filter();
}

void TasksView::setStateFilter(const QString& name)
{
    m_filterBar->setState(name);
}

void TasksView::setQueueFilter(const QString& queue)
{
    m_filterBar->setQueue(queue);
    reload();
}

void TasksView::setSearchText(const QString& text)
{
    m_filterBar->setSearchText(text);
    reload();
}

void TasksView::showFiltered(const TaskFilter& filter)
{
    m_filterBar->setFilter(filter);
    reload();
}

void TasksView::reload()
{
    m_model->setQuery(currentFilter(), m_model->sortKey(), m_model->isDescending());
    m_filterBar->refreshSuggestions();
}

void TasksView::refresh()
{
    m_model->refresh();
    if (m_detailsId != 0 && !m_table->selectionModel()->hasSelection())
        return;
    if (m_detailsId != 0)
        showTask(m_detailsId);
}

void TasksView::setReadOnly(const QString& reason)
{
    m_readOnlyReason = reason;
    updateActions();
}

QList<qint64> TasksView::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        if (const Task* task = m_model->taskAt(index.row()))
            ids << task->id;
    }
    return ids;
}

QList<const Task*> TasksView::selectedTasks() const
{
    QList<const Task*> tasks;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        if (const Task* task = m_model->taskAt(index.row()))
            tasks << task;
    }
    return tasks;
}

QString TasksView::whyRunNowIsOff(const QList<const Task*>& tasks) const
{
    if (tasks.size() != 1)
        return tr("Select one task to run it on the local executor.");
    const Task& task = *tasks.first();
    if (!runNowApplies(task.displayState))
        return tr("Task %1 is %2: run now applies to waiting, failed and cancelled tasks.")
            .arg(task.id)
            .arg(stateLabel(task.displayState));
    if (!m_executor || !m_executor->isRunning())
        return tr("The local executor is not running: start it on the Local executor tab.");
    if (!m_executor->handlerNames().contains(task.handler))
        return tr("The local executor has no handler '%1' (it has: %2).")
            .arg(task.handler, m_executor->handlerNames().join(QLatin1String(", ")));
    return {};
}

void TasksView::updateActions()
{
    const QList<const Task*> tasks = selectedTasks();
    const bool writable = m_readOnlyReason.isEmpty();
    const QString readOnly = writable ? QString() : tr("Read-only: %1").arg(m_readOnlyReason);
    auto offer = [this](const char* name, bool enabled, const QString& why) {
        QAction* action = m_actions.value(QString::fromLatin1(name));
        action->setEnabled(enabled);
        action->setToolTip(enabled || why.isEmpty() ? action->text() : why);
    };
    for (const auto& [name, bulk] :
         {std::pair{"retry", Bulk::Retry}, std::pair{"cancel", Bulk::Cancel}, std::pair{"delete", Bulk::Delete}}) {
        const bool any = std::any_of(tasks.cbegin(), tasks.cend(),
                                     [bulk = bulk](const Task* t) { return applies(bulk, t->displayState); });
        const QString why = !writable ? readOnly
            : tasks.isEmpty()         ? tr("Select the tasks to act on.")
                                      : notApplicable(bulk);
        offer(name, writable && any, why);
    }
    for (const char* name : {"enqueue", "allRetry", "allCancel", "allDelete"})
        offer(name, writable, readOnly);
    const QString runNowOff = writable ? whyRunNowIsOff(tasks) : readOnly;
    offer("runNow", runNowOff.isEmpty(), runNowOff);
    offer("editAndEnqueue", writable && m_details.has_value(),
          writable ? tr("Select a task to edit its payload.") : readOnly);
    const int loaded = m_model->rowCount();
    const std::optional<int> searchAlone = m_model->searchAloneMatches();
    if (loaded == 0 && m_model->isComplete() && searchAlone.value_or(0) > 0) {
        // The search finds tasks that the other filters exclude: say so, with the way to them.
        const QString found = *searchAlone > TaskListModel::kMostCountedSearchMatches
            ? tr("more than %L1 tasks match").arg(TaskListModel::kMostCountedSearchMatches)
            : tr("%Ln task(s) match", nullptr, *searchAlone);
        m_summary->setText(tr("0 shown: %1 “%2” in all states, queues and handlers. <a href=\"clear\">Clear the "
                              "other filters</a>")
                               .arg(found, m_model->filter().search.toHtmlEscaped()));
    } else if (loaded == 0)
        m_summary->setText(m_model->isComplete() ? tr("No task matches the filter.") : tr("Loading…"));
    else
        m_summary->setText(m_model->isComplete() ? tr("%Ln task(s)", nullptr, loaded)
                                                 : tr("%Ln task(s) loaded; scroll for more", nullptr, loaded));
}

void TasksView::showTask(qint64 id)
{
    // The pane and the selection name the same task: its row is selected when loaded; a task not in the list
    // (just enqueued, filtered out, found by id) is shown with nothing selected, so no action hits another row.
    const int row = m_model->rowOfTask(id);
    if (row >= 0 && m_table->currentIndex().row() != row)
        m_table->selectRow(row);
    else if (row < 0)
        m_table->selectionModel()->clear();
    m_detailsId = id;
    // The details and, beside them, why the task is where it is (explain): one round trip to the client's thread.
    struct Read
    {
        std::optional<TaskDetails> details;
        std::optional<TaskExplanation> why;
    };
    m_client->run(
        this,
        [id](TaskStore& store) -> Result<Read> {
            auto details = store.task(id);
            if (!details)
                return details.error();
            Read read{std::move(*details), std::nullopt};
            if (read.details) {
                auto why = store.explain(id);
                if (why)
                    read.why = std::move(*why);
            }
            return read;
        },
        [this, id](Result<Read> read) {
            if (id != m_detailsId)
                return;
            if (!read) {
                showWhy(std::nullopt);
                m_detailsHeader->setText(tr("Cannot read task %1: %2").arg(id).arg(read.error().message));
                return;
            }
            showWhy(read->why);
            if (!read->details) {
                m_details.reset();
                m_detailsHeader->setText(tr("Task %1 does not exist (any more).").arg(id));
                m_payload->clear();
                m_outcome->clear();
                m_runs->setRuns({});
                updateActions();
                return;
            }
            showDetails(*read->details);
        });
}

void TasksView::showWhy(const std::optional<TaskExplanation>& why)
{
    QStringList lines;
    if (why) {
        for (const TaskExplanation::Reason& reason : why->reasons)
            lines << reason.text.toHtmlEscaped();
    }
    m_why->setVisible(!lines.isEmpty());
    if (!lines.isEmpty())
        m_why->setText(tr("<b>Why:</b> %1").arg(lines.join(QLatin1String("<br>"))));
}

void TasksView::clearDetails()
{
    m_detailsId = 0;
    m_details.reset();
    showWhy(std::nullopt);
    m_detailsHeader->setText(tr("Select a task to see its details."));
    m_payload->clear();
    m_outcome->clear();
    m_runs->setRuns({});
}

void TasksView::showDetails(const TaskDetails& details)
{
    const bool changed = !m_details || m_details->task.id != details.task.id;
    m_details = details;
    const Task& t = details.task;
    QString header =
        tr("<b>Task %1</b> — %2 in queue <b>%3</b>, handler <b>%4</b>, attempt %5 of %6, priority %7")
            .arg(t.id)
            .arg(stateLabel(t.displayState).toHtmlEscaped(), t.queue.toHtmlEscaped(), t.handler.toHtmlEscaped())
            .arg(t.attempts)
            .arg(t.maxAttempts)
            .arg(t.priority);
    header += tr("<br>created %1, run at %2").arg(formatTime(t.createdAt), formatTime(t.runAt));
    if (!t.uniqueKey.isEmpty())
        header += tr(", unique key %1").arg(t.uniqueKey.toHtmlEscaped());
    if (!t.lockedBy.isEmpty())
        header += tr("<br>held by %1 until %2").arg(t.lockedBy.toHtmlEscaped(), formatTime(t.lockedUntil));
    m_detailsHeader->setText(header);
    const QString payload = prettyJson(t.payload);
    if (m_payload->toPlainText() != payload)
        m_payload->setPlainText(payload);
    QStringList outcome;
    if (!t.lastError.isEmpty())
        outcome << tr("Last error:\n%1").arg(t.lastError);
    if (t.progress)
        outcome << tr("Progress: %1% %2").arg(*t.progress).arg(t.progressMessage);
    if (!t.result.isEmpty())
        outcome << tr("Result:\n%1").arg(prettyJson(t.result));
    const QString outcomeText = outcome.join(QLatin1String("\n\n"));
    if (m_outcome->toPlainText() != outcomeText)
        m_outcome->setPlainText(outcomeText);
    if (changed || m_runs->runs().size() != details.runs.size())
        m_runs->setRuns(details.runs);
    updateActions();
    Q_EMIT detailsShown(t.id);
}

void TasksView::applyToSelection(Bulk action)
{
    const QList<const Task*> tasks = selectedTasks();
    QList<qint64> ids;
    for (const Task* task : tasks) {
        if (applies(action, task->displayState))
            ids << task->id;
    }
    if (ids.isEmpty()) {
        setNotice(tasks.isEmpty() ? tr("Nothing is selected.") : notApplicable(action));
        return;
    }
    QString text = ids.size() == 1 ? tr("%1 task %2?").arg(verb(action)).arg(ids.first())
                                   : tr("%1 the %2 selected tasks?").arg(verb(action), QLocale().toString(ids.size()));
    if (const qsizetype left = tasks.size() - ids.size(); left > 0)
        text += QLatin1Char(' ') +
            tr("(%Ln other selected task(s) it does not apply to stay as they are.)", nullptr, int(left));
    if (!confirmBulk(action, text, ids.size()))
        return;
    runBulk(action, ids, tr("%1 selected in the console").arg(ids.size()));
}

bool TasksView::confirmBulk(Bulk action, const QString& question, qsizetype count)
{
    if (count <= kTypedConfirmationAbove)
        return m_dialogs->confirm(this, verb(action), question);
    // Many tasks at once: the operator types the count, so that a slip of the Enter key cannot do it.
    return m_dialogs->confirmByTyping(this, verb(action), question, QString::number(count));
}

void TasksView::applyToAllMatching(Bulk action)
{
    const TaskFilter filter = currentFilter();
    setNotice(tr("Counting the tasks that match…"));
    m_client->run(
        this, [filter](TaskStore& store) { return store.selectTaskIds(filter); },
        [this, action, filter](Result<QList<qint64>> ids) {
            if (!ids) {
                m_dialogs->warn(this, verb(action), ids.error().message);
                return;
            }
            updateActions();
            const QString what = describe(filter);
            if (ids->isEmpty()) {
                m_dialogs->inform(this, verb(action), tr("No task matches: %1.").arg(what));
                return;
            }
            // The count stated here is the count acted on: exactly these ids, whatever arrives meanwhile.
            const QString text =
                tr("%1 all %Ln task(s) matching %2?", nullptr, int(ids->size())).arg(verb(action), what);
            if (!confirmBulk(action, text, ids->size()))
                return;
            runBulk(action, *ids, tr("by filter in the console: %1").arg(what));
        });
}

void TasksView::runBulk(Bulk action, const QList<qint64>& ids, const QString& description)
{
    auto* progress = new QProgressDialog(tr("%1: 0 of %2 tasks").arg(verb(action), QLocale().toString(ids.size())),
                                         tr("Stop"), 0, int(ids.size()), this);
    progress->setObjectName(QStringLiteral("bulkProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    auto stop = std::make_shared<std::atomic<bool>>(false);
    auto processed = std::make_shared<std::atomic<qint64>>(0); // how far the store got, for a stopped action
    connect(progress, &QProgressDialog::canceled, this, [stop] { stop->store(true); });
    const QPointer<QObject> receiver(progress);
    StoreClient* client = m_client;
    const qint64 confirmed = ids.size();
    m_client->run(
        this,
        [action, ids, description, stop, processed, receiver, client](TaskStore& store) -> Result<qint64> {
            auto onProgress = [stop, processed, receiver, client](qint64 done, qint64 total) {
                processed->store(done);
                client->deliver(receiver, [receiver, done, total] {
                    auto* dialog = static_cast<QProgressDialog*>(receiver.data());
                    dialog->setValue(int(done));
                    const QLocale locale;
                    dialog->setLabelText(
                        TasksView::tr("%1 of %2 tasks done").arg(locale.toString(done), locale.toString(total)));
                });
                return !stop->load() && !QThread::currentThread()->isInterruptionRequested();
            };
            switch (action) {
            case Bulk::Retry:
                return store.retryTasks(ids, description, onProgress);
            case Bulk::Delete:
                return store.deleteTasks(ids, description, onProgress);
            case Bulk::Cancel: {
                auto report = store.cancelTasks(ids, description, onProgress);
                if (!report)
                    return report.error();
                return report->cancelled + report->requested;
            }
            }
            return qint64(0);
        },
        [this, action, progress, confirmed, stop, processed](Result<qint64> done) {
            progress->deleteLater();
            const QString error = done ? QString() : done.error().message;
            const QLocale locale;
            if (!done) {
                setNotice(tr("%1 failed: %2").arg(verb(action), error));
                m_dialogs->warn(this, verb(action), error);
            } else if (stop->load() && processed->load() < confirmed) {
                setNotice(tr("%1 stopped after %2 of %3 tasks: %4 The rest are as they were.")
                              .arg(verb(action), locale.toString(processed->load()), locale.toString(confirmed),
                                   pastTense(action, *done)));
            } else if (*done < confirmed) {
                setNotice(
                    tr("%1 The other %2 of the %3 confirmed had changed state meanwhile.")
                        .arg(pastTense(action, *done), locale.toString(confirmed - *done), locale.toString(confirmed)));
            } else {
                setNotice(pastTense(action, *done));
            }
            Q_EMIT bulkFinished(action, confirmed, done ? *done : 0, error);
            m_model->refresh();
        });
}

void TasksView::enqueueTask(const EnqueueRequest& request, qint64 replacing)
{
    m_client->run(
        this,
        [request, replacing](TaskStore& store) -> Result<EnqueueResult> {
            return replacing != 0 ? store.replaceTask(replacing, request) : store.enqueue(request);
        },
        [this](Result<EnqueueResult> result) {
            if (!result) {
                m_dialogs->warn(this, tr("Enqueue"), result.error().message);
                return;
            }
            setNotice(result->created ? tr("Enqueued task %1.").arg(result->id)
                                      : tr("A task with that unique key exists already: %1.").arg(result->id));
            m_model->refresh();
            showTask(result->id);
        });
}

void TasksView::exportCsv(const QString& path)
{
    TaskQuery query;
    query.filter = currentFilter();
    query.sortKey = m_model->sortKey();
    query.descending = m_model->isDescending();
    query.limit = 1'000;
    const QPointer<QObject> receiver(this);
    StoreClient* client = m_client;
    setNotice(tr("Exporting…"));
    m_client->run(
        this,
        [query, path, receiver, client](TaskStore& store) {
            TaskCsvExport::Hooks hooks;
            hooks.progress = [receiver, client](qint64 rows) {
                client->deliver(receiver, [receiver, rows] {
                    static_cast<TasksView*>(receiver.data())->setNotice(TasksView::tr("Exporting… %1 rows").arg(rows));
                });
            };
            // The connection's thread is asked to end (the tab closes): stop, and leave no partial file.
            hooks.interrupted = [] { return QThread::currentThread()->isInterruptionRequested(); };
            return TaskCsvExport::writeFile(store, query, path, hooks);
        },
        [this, path](Result<qint64> rows) {
            if (!rows) {
                setNotice(tr("Export failed: %1").arg(rows.error().message));
                Q_EMIT exportFinished(0, rows.error().message);
                return;
            }
            setNotice(tr("Exported %Ln task(s) to %1.", nullptr, int(*rows)).arg(QDir::toNativeSeparators(path)));
            Q_EMIT exportFinished(*rows, {});
        });
}

} // namespace taskdeck
