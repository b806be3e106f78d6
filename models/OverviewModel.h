#pragma once

#include "models/LiveTableModel.h"
#include "store/Requests.h"

#include <QDateTime>
#include <QSet>

#include <array>

namespace taskdeck {

// The overview: tasks per state for each queue (a first row sums them all), succeeded in the last 24 hours from the
// per-minute statistics, throughput, queue latency and duration over a chosen window for the charts, and handlers
// of pending tasks that no live worker offers.
class OverviewModel : public LiveTableModel
{
    Q_OBJECT

public:
    // The columns, in order.
    static constexpr std::array<DisplayState, 7> kStates{
        DisplayState::Pending, DisplayState::Scheduled, DisplayState::Retrying, DisplayState::Running,
        DisplayState::Failed,  DisplayState::Succeeded, DisplayState::Cancelled};
    enum class Window {
        Hour,
        Day,
        Week,
    };
    struct QueueCounts
    {
        QString queue; // empty: all queues
        std::array<qint64, kStates.size()> counts{};
        bool operator==(const QueueCounts& other) const = default;
    };
    struct ChartPoint
    {
        QDateTime start; // UTC
        double succeededPerMinute = 0;
        double failedPerMinute = 0; // failed, timed out and lost runs
        double averageLatencyMs = 0; // start − run_at
        double averageDurationMs = 0;
    };

    explicit OverviewModel(StoreClient* client, QObject* parent = nullptr);

    void setWindow(Window window);
    Window window() const { return m_window; }
    void refresh();

    qint64 count(const QString& queue, DisplayState state) const; // queue empty: all queues
    // The tasks a count cell stands for, as a task list filter: its state, and its queue unless it is the row of
    // all queues. None for the queue names and for succeeded (counted from the statistics, whose tasks retention may
    // already have removed: no list could match that number).
    std::optional<TaskFilter> filterAt(const QModelIndex& index) const;
    const QList<ChartPoint>& chart() const { return m_chart; }
    // The tasks behind a point of the failures chart: those with a failed, timed-out or lost run that ended in the
    // chart's bucket holding at (UTC). None outside the chart.
    std::optional<TaskFilter> failuresAt(const QDateTime& at) const;
    QDateTime chartStart() const { return m_chartStart; }
    QDateTime chartEnd() const { return m_chartEnd; }
    QStringList handlersWithoutWorker() const { return m_orphanHandlers; }
    // Until when the statistics are made up (the demo's history); invalid when none are.
    QDateTime generatedUntil() const { return m_generatedUntil; }
    const QSet<QString>& pausedQueues() const { return m_paused; }
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void updated();

private:
    struct Snapshot;
    void apply(const Snapshot& snapshot);

    Window m_window = Window::Hour;
    QList<QueueCounts> m_rows;
    QList<ChartPoint> m_chart;
    QDateTime m_chartStart;
    QDateTime m_chartEnd;
    QStringList m_orphanHandlers;
    QDateTime m_generatedUntil;
    QSet<QString> m_paused; // queues no worker claims from
    QString m_lastError;
    bool m_busy = false;
    quint64 m_generation = 0;
};

} // namespace taskdeck
