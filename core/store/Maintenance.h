#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>

namespace taskdeck {

class StoreSession;
class TaskQueries;

// Maintenance: retention settings and pruning by the worker that holds the maintenance lease.
// A unit of TaskStore (the facade that callers use); it runs its statements through the store's StoreSession.
class Maintenance
{
    // One translation context for the whole store, whichever unit says it.
    Q_DECLARE_TR_FUNCTIONS(taskdeck::TaskStore)
public:
    Maintenance(StoreSession& session, TaskQueries& queries);

    // Retention, shared by the whole fleet (stored in the database).
    Result<RetentionSettings> retention();
    Status setRetention(const RetentionSettings& settings);
    // The succeeded-task retention, re-read at most every few seconds (completions consult it).
    bool removeSucceededAtOnce();
    // One pass of pruning in batches of kBatchSize rows, at most batchBudget batches, by whichever worker holds
    // the maintenance lease (tookTurn false for the others). Failed and cancelled tasks are never touched.
    Result<PruneReport> prune(const QString& workerId, int batchBudget = 20);
    Status releaseMaintenance(const QString& workerId);
    // Per-minute statistics that no run produced (the demo's made-up history), with their hourly sums; the overview
    // says until when the charts show them. Minutes must be whole and have no statistics yet.
    Status addGeneratedStatistics(const QList<StatsRow>& perMinute);
    // The end of the generated statistics; invalid when there are none.
    Result<QDateTime> generatedStatisticsUntil();

private:
    Status setSetting(const QString& name, const QString& value);
    Result<qint64> pruneIds(Sql select, Sql remove, qint64 ageMs, int& budget);
    // Part of a maintenance pass, once a day, where the database keeps no planner statistics by itself.
    Status refreshPlannerStatisticsIfDue();

    StoreSession& m_session;
    TaskQueries& m_queries;
    std::optional<qint64> m_succeededRetentionMs;
    qint64 m_retentionReadAtMs = 0; // monotonic, for the cache above
};

} // namespace taskdeck
