#include "models/TaskListModel.h"

#include "client/StoreClient.h"
#include "models/StatusColors.h"

#include <QColor>
#include <QLocale>
#include <QScopeGuard>
#include <QSet>

namespace taskdeck {

QString formatTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatTimeCompact(const QDateTime& time, const QDateTime& now)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    const QDate today = now.toLocalTime().date();
    if (local.date() == today)
        return local.toString(QStringLiteral("HH:mm:ss"));
    if (local.date().year() == today.year())
        return local.toString(QStringLiteral("MM-dd HH:mm"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

namespace {

QString oneLine(const QString& text)
{
    QString line = text.simplified();
    if (line.size() > 160)
        line = line.left(159) + QChar(0x2026);
    return line;
}

bool sameRow(const Task& a, const Task& b)
{
    return a.displayState == b.displayState && a.state == b.state && a.attempts == b.attempts &&
        a.maxAttempts == b.maxAttempts && a.runAt == b.runAt && a.lastError == b.lastError &&
        a.priority == b.priority && a.progress == b.progress && a.payload == b.payload;
}

} // namespace

TaskListModel::TaskListModel(StoreClient* client, QObject* parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

void TaskListModel::setQuery(const TaskFilter& filter, TaskQuery::SortKey sortKey, bool descending)
{
    beginResetModel();
    m_query.filter = filter;
    m_query.sortKey = sortKey;
    m_query.descending = descending;
    m_rows.clear();
    m_nextCursor.clear();
    m_loadedAll = false;
    ++m_generation; // whatever is still on its way belongs to the previous query
    m_busy = false;
    m_refreshAgain = false;
    endResetModel();
    load({}, kPageSize, true);
}

void TaskListModel::refresh()
{
    if (!m_client)
        return;
    if (m_busy) {
        m_refreshAgain = true; // e.g. right after a bulk action: it must not be lost
        return;
    }
    m_refreshAgain = false;
    const int covered = std::clamp(int(m_rows.size()), kPageSize, kMostRefreshedRows);
    TaskQuery query = m_query;
    query.limit = covered;
    const quint64 generation = m_generation;
    m_busy = true;
    Q_EMIT loadingChanged(true);
    m_client->run(
        this, [query](TaskStore& store) { return store.listTasks(query); },
        [this, generation, covered](Result<TaskPage> page) {
            if (generation != m_generation)
                return;
            m_busy = false;
            Q_EMIT loadingChanged(false);
            if (!page) {
                m_lastError = page.error().message;
                Q_EMIT loadFailed(m_lastError);
                return;
            }
            m_lastError.clear();
            applyRefresh(*page, covered);
            if (m_refreshAgain)
                refresh();
        });
}

void TaskListModel::applyRefresh(const TaskPage& page, int coveredRows)
{
    const QList<Task>& fresh = page.tasks;
    const bool coversAll = m_rows.size() <= coveredRows;
    // No fetch while the rows change under it: the cursor is settled at the end.
    m_busy = true;
    const auto settle = qScopeGuard([this] { m_busy = false; });
    // Rows of the refreshed window that no longer match go first, bottom up, in contiguous ranges.
    QSet<qint64> freshIds;
    for (const Task& task : fresh)
        freshIds.insert(task.id);
    const int window = int(std::min<qsizetype>(m_rows.size(), coveredRows));
    for (int row = window - 1; row >= 0;) {
        if (freshIds.contains(m_rows.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !freshIds.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    // What is left of the window is in the fresh order unless a sort value changed: then start over.
    const int kept = int(std::min<qsizetype>(m_rows.size(), window));
    int j = 0;
    for (int i = 0; i < kept; ++i) {
        while (j < fresh.size() && fresh.at(j).id != m_rows.at(i).id)
            ++j;
        if (j == fresh.size()) {
            beginResetModel();
            m_rows = fresh;
            m_nextCursor = page.nextCursor;
            m_loadedAll = page.nextCursor.isEmpty();
            endResetModel();
            return;
        }
    }
    int row = 0;
    for (const Task& task : fresh) {
        if (row < m_rows.size() && m_rows.at(row).id == task.id) {
            if (!sameRow(m_rows.at(row), task)) {
                m_rows[row] = task;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        } else if (row >= m_rows.size() && !coversAll) {
            break; // rows past the window are already loaded below; the next fetch continues after them
        } else {
            beginInsertRows({}, row, row);
            m_rows.insert(row, task);
            endInsertRows();
        }
        ++row;
    }
    if (coversAll) {
        if (m_rows.size() > fresh.size()) { // rows that fell out of the refreshed window: fetched again on scroll
            beginRemoveRows({}, int(fresh.size()), int(m_rows.size()) - 1);
            m_rows.resize(fresh.size());
            endRemoveRows();
        }
        m_nextCursor = page.nextCursor;
        m_loadedAll = page.nextCursor.isEmpty();
    }
}

void TaskListModel::load(const QString& cursor, int limit, bool replace)
{
    if (!m_client)
        return;
    TaskQuery query = m_query;
    query.limit = limit;
    query.afterCursor = cursor;
    const quint64 generation = m_generation;
    m_busy = true;
    Q_EMIT loadingChanged(true);
    // An empty first page of a search narrowed by other filters also counts what the search alone finds: "no task
    // matches" should not hide that the state or queue filter is what excludes it.
    const bool countSearchAlone = replace && cursor.isEmpty() && !query.filter.search.isEmpty() &&
        (!query.filter.states.isEmpty() || !query.filter.queues.isEmpty() || !query.filter.handlers.isEmpty() ||
         query.filter.createdFrom.isValid() || query.filter.createdTo.isValid());
    struct Loaded
    {
        TaskPage page;
        std::optional<int> searchAlone;
    };
    m_client->run(
        this,
        [query, countSearchAlone](TaskStore& store) -> Result<Loaded> {
            auto page = store.listTasks(query);
            if (!page)
                return page.error();
            Loaded loaded{std::move(*page), std::nullopt};
            if (countSearchAlone && loaded.page.tasks.isEmpty()) {
                TaskQuery alone;
                alone.filter.search = query.filter.search;
                alone.limit = kMostCountedSearchMatches + 1;
                auto matches = store.listTasks(alone);
                if (!matches)
                    return matches.error();
                loaded.searchAlone = int(matches->tasks.size());
            }
            return loaded;
        },
        [this, generation, replace](Result<Loaded> loaded) {
            if (generation != m_generation)
                return; // a page of a query that was replaced meanwhile
            m_busy = false;
            Q_EMIT loadingChanged(false);
            if (!loaded) {
                m_lastError = loaded.error().message;
                Q_EMIT loadFailed(m_lastError);
                return;
            }
            if (replace)
                m_searchAloneMatches = loaded->searchAlone;
            const TaskPage* page = &loaded->page;
            m_lastError.clear();
            // The cursor moves before views hear of the rows: a view may ask for more from inside rowsInserted.
            m_nextCursor = page->nextCursor;
            m_loadedAll = page->nextCursor.isEmpty();
            if (replace && !m_rows.isEmpty()) {
                beginResetModel();
                m_rows.clear();
                endResetModel();
            }
            if (!page->tasks.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->tasks.size()) - 1);
                m_rows += page->tasks;
                endInsertRows();
            }
            Q_EMIT pageLoaded();
            if (m_refreshAgain)
                refresh();
        });
}

const Task* TaskListModel::taskAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

int TaskListModel::rowOfTask(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

int TaskListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task& task = m_rows.at(index.row());
    if (role == TaskIdRole)
        return task.id;
    if (role == DisplayStateRole)
        return int(task.displayState);
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        const QColor color = StatusColors::of(task.displayState);
        return color.isValid() ? QVariant(color) : QVariant();
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return StatusColors::dot(StatusColors::of(task.displayState));
    if (role == Qt::TextAlignmentRole &&
        (index.column() == IdColumn || index.column() == PriorityColumn || index.column() == AttemptsColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ErrorColumn)
        return task.lastError;
    if (role == Qt::ToolTipRole && index.column() == RunAtColumn)
        return formatTime(task.runAt);
    if (role == Qt::ToolTipRole && index.column() == CreatedColumn)
        return formatTime(task.createdAt);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return task.id;
    case StateColumn:
        if (task.state == TaskState::Running && task.progress)
            return tr("%1 %2%").arg(stateLabel(task.displayState)).arg(*task.progress);
        return stateLabel(task.displayState);
    case QueueColumn:
        return task.queue;
    case HandlerColumn:
        return task.handler;
    case PriorityColumn:
        return task.priority;
    case AttemptsColumn:
        return tr("%1/%2").arg(task.attempts).arg(task.maxAttempts);
    case RunAtColumn:
        return formatTimeCompact(task.runAt, QDateTime::currentDateTimeUtc());
    case CreatedColumn:
        return formatTimeCompact(task.createdAt, QDateTime::currentDateTimeUtc());
    case ErrorColumn:
        return oneLine(task.lastError);
    case PayloadColumn:
        return oneLine(task.payload);
    default:
        return {};
    }
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case StateColumn:
        return tr("State");
    case QueueColumn:
        return tr("Queue");
    case HandlerColumn:
        return tr("Handler");
    case PriorityColumn:
        return tr("Priority");
    case AttemptsColumn:
        return tr("Attempts");
    case RunAtColumn:
        return tr("Run at");
    case CreatedColumn:
        return tr("Created");
    case ErrorColumn:
        return tr("Last error");
    case PayloadColumn:
        return tr("Payload");
    default:
        return {};
    }
}

bool TaskListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_busy && !m_loadedAll && !m_nextCursor.isEmpty();
}

void TaskListModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        load(m_nextCursor, kPageSize, false);
}

std::optional<TaskQuery::SortKey> TaskListModel::sortKeyOfColumn(int column)
{
    switch (column) {
    case IdColumn:
        return TaskQuery::SortKey::Id;
    case RunAtColumn:
        return TaskQuery::SortKey::RunAt;
    case CreatedColumn:
        return TaskQuery::SortKey::CreatedAt;
    case PriorityColumn:
        return TaskQuery::SortKey::Priority;
    default:
        return std::nullopt;
    }
}

int TaskListModel::columnOfSortKey(TaskQuery::SortKey key)
{
    switch (key) {
    case TaskQuery::SortKey::RunAt:
        return RunAtColumn;
    case TaskQuery::SortKey::CreatedAt:
        return CreatedColumn;
    case TaskQuery::SortKey::Priority:
        return PriorityColumn;
    case TaskQuery::SortKey::Id:
        break;
    }
    return IdColumn;
}

void TaskListModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKeyOfColumn(column);
    if (!key)
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (*key == m_query.sortKey && descending == m_query.descending)
        return;
    setQuery(m_query.filter, *key, descending);
}

} // namespace taskdeck
