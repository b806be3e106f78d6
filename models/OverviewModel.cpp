#include "models/OverviewModel.h"

#include "client/StoreClient.h"
#include "models/StatusColors.h"

#include <QFont>
#include <QLocale>
#include <QMap>

namespace taskdeck {

namespace {

qint64 windowMinutes(OverviewModel::Window window)
{
    switch (window) {
    case OverviewModel::Window::Hour:
        return 60;
    case OverviewModel::Window::Day:
        return 24 * 60;
    case OverviewModel::Window::Week:
        return 7 * 24 * 60;
    }
    return 60;
}

qint64 bucketMinutes(OverviewModel::Window window)
{
    switch (window) {
    case OverviewModel::Window::Hour:
        return 1;
    case OverviewModel::Window::Day:
        return 10;
    case OverviewModel::Window::Week:
        return 60;
    }
    return 1;
}

} // namespace

struct OverviewModel::Snapshot
{
    QList<StateCount> counts;
    QList<StatsRow> stats; // in the window's buckets
    QList<StatsRow> lastDay; // one or two buckets per queue and outcome: their sum is the last 24 hours
    QStringList orphanHandlers;
    QDateTime generatedUntil;
    QSet<QString> paused;
    QDateTime now;
};

OverviewModel::OverviewModel(StoreClient* client, QObject* parent)
    : LiveTableModel(client, parent)
{ }

void OverviewModel::setWindow(Window window)
{
    if (window == m_window)
        return;
    m_window = window;
    ++m_generation;
    m_busy = false;
    refresh();
}

void OverviewModel::refresh()
{
    if (m_busy || !m_client)
        return;
    m_busy = true;
    const qint64 windowMs = windowMinutes(m_window) * 60'000;
    const qint64 bucketMs = bucketMinutes(m_window) * 60'000;
    const quint64 generation = m_generation;
    m_client->run(
        this,
        [windowMs, bucketMs](TaskStore& store) -> Result<Snapshot> {
            Snapshot snapshot;
            auto now = store.databaseTime();
            if (!now)
                return now.error();
            snapshot.now = *now;
            auto counts = store.countUnfinishedTasks();
            if (!counts)
                return counts.error();
            snapshot.counts = std::move(*counts);
            // Summed per bucket by the database: the rows read stay few however long the window and however many
            // queues there are.
            const qint64 chartStartMs = (now->toMSecsSinceEpoch() - windowMs) / bucketMs * bucketMs;
            auto stats = store.stats(QDateTime::fromMSecsSinceEpoch(chartStartMs, Qt::UTC), bucketMs);
            if (!stats)
                return stats.error();
            snapshot.stats = std::move(*stats);
            auto lastDay = store.stats(now->addSecs(-24 * 3600), 24 * 3600 * 1000);
            if (!lastDay)
                return lastDay.error();
            snapshot.lastDay = std::move(*lastDay);
            auto orphans = store.handlersWithoutWorker();
            if (!orphans)
                return orphans.error();
            snapshot.orphanHandlers = std::move(*orphans);
            auto generatedUntil = store.generatedStatisticsUntil();
            if (!generatedUntil)
                return generatedUntil.error();
            snapshot.generatedUntil = *generatedUntil;
            auto queues = store.queues();
            if (!queues)
                return queues.error();
            for (const QueueSettings& queue : std::as_const(*queues)) {
                if (queue.paused)
                    snapshot.paused.insert(queue.name);
            }
            return snapshot;
        },
        [this, generation](Result<Snapshot> snapshot) {
            if (generation != m_generation)
                return;
            m_busy = false;
            if (!snapshot) {
                m_lastError = snapshot.error().message;
                Q_EMIT refreshFailed(m_lastError);
                return;
            }
            m_lastError.clear();
            apply(*snapshot);
        });
}

void OverviewModel::apply(const Snapshot& snapshot)
{
    QMap<QString, QueueCounts> byQueue;
    QueueCounts all;
    auto column = [](DisplayState state) {
        return int(std::find(kStates.begin(), kStates.end(), state) - kStates.begin());
    };
    for (const StateCount& count : snapshot.counts) {
        if (count.state == DisplayState::Succeeded)
            continue; // from the statistics below: succeeded tasks may already be cleaned away
        QueueCounts& row = byQueue[count.queue];
        row.queue = count.queue;
        row.counts[column(count.state)] += count.count;
        all.counts[column(count.state)] += count.count;
    }
    const QDateTime chartStart = snapshot.now.addSecs(-windowMinutes(m_window) * 60);
    const qint64 bucketMs = bucketMinutes(m_window) * 60'000;
    const qint64 startMs = chartStart.toMSecsSinceEpoch() / bucketMs * bucketMs;
    const int bucketCount = int((snapshot.now.toMSecsSinceEpoch() - startMs) / bucketMs) + 1;
    struct Sums
    {
        qint64 succeeded = 0, failed = 0, runs = 0, durationMs = 0, latencyMs = 0;
    };
    QList<Sums> buckets(bucketCount);
    for (const StatsRow& stat : snapshot.lastDay) {
        if (stat.outcome == RunOutcome::Succeeded) {
            QueueCounts& row = byQueue[stat.queue];
            row.queue = stat.queue;
            row.counts[column(DisplayState::Succeeded)] += stat.count;
            all.counts[column(DisplayState::Succeeded)] += stat.count;
        }
    }
    for (const StatsRow& stat : snapshot.stats) {
        const qint64 bucket = (stat.minute.toMSecsSinceEpoch() - startMs) / bucketMs;
        if (bucket < 0 || bucket >= bucketCount)
            continue;
        Sums& sums = buckets[bucket];
        if (stat.outcome == RunOutcome::Succeeded)
            sums.succeeded += stat.count;
        else if (stat.outcome != RunOutcome::Cancelled)
            sums.failed += stat.count;
        sums.runs += stat.count;
        sums.durationMs += stat.durationMsSum;
        sums.latencyMs += stat.latencyMsSum;
    }
    QList<ChartPoint> chart;
    chart.reserve(bucketCount);
    const double minutesPerBucket = double(bucketMinutes(m_window));
    for (int i = 0; i < bucketCount; ++i) {
        const Sums& sums = buckets.at(i);
        ChartPoint point;
        point.start = QDateTime::fromMSecsSinceEpoch(startMs + i * bucketMs, Qt::UTC);
        point.succeededPerMinute = double(sums.succeeded) / minutesPerBucket;
        point.failedPerMinute = double(sums.failed) / minutesPerBucket;
        if (sums.runs > 0) {
            point.averageLatencyMs = double(sums.latencyMs) / double(sums.runs);
            point.averageDurationMs = double(sums.durationMs) / double(sums.runs);
        }
        chart << point;
    }
    QList<QueueCounts> rows{all};
    for (const QueueCounts& row : std::as_const(byQueue))
        rows << row;
    replaceRows(m_rows, rows, [](const QueueCounts& row) { return row.queue; });
    m_chart = std::move(chart);
    m_chartStart = QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC);
    m_chartEnd = snapshot.now;
    m_orphanHandlers = snapshot.orphanHandlers;
    m_generatedUntil = snapshot.generatedUntil;
    if (snapshot.paused != m_paused) {
        m_paused = snapshot.paused;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
    }
    Q_EMIT updated();
}

