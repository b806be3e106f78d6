#include "ui/TasksView.h"

#include "client/StoreClient.h"
#include "export/TaskCsvExport.h"
#include "models/RunHistoryModel.h"
#include "models/TaskListModel.h"
#include "models/WorkerListModel.h"
#include "ui/EnqueueDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
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

QString verb(TasksView::Bulk action)
{
    switch (action) {
    case TasksView::Bulk::Retry:
        return TasksView::tr("Retry");
    case TasksView::Bulk::Cancel:
        return TasksView::tr("Cancel");
    case TasksView::Bulk::Delete:
        return TasksView::tr("Delete");
    }
    return {};
}

QString describe(const TaskFilter& filter)
{
    QStringList parts;
    if (!filter.states.isEmpty()) {
        QStringList states;
        for (DisplayState state : filter.states)
            states << stateLabel(state);
        parts << TasksView::tr("state %1").arg(states.join(QLatin1Char('/')));
    }
    if (!filter.queues.isEmpty())
        parts << TasksView::tr("queue %1").arg(filter.queues.join(QLatin1Char('/')));
    if (!filter.handlers.isEmpty())
        parts << TasksView::tr("handler %1").arg(filter.handlers.join(QLatin1Char('/')));
    if (!filter.search.isEmpty())
        parts << TasksView::tr("containing \"%1\"").arg(filter.search);
    if (filter.createdFrom.isValid())
        parts << TasksView::tr("created from %1").arg(formatTime(filter.createdFrom));
    if (filter.createdTo.isValid())
        parts << TasksView::tr("created before %1").arg(formatTime(filter.createdTo));
    return parts.isEmpty() ? TasksView::tr("every task") : parts.join(QLatin1String(", "));
}

} // namespace

TasksView::TasksView(StoreClient* client, LocalExecutor* executor, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_executor(executor)
    , m_model(new TaskListModel(client, this))
    , m_runs(new RunHistoryModel(this))
{
    // Filter bar.
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("stateFilter"));
    m_state->addItem(tr("All states"), QString());
    for (const QString& name : displayStateNames())
        m_state->addItem(stateLabel(*parseDisplayState(name)), name);
    m_queue = new QLineEdit(this);
    m_queue->setPlaceholderText(tr("queue"));
    m_handler = new QLineEdit(this);
    m_handler->setPlaceholderText(tr("handler"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("text in payload or error (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_range = new QComboBox(this);
    m_range->addItem(tr("Any time"), 0);
    m_range->addItem(tr("Last hour"), 3600);
    m_range->addItem(tr("Last 24 hours"), 24 * 3600);
    m_range->addItem(tr("Last 7 days"), 7 * 24 * 3600);
    m_beforeEnabled = new QCheckBox(tr("created before"), this);
    m_before = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_before->setCalendarPopup(true);
    m_before->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_before->setEnabled(false);
    m_goTo = new QLineEdit(this);
    m_goTo->setPlaceholderText(tr("go to task id"));
    m_goTo->setMaximumWidth(120);
    auto* filterBar = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_state, m_queue, m_handler, m_search, m_range, m_beforeEnabled,
                                                      m_before, m_goTo})
        filterBar->addWidget(w);
    filterBar->setStretchFactor(m_search, 2);

    const auto reloadSoon = [this] { reload(); };
    connect(m_state, &QComboBox::currentIndexChanged, this, reloadSoon);
    connect(m_range, &QComboBox::currentIndexChanged, this, reloadSoon);
    connect(m_queue, &QLineEdit::editingFinished, this, reloadSoon);
    connect(m_handler, &QLineEdit::editingFinished, this, reloadSoon);
    connect(m_search, &QLineEdit::returnPressed, this, reloadSoon);
    connect(m_beforeEnabled, &QCheckBox::toggled, m_before, &QWidget::setEnabled);
    connect(m_beforeEnabled, &QCheckBox::toggled, this, reloadSoon);
    connect(m_before, &QDateTimeEdit::editingFinished, this, reloadSoon);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] {
        bool ok = false;
        const qint64 id = m_goTo->text().trimmed().remove(QLatin1Char('#')).toLongLong(&ok);
        if (ok)
            showTask(id);
    });

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
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    // Details.
    m_detailsHeader = new QLabel(tr("Select a task to see its details."), this);
    m_detailsHeader->setObjectName(QStringLiteral("detailsHeader"));
    m_detailsHeader->setWordWrap(true);
    m_detailsHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_detailsHeader);
    detailsLayout->addWidget(new QLabel(tr("Payload"), details));
    detailsLayout->addWidget(m_payload, 2);
    detailsLayout->addWidget(new QLabel(tr("Error, progress and result"), details));
    detailsLayout->addWidget(m_outcome, 1);
    detailsLayout->addWidget(new QLabel(tr("Attempts"), details));
    detailsLayout->addWidget(runsTable, 2);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("tasksSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    // Actions.
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto addToolAction = [this, toolbar](const QString& name, const QString& text, const QKeySequence& shortcut,
                                         auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        toolbar->addAction(action);
        QWidget::addAction(action); // shortcuts work wherever the focus is inside the view
        m_actions.insert(name, action);
        return action;
    };
    addToolAction(QStringLiteral("refresh"), tr("Refresh"), QKeySequence::Refresh, [this] { reload(); });
    addToolAction(QStringLiteral("enqueue"), tr("Enqueue…"), QKeySequence::New, [this] {
        EnqueueDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted)
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
        if (ids.size() == 1)
            Q_EMIT runNowRequested(ids.first());
    });
    addToolAction(QStringLiteral("editAndEnqueue"), tr("Edit payload and re-enqueue…"), QKeySequence(), [this] {
        if (!m_details)
            return;
        EnqueueDialog dialog(this);
        dialog.setWindowTitle(tr("Edit payload and re-enqueue task %1").arg(m_details->task.id));
        dialog.setTask(m_details->task);
        if (dialog.exec() == QDialog::Accepted)
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
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    QWidget::addAction(find);
    for (const char* name : {"retry", "cancel", "delete", "runNow"})
        m_table->addAction(m_actions.value(QString::fromLatin1(name)));

    m_summary = new QLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterBar);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_summary);

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
    updateActions();
}

