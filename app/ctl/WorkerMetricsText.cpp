#include "app/ctl/WorkerMetricsText.h"

#include "executor/Dispatcher.h"

#include <QString>

namespace taskdeck {

namespace {

QString promLabel(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('"'), QLatin1String("\\\""))
        .replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

QByteArray renderWorkerMetrics(const Dispatcher& worker)
{
    const WorkerMetrics& m = worker.metrics();
    QString out;
    out += QStringLiteral("# HELP taskdeck_tasks_claimed_total Tasks this worker claimed.\n"
                          "# TYPE taskdeck_tasks_claimed_total counter\n");
    for (auto it = m.byQueueAndHandler.cbegin(); it != m.byQueueAndHandler.cend(); ++it)
        out += QStringLiteral("taskdeck_tasks_claimed_total{queue=%1,handler=%2} %3\n")
                   .arg(promLabel(it.key().first), promLabel(it.key().second))
                   .arg(it.value().claimed);
    out += QStringLiteral("# HELP taskdeck_tasks_completed_total Runs this worker recorded, by outcome.\n"
                          "# TYPE taskdeck_tasks_completed_total counter\n");
    for (auto it = m.byQueueAndHandler.cbegin(); it != m.byQueueAndHandler.cend(); ++it) {
        for (auto outcome = it.value().completed.cbegin(); outcome != it.value().completed.cend(); ++outcome)
            out += QStringLiteral("taskdeck_tasks_completed_total{queue=%1,handler=%2,outcome=%3} %4\n")
                       .arg(promLabel(it.key().first), promLabel(it.key().second), promLabel(outcome.key()))
                       .arg(outcome.value());
    }
    out += QStringLiteral("# HELP taskdeck_task_duration_seconds Time handlers ran.\n"
                          "# TYPE taskdeck_task_duration_seconds summary\n");
    for (auto it = m.byQueueAndHandler.cbegin(); it != m.byQueueAndHandler.cend(); ++it) {
        const QString labels =
            QStringLiteral("{queue=%1,handler=%2}").arg(promLabel(it.key().first), promLabel(it.key().second));
        out += QStringLiteral("taskdeck_task_duration_seconds_sum%1 %2\n")
                   .arg(labels)
                   .arg(it.value().durationSecondsSum, 0, 'f', 3);
        out += QStringLiteral("taskdeck_task_duration_seconds_count%1 %2\n").arg(labels).arg(it.value().durationCount);
    }
    out += QStringLiteral("# HELP taskdeck_tasks_in_flight Tasks running on this worker now.\n"
                          "# TYPE taskdeck_tasks_in_flight gauge\ntaskdeck_tasks_in_flight %1\n")
               .arg(worker.inFlight());
    out += QStringLiteral("# HELP taskdeck_queue_lag_seconds How long the oldest runnable task of a queue has "
                          "waited.\n# TYPE taskdeck_queue_lag_seconds gauge\n");
    for (auto it = m.lagSeconds.cbegin(); it != m.lagSeconds.cend(); ++it)
        out += QStringLiteral("taskdeck_queue_lag_seconds{queue=%1} %2\n")
                   .arg(promLabel(it.key()))
                   .arg(it.value(), 0, 'f', 3);
    out += QStringLiteral("# HELP taskdeck_completions_fenced_total Outcomes refused because the lease had moved "
                          "on.\n# TYPE taskdeck_completions_fenced_total counter\ntaskdeck_completions_fenced_total "
                          "%1\n")
               .arg(m.fenced);
    return out.toUtf8();
}

} // namespace taskdeck