qint64 OverviewModel::count(const QString& queue, DisplayState state) const
{
    const auto column = std::find(kStates.begin(), kStates.end(), state) - kStates.begin();
    for (const QueueCounts& row : m_rows) {
        if (row.queue == queue)
            return row.counts[column];
    }
    return 0;
}

int OverviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OverviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(kStates.size()) + 1;
}

QVariant OverviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueCounts& row = m_rows.at(index.row());
    if (role == Qt::FontRole && row.queue.isEmpty()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    const bool paused = m_paused.contains(row.queue);
    if (paused && role == Qt::ForegroundRole)
        return StatusColors::paused(); // as the queues view shows it
    if (paused && role == Qt::DecorationRole && index.column() == 0)
        return StatusColors::dot(StatusColors::paused());
    if (role == Qt::TextAlignmentRole && index.column() > 0)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    // Failed and running stand out where there are any; a zero stays quiet.
    if (role == Qt::ForegroundRole && index.column() > 0 && row.counts[index.column() - 1] > 0) {
        const DisplayState state = kStates[index.column() - 1];
        if (state == DisplayState::Failed || state == DisplayState::Running || state == DisplayState::Retrying)
            return StatusColors::of(state);
    }
    if (role == Qt::ToolTipRole && index.column() > 0)
        return filterAt(index) ? tr("Click to list these tasks")
                               : tr("Succeeded in the last 24 hours, from the statistics (retention may have removed "
                                    "the tasks themselves)");
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == 0)
        return row.queue.isEmpty() ? tr("All queues") : paused ? tr("%1 (paused)").arg(row.queue) : row.queue;
    return QLocale().toString(row.counts[index.column() - 1]);
}

std::optional<TaskFilter> OverviewModel::failuresAt(const QDateTime& at) const
{
    if (!m_chartStart.isValid() || at < m_chartStart || at > m_chartEnd)
        return std::nullopt;
    const qint64 bucketMs = bucketMinutes(m_window) * 60'000;
    const qint64 startMs = m_chartStart.toMSecsSinceEpoch();
    const qint64 bucketStartMs = startMs + (at.toMSecsSinceEpoch() - startMs) / bucketMs * bucketMs;
    TaskFilter filter;
    filter.failedFrom = QDateTime::fromMSecsSinceEpoch(bucketStartMs, Qt::UTC);
    filter.failedTo = QDateTime::fromMSecsSinceEpoch(bucketStartMs + bucketMs, Qt::UTC);
    return filter;
}

std::optional<TaskFilter> OverviewModel::filterAt(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || index.column() == 0)
        return std::nullopt;
    const DisplayState state = kStates[index.column() - 1];
    if (state == DisplayState::Succeeded)
        return std::nullopt;
    TaskFilter filter;
    filter.states = {state};
    if (const QString& queue = m_rows.at(index.row()).queue; !queue.isEmpty())
        filter.queues = {queue};
    return filter;
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return tr("Queue");
    if (section - 1 < int(kStates.size())) {
        const DisplayState state = kStates[section - 1];
        if (state == DisplayState::Succeeded)
            return tr("succeeded (24 h)");
        return stateLabel(state);
    }
    return {};
}

} // namespace taskdeck