QAction* TasksView::action(const QString& name) const
{
    return m_actions.value(name);
}

TaskFilter TasksView::currentFilter() const
{
    TaskFilter filter;
    if (const auto state = parseDisplayState(m_state->currentData().toString()))
        filter.states = {*state};
    if (!m_queue->text().trimmed().isEmpty())
        filter.queues = {m_queue->text().trimmed()};
    if (!m_handler->text().trimmed().isEmpty())
        filter.handlers = {m_handler->text().trimmed()};
    filter.search = m_search->text();
    if (const int seconds = m_range->currentData().toInt(); seconds > 0)
        filter.createdFrom = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    if (m_beforeEnabled->isChecked())
        filter.createdTo = m_before->dateTime().toUTC();
    return filter;
}

void TasksView::setStateFilter(const QString& name)
{
    m_state->setCurrentIndex(std::max(0, m_state->findData(name)));
}

void TasksView::setQueueFilter(const QString& queue)
{
    m_queue->setText(queue);
    reload();
}

void TasksView::setSearchText(const QString& text)
{
    m_search->setText(text);
    reload();
}

void TasksView::reload()
{
    m_model->setQuery(currentFilter(), m_model->sortKey(), m_model->isDescending());
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

void TasksView::updateActions()
{
    const QList<qint64> ids = selectedIds();
    const bool writable = m_readOnlyReason.isEmpty();
    const QString why = writable ? QString() : tr("Read-only: %1").arg(m_readOnlyReason);
    for (const char* name : {"retry", "cancel", "delete"}) {
        QAction* action = m_actions.value(QString::fromLatin1(name));
        action->setEnabled(writable && !ids.isEmpty());
        action->setToolTip(why.isEmpty() ? action->text() : why);
    }
    for (const char* name : {"enqueue", "allRetry", "allCancel", "allDelete"}) {
        QAction* action = m_actions.value(QString::fromLatin1(name));
        action->setEnabled(writable);
        action->setToolTip(why.isEmpty() ? action->text() : why);
    }
    m_actions.value(QStringLiteral("runNow"))->setEnabled(writable && ids.size() == 1);
    m_actions.value(QStringLiteral("editAndEnqueue"))->setEnabled(writable && m_details.has_value());
    const QString loaded = QLocale().toString(m_model->rowCount());
    m_summary->setText(m_model->isComplete() ? tr("%1 tasks").arg(loaded)
                                             : tr("%1 tasks loaded; scroll for more").arg(loaded));
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
    m_client->run(
        this, [id](TaskStore& store) { return store.task(id); },
        [this, id](Result<std::optional<TaskDetails>> details) {
            if (id != m_detailsId)
                return;
            if (!details) {
                m_detailsHeader->setText(tr("Cannot read task %1: %2").arg(id).arg(details.error().message));
                return;
            }
            if (!details->has_value()) {
                m_details.reset();
                m_detailsHeader->setText(tr("Task %1 does not exist (any more).").arg(id));
                m_payload->clear();
                m_outcome->clear();
                m_runs->setRuns({});
                updateActions();
                return;
            }
            showDetails(**details);
        });
}

void TasksView::clearDetails()
{
    m_detailsId = 0;
    m_details.reset();
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
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const QString text = ids.size() == 1 ? tr("%1 task %2?").arg(verb(action)).arg(ids.first())
                                         : tr("%1 the %2 selected tasks?").arg(verb(action)).arg(ids.size());
    if (!m_dialogs->confirm(this, verb(action), text))
        return;
    runBulk(action, ids, tr("%1 selected in the console").arg(ids.size()));
}

void TasksView::applyToAllMatching(Bulk action)
{
    const TaskFilter filter = currentFilter();
    m_summary->setText(tr("Counting the tasks that match…"));
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
                tr("%1 all %2 tasks matching %3?").arg(verb(action), QLocale().toString(qint64(ids->size())), what);
            if (!m_dialogs->confirm(this, verb(action), text))
                return;
            runBulk(action, *ids, tr("by filter in the console: %1").arg(what));
        });
}

