#pragma once

#include "store/Requests.h"
#include "store/TaskExplainer.h"
#include "ui/Dialogs.h"

#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace taskdeck {

class LocalExecutor;
class RunHistoryModel;
class StoreClient;
class TaskFilterBar;
class TaskListModel;

// The task list: a filter bar over the paged model, a details pane (payload, error, progress, result and every
// attempt), and the operator's actions — on the selection, or on everything the filter matches (confirmed with
// the count, applied server-side in batches to exactly the ids that matched, with progress and cancel).
class TasksView : public QWidget
{
    Q_OBJECT

public:
    enum class Bulk {
        Retry,
        Cancel,
        Delete,
    };
    // Above this many tasks a bulk action asks the operator to type the count instead of answering yes.
    static constexpr qsizetype kTypedConfirmationAbove = 5'000;
    TasksView(StoreClient* client, LocalExecutor* executor, QWidget* parent = nullptr);

    TaskListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    void setDialogs(std::shared_ptr<Dialogs> dialogs) { m_dialogs = std::move(dialogs); }
    void setReadOnly(const QString& reason); // empty: writable
    void reload(); // the query again from the top
    void refresh(); // live update of the loaded rows
    TaskFilter currentFilter() const;
    void setStateFilter(const QString& stateName); // "" for every state
    void setQueueFilter(const QString& queue);
    void setSearchText(const QString& text);
    // The filter bar set to exactly this filter (one state at most; the rest cleared), and the list reloaded.
    void showFiltered(const TaskFilter& filter);
    void applyToSelection(Bulk action);
    void applyToAllMatching(Bulk action);
    void showTask(qint64 id); // details, and the row when loaded (else nothing is selected)
    void exportCsv(const QString& path);
    // Enqueues; with replacing, deletes that task in the same transaction (edit payload and re-enqueue).
    void enqueueTask(const EnqueueRequest& request, qint64 replacing);
    QAction* action(const QString& name) const;
    // What the last action did, or why it did nothing (the footer's left side).
    QString noticeText() const;

Q_SIGNALS:
    void runNowRequested(qint64 taskId);
    void bulkFinished(taskdeck::TasksView::Bulk action, qint64 confirmed, qint64 done, const QString& error);
    void detailsShown(qint64 taskId);
    void exportFinished(qint64 rows, const QString& error);

private:
    void clearDetails();
    QList<qint64> selectedIds() const;
    QList<const Task*> selectedTasks() const;
    QString whyRunNowIsOff(const QList<const Task*>& tasks) const;
    bool confirmBulk(Bulk action, const QString& question, qsizetype count);
    void setNotice(const QString& text);
    void runBulk(Bulk action, const QList<qint64>& ids, const QString& description);
    void updateActions();
    void showDetails(const TaskDetails& details);
    void showWhy(const std::optional<TaskExplanation>& why);

    StoreClient* m_client;
    LocalExecutor* m_executor;
    TaskListModel* m_model;
    RunHistoryModel* m_runs;
    QTableView* m_table = nullptr;
    TaskFilterBar* m_filterBar = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_notice = nullptr;
    QLabel* m_detailsHeader = nullptr;
    QLabel* m_why = nullptr;
    QPlainTextEdit* m_payload = nullptr;
    QPlainTextEdit* m_outcome = nullptr;
    QMap<QString, QAction*> m_actions;
    std::shared_ptr<Dialogs> m_dialogs = Dialogs::standard();
    QString m_readOnlyReason;
    qint64 m_detailsId = 0;
    qint64 m_runNowTask = 0;
    std::optional<TaskDetails> m_details;
};

} // namespace taskdeck
