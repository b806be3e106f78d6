#include "models/QueueListModel.h"

#include "client/StoreClient.h"
#include "common/Duration.h"
#include "models/StatusColors.h"
#include "models/TaskListModel.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QLocale>

namespace taskdeck {

bool QueueListModel::Row::operator==(const Row& other) const
{
    const QueueSettings& a = settings;
    const QueueSettings& b = other.settings;
    return a.name == b.name && a.paused == b.paused && a.concurrencyLimit == b.concurrencyLimit &&
        a.defaultMaxAttempts == b.defaultMaxAttempts && a.backoffBaseMs == b.backoffBaseMs &&
        a.backoffMaxMs == b.backoffMaxMs && a.defaultTimeoutS == b.defaultTimeoutS && pending == other.pending &&
        running == other.running && failed == other.failed;
}

QueueListModel::QueueListModel(StoreClient* client, QObject* parent)
    : LiveTableModel(client, parent)
{
    setColumnTitles({QT_TR_NOOP("Queue"), QT_TR_NOOP("Status"), QT_TR_NOOP("Waiting"), QT_TR_NOOP("Running"),
                     QT_TR_NOOP("Failed"), QT_TR_NOOP("Limit"), QT_TR_NOOP("Max attempts"), QT_TR_NOOP("Backoff"),
                     QT_TR_NOOP("Timeout")});
}

void QueueListModel::refresh()
{
    for (const Row& row : std::as_const(m_rows)) {
        if (!m_seen.contains(row.settings.name))
            m_seen << row.settings.name;
    }
    refreshRows(
        m_rows,
        [seen = m_seen](TaskStore& store) -> Result<QList<Row>> {
            auto queues = store.queues();
            if (!queues)
                return queues.error();
            auto counts = store.countUnfinishedTasks();
            if (!counts)
                return counts.error();
            QList<Row> rows;
            QHash<QString, int> rowOf;
            for (const QueueSettings& settings : std::as_const(*queues)) {
                rowOf.insert(settings.name, int(rows.size()));
                Row row;
                row.settings = settings;
                rows << row;
            }
            for (const StateCount& count : std::as_const(*counts)) {
                if (!rowOf.contains(count.queue)) {
                    rowOf.insert(count.queue, int(rows.size()));
                    Row row;
                    row.settings.name = count.queue;
                    rows << row;
                }
                Row& row = rows[rowOf.value(count.queue)];
                switch (count.state) {
                case DisplayState::Pending:
                case DisplayState::Scheduled:
                case DisplayState::Retrying:
                    row.pending += count.count;
                    break;
                case DisplayState::Running:
                    row.running += count.count;
                    break;
                case DisplayState::Failed:
                    row.failed += count.count;
                    break;
                default:
                    break;
                }
            }
            for (const QString& name : seen) {
                if (!rowOf.contains(name)) {
                    rowOf.insert(name, int(rows.size()));
                    Row row;
                    row.settings.name = name;
                    rows << row;
                }
            }
            std::sort(rows.begin(), rows.end(),
                      [](const Row& a, const Row& b) { return a.settings.name < b.settings.name; });
            return rows;
        },
        [](const Row& row) { return row.settings.name; });
}

int QueueListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

std::optional<TaskFilter> QueueListModel::filterAt(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return std::nullopt;
    if (index.column() != RunningColumn && index.column() != FailedColumn)
        return std::nullopt;
    TaskFilter filter;
    filter.states = {index.column() == RunningColumn ? DisplayState::Running : DisplayState::Failed};
    filter.queues = {m_rows.at(index.row()).settings.name};
    return filter;
}

QVariant QueueListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const QueueSettings& q = row.settings;
    if (role == Qt::ForegroundRole && q.paused)
        return StatusColors::paused(); // a paused queue's whole row is greyed, as paused is everywhere
    if (role == Qt::DecorationRole && index.column() == StatusColumn)
        return StatusColors::dot(q.paused ? StatusColors::paused() : StatusColors::succeeded());
    if (role == Qt::ForegroundRole && index.column() == FailedColumn && row.failed > 0)
        return StatusColors::failed();
    if (role == Qt::ForegroundRole && index.column() == RunningColumn && row.running > 0)
        return StatusColors::running();
    if (role == Qt::TextAlignmentRole &&
        (index.column() == PendingColumn || index.column() == RunningColumn || index.column() == FailedColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() == StatusColumn && q.paused) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && filterAt(index))
        return tr("Double-click to list these tasks");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return q.name;
    case StatusColumn:
        return q.paused ? tr("paused") : tr("active");
    case PendingColumn:
        return QLocale().toString(row.pending);
    case RunningColumn:
        return QLocale().toString(row.running);
    case FailedColumn:
        return QLocale().toString(row.failed);
    case LimitColumn:
        return q.concurrencyLimit ? QString::number(*q.concurrencyLimit) : tr("none");
    case AttemptsColumn:
        return q.defaultMaxAttempts ? QString::number(*q.defaultMaxAttempts) : tr("default");
    case BackoffColumn:
        if (!q.backoffBaseMs)
            return tr("default");
        return tr("%1 … %2").arg(formatDurationMs(*q.backoffBaseMs), formatDurationMs(q.backoffMaxMs.value_or(0)));
    case TimeoutColumn:
        return q.defaultTimeoutS ? formatDurationMs(qint64(*q.defaultTimeoutS) * 1000) : tr("none");
    default:
        return {};
    }
}

void QueueListModel::setPaused(const QString& queue, bool paused, std::function<void(Status)> done)
{
    change([queue, paused](TaskStore& store) { return store.setQueuePaused(queue, paused); }, std::move(done));
}

void QueueListModel::update(const QString& queue, const QueueUpdate& update, std::function<void(Status)> done)
{
    change([queue, update](TaskStore& store) { return store.updateQueue(queue, update); }, std::move(done));
}

void QueueListModel::change(std::function<Status(TaskStore&)> job, std::function<void(Status)> done)
{
    if (!m_client) {
        done(makeError(ErrorCode::Unavailable, tr("the connection is closed")));
        return;
    }
    m_client->run(this, std::move(job), [this, done = std::move(done)](Status status) {
        done(status);
        refresh();
    });
}

} // namespace taskdeck
