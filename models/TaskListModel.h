#pragma once

#include "store/Requests.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace taskdeck {

class StoreClient;

// The task list over any number of rows: pages load in the background as the view scrolls (fetchMore, keyset
// cursors), a generation counter drops pages of a query that was replaced meanwhile, and refresh() re-reads the
// loaded top rows and applies the difference row by row (new rows inserted, gone rows removed, changed rows
// updated), so the selection and scroll position survive live updates.
class TaskListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        StateColumn,
        QueueColumn,
        HandlerColumn,
        PriorityColumn,
        AttemptsColumn,
        RunAtColumn,
        CreatedColumn,
        ErrorColumn,
        PayloadColumn,
        ColumnCount
    };
    enum Role {
        TaskIdRole = Qt::UserRole + 1,
        DisplayStateRole, // DisplayState as int
    };
    static constexpr int kPageSize = 200;
    static constexpr int kMostRefreshedRows = 2'000;

    explicit TaskListModel(StoreClient* client, QObject* parent = nullptr);

    void setQuery(const TaskFilter& filter, TaskQuery::SortKey sortKey, bool descending);
    TaskFilter filter() const { return m_query.filter; }
    TaskQuery::SortKey sortKey() const { return m_query.sortKey; }
    bool isDescending() const { return m_query.descending; }
    void refresh();
    bool isLoading() const { return m_busy; }
    QString lastError() const { return m_lastError; }
    const Task* taskAt(int row) const;
    int rowOfTask(qint64 id) const;
    bool isComplete() const { return m_loadedAll; } // every matching row is loaded
    // With an empty list from a search and other filters: how many tasks the search alone finds (at most
    // kMostCountedSearchMatches + 1, for "more than"); none otherwise.
    std::optional<int> searchAloneMatches() const { return m_searchAloneMatches; }
    static constexpr int kMostCountedSearchMatches = 1'000;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;
    // Only the indexed columns sort; the others keep the current order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static std::optional<TaskQuery::SortKey> sortKeyOfColumn(int column);
    static int columnOfSortKey(TaskQuery::SortKey key);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);
    void pageLoaded();

private:
    void load(const QString& cursor, int limit, bool replace);
    void applyRefresh(const TaskPage& page, int coveredRows);

    QPointer<StoreClient> m_client;
    TaskQuery m_query;
    QList<Task> m_rows;
    QString m_nextCursor;
    quint64 m_generation = 0;
    bool m_busy = false;
    bool m_refreshAgain = false;
    bool m_loadedAll = false;
    std::optional<int> m_searchAloneMatches;
    QString m_lastError;
};

QString formatTime(const QDateTime& time); // local time for people, empty for none
// The same, short where the date goes without saying: today's as 14:03:27, this year's as 12-07 14:03, older ones
// with the year (the full time is the cell's tooltip).
QString formatTimeCompact(const QDateTime& time, const QDateTime& now);

} // namespace taskdeck