void TasksView::runBulk(Bulk action, const QList<qint64>& ids, const QString& description)
{
    auto* progress = new QProgressDialog(tr("%1: 0 of %2 tasks").arg(verb(action)).arg(ids.size()), tr("Stop"), 0,
                                         int(ids.size()), this);
    progress->setObjectName(QStringLiteral("bulkProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    auto stop = std::make_shared<std::atomic<bool>>(false);
    connect(progress, &QProgressDialog::canceled, this, [stop] { stop->store(true); });
    const QPointer<QObject> receiver(progress);
    StoreClient* client = m_client;
    const qint64 confirmed = ids.size();
    m_client->run(
        this,
        [action, ids, description, stop, receiver, client](TaskStore& store) -> Result<qint64> {
            auto onProgress = [stop, receiver, client](qint64 done, qint64 total) {
                client->deliver(receiver, [receiver, done, total] {
                    auto* dialog = static_cast<QProgressDialog*>(receiver.data());
                    dialog->setValue(int(done));
                    dialog->setLabelText(TasksView::tr("%1 of %2 tasks done").arg(done).arg(total));
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
        [this, action, progress, confirmed](Result<qint64> done) {
            progress->deleteLater();
            const QString error = done ? QString() : done.error().message;
            if (!done)
                m_dialogs->warn(this, verb(action), error);
            else
                m_summary->setText(tr("%1: %2 of %3 confirmed tasks changed (the others had changed state "
                                      "meanwhile)")
                                       .arg(verb(action))
                                       .arg(*done)
                                       .arg(confirmed));
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
            m_summary->setText(result->created ? tr("Enqueued task %1.").arg(result->id)
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
    m_summary->setText(tr("Exporting…"));
    m_client->run(
        this,
        [query, path, receiver, client](TaskStore& store) {
            TaskCsvExport::Hooks hooks;
            hooks.progress = [receiver, client](qint64 rows) {
                client->deliver(receiver, [receiver, rows] {
                    static_cast<TasksView*>(receiver.data())
                        ->m_summary->setText(TasksView::tr("Exporting… %1 rows").arg(rows));
                });
            };
            // The connection's thread is asked to end (the tab closes): stop, and leave no partial file.
            hooks.interrupted = [] { return QThread::currentThread()->isInterruptionRequested(); };
            return TaskCsvExport::writeFile(store, query, path, hooks);
        },
        [this, path](Result<qint64> rows) {
            if (!rows) {
                m_summary->setText(rows.error().message);
                Q_EMIT exportFinished(0, rows.error().message);
                return;
            }
            m_summary->setText(tr("Exported %1 tasks to %2").arg(*rows).arg(path));
            Q_EMIT exportFinished(*rows, {});
        });
}

} // namespace taskdeck
