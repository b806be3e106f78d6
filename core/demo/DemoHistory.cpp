#include "demo/DemoHistory.h"

#include <QRandomGenerator>

#include <cmath>

namespace taskdeck::demo {

namespace {

struct QueueShape
{
    const char* queue;
    double peakPerMinute; // succeeded runs at the day's busiest hour
    double failedShare; // of runs on an ordinary minute
    qint64 durationMs;
    qint64 latencyMs;
};

// As the live demo's mix: orders and notifications busy, reports slow, loyalty in between.
constexpr QueueShape kQueues[] = {
    {"orders", 14, 0.0, 140, 450},
    {"notifications", 16, 0.04, 120, 300},
    {"loyalty", 8, 0.0, 420, 900},
    {"reports", 3, 0.08, 3'200, 2'400},
};

} // namespace

QList<StatsRow> generatedHistory(const QDateTime& until, int hours, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<StatsRow> rows;
    const qint64 endMs = until.toMSecsSinceEpoch() / 60'000 * 60'000;
    const qint64 minutes = qint64(hours) * 60;
    const qint64 incidentStart = minutes * 2 / 3; // an afternoon's twenty bad minutes, some hours ago
    for (qint64 i = 0; i < minutes; ++i) {
        const qint64 minuteMs = endMs - (minutes - i) * 60'000;
        const QDateTime minute = QDateTime::fromMSecsSinceEpoch(minuteMs, Qt::UTC);
        // A daily rhythm by the hour of the day: quiet at night, busiest in the early evening.
        const double hourOfDay = double(minute.time().hour()) + minute.time().minute() / 60.0;
        const double load = 0.25 + 0.75 * std::pow(std::max(0.0, std::sin((hourOfDay - 6.0) / 24.0 * 2 * M_PI)), 2);
        const bool incident = i >= incidentStart && i < incidentStart + 20;
        for (const QueueShape& shape : kQueues) {
            const double expected = shape.peakPerMinute * load * (0.8 + 0.4 * random.generateDouble());
            qint64 runs = std::llround(expected);
            double failedShare = shape.failedShare;
            double slowdown = 1.0;
            if (incident && QLatin1String(shape.queue) == QLatin1String("notifications")) {
                failedShare = 0.85;
                slowdown = 6.0; // retries pile up behind the refusals
            }
            const qint64 failed = std::llround(double(runs) * failedShare * (0.5 + random.generateDouble()));
            const qint64 succeeded = std::max<qint64>(0, runs - failed);
            auto row = [&](RunOutcome outcome, qint64 count) {
                if (count <= 0)
                    return;
                StatsRow r;
                r.minute = minute;
                r.queue = QString::fromLatin1(shape.queue);
                r.outcome = outcome;
                r.count = count;
                const double jitter = 0.7 + 0.6 * random.generateDouble();
                r.durationMsSum = qint64(double(count * shape.durationMs) * jitter);
                r.latencyMsSum = qint64(double(count * shape.latencyMs) * jitter * slowdown * (0.6 + load));
                rows << r;
            };
            row(RunOutcome::Succeeded, succeeded);
            row(RunOutcome::Failed, failed);
        }
    }
    return rows;
}

Status addHistory(TaskStore& store)
{
    auto until = store.generatedStatisticsUntil();
    if (!until)
        return until.error();
    if (until->isValid())
        return {};
    auto now = store.databaseTime();
    if (!now)
        return now.error();
    // A database with statistics of its own keeps them unmixed.
    auto existing = store.stats(now->addDays(-2), 2LL * 24 * 3'600'000);
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return {};
    return store.addGeneratedStatistics(generatedHistory(*now));
}

} // namespace taskdeck::demo
