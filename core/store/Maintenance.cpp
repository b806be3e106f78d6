#include "store/Maintenance.h"

#include "common/Duration.h"
#include "common/Translate.h"
#include "store/Statement.h"
#include "store/StoreSession.h"
#include "store/StoreSupport.h"
#include "store/TaskQueries.h"
#include "store/TaskStore.h"
#include "store/WriteScope.h"

#include <QDeadlineTimer>

#include <map>
#include <tuple>
#include <utility>

namespace taskdeck {

namespace {

const QString kPruneLease = QStringLiteral("prune");
constexpr qint64 kMaintenanceLeaseMs = 120'000;
constexpr qint64 kRetentionCacheMs = 5'000;

const QString kSucceededSetting = QStringLiteral("retention.succeeded_ms");
const QString kRunsSetting = QStringLiteral("retention.runs_ms");
const QString kMinuteStatsSetting = QStringLiteral("retention.minute_stats_ms");
const QString kHourStatsSetting = QStringLiteral("retention.hour_stats_ms");
const QString kGeneratedStatsSetting = QStringLiteral("statistics.generated_until_ms");

} // namespace

Maintenance::Maintenance(StoreSession& session, TaskQueries& queries)
    : m_session(session)
    , m_queries(queries)
{ }

Result<RetentionSettings> Maintenance::retention()
{
    Statement select(m_session, Sql::SelectSettings);
    if (auto s = select.run(tr("read the settings")); !s)
        return s.error();
    RetentionSettings settings;
    while (select.next()) {
        const QString name = select.text(0);
        bool ok = false;
        const qint64 value = select.text(1).toLongLong(&ok);
        if (!ok || value < 0)
            continue; // a damaged value keeps the default rather than removing anything
        if (name == kSucceededSetting)
            settings.succeededMs = value;
        else if (name == kRunsSetting)
            settings.runsMs = value;
        else if (name == kMinuteStatsSetting)
            settings.minuteStatsMs = value;
        else if (name == kHourStatsSetting)
            settings.hourStatsMs = value;
    }
    select.finish();
    return settings;
}

Status Maintenance::setRetention(const RetentionSettings& settings)
{
    if (settings.succeededMs < 0 || settings.runsMs < 0 || settings.minuteStatsMs < 0 || settings.hourStatsMs < 0)
        return makeError(ErrorCode::InvalidArgument, tr("retention ages must not be negative"));
    if (settings.minuteStatsMs < RetentionSettings::kDay)
        return makeError(ErrorCode::InvalidArgument,
                         tr("per-minute statistics must be kept for at least a day (the overview's charts use them)"));
    if (settings.hourStatsMs < settings.minuteStatsMs)
        return makeError(ErrorCode::InvalidArgument,
                         tr("hourly statistics must be kept at least as long as per-minute ones"));
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    for (const auto& [name, value] :
         std::initializer_list<std::pair<QString, qint64>>{{kSucceededSetting, settings.succeededMs},
                                                           {kRunsSetting, settings.runsMs},
                                                           {kMinuteStatsSetting, settings.minuteStatsMs},
                                                           {kHourStatsSetting, settings.hourStatsMs}}) {
        if (auto s = setSetting(name, QString::number(value)); !s)
            return s;
    }
    if (auto s = m_session.insertOperatorAction(
            QStringLiteral("retention"), 0,
            QStringLiteral("succeeded %1, runs %2, minute stats %3, hour stats %4")
                .arg(formatDurationMs(settings.succeededMs), formatDurationMs(settings.runsMs),
                     formatDurationMs(settings.minuteStatsMs), formatDurationMs(settings.hourStatsMs)));
        !s)
        return s;
    if (auto s = scope.commit(); !s)
        return s;
    m_succeededRetentionMs = settings.succeededMs;
    m_retentionReadAtMs = QDeadlineTimer::current().deadline();
    return {};
}

Status Maintenance::setSetting(const QString& name, const QString& value)
{
    Statement remove(m_session, Sql::DeleteSetting);
    remove.bindText(QStringLiteral(":name"), name);
    if (auto s = remove.run(tr("replace setting %1").arg(name)); !s)
        return s;
    Statement insert(m_session, Sql::InsertSetting);
    insert.bindText(QStringLiteral(":name"), name);
    insert.bindText(QStringLiteral(":value"), value);
    return insert.run(tr("write setting %1").arg(name));
}

Status Maintenance::addGeneratedStatistics(const QList<StatsRow>& perMinute)
{
    if (perMinute.isEmpty())
        return {};
    // Shard 0's rows, as one worker's: the sums read the same whichever shard holds them.
    constexpr int kShard = 0;
    std::map<std::tuple<qint64, QString, QString>, StatsRow> hours;
    qint64 untilMs = 0;
    for (const StatsRow& row : perMinute) {
        const qint64 minuteMs = row.minute.toMSecsSinceEpoch();
        if (minuteMs % 60'000 != 0)
            return makeError(ErrorCode::InvalidArgument, tr("a statistics row must start at a whole minute"));
        const qint64 hourMs = minuteMs / 3'600'000 * 3'600'000;
        StatsRow& hour = hours[{hourMs, row.queue, outcomeName(row.outcome)}];
        hour.minute = QDateTime::fromMSecsSinceEpoch(hourMs, Qt::UTC);
        hour.queue = row.queue;
        hour.outcome = row.outcome;
        hour.count += row.count;
        hour.durationMsSum += row.durationMsSum;
        hour.latencyMsSum += row.latencyMsSum;
        untilMs = std::max(untilMs, minuteMs + 60'000);
    }
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement insert(m_session, Sql::InsertStatsRow);
    auto add = [&](const StatsRow& row, int shard) {
        insert.bindTime(QStringLiteral(":minute"), row.minute);
        insert.bindText(QStringLiteral(":queue"), row.queue);
        insert.bindText(QStringLiteral(":outcome"), outcomeName(row.outcome));
        insert.bind(QStringLiteral(":shard"), shard);
        insert.bind(QStringLiteral(":count"), static_cast<qlonglong>(row.count));
        insert.bind(QStringLiteral(":duration_ms"), static_cast<qlonglong>(row.durationMsSum));
        insert.bind(QStringLiteral(":latency_ms"), static_cast<qlonglong>(row.latencyMsSum));
        return insert.run(tr("add generated statistics"));
    };
    for (const StatsRow& row : perMinute) {
        if (auto s = add(row, kShard); !s)
            return s;
    }
    for (const auto& [key, row] : hours) {
        if (auto s = add(row, hourShard(kShard)); !s)
            return s;
    }
    auto until = generatedStatisticsUntil();
    if (!until)
        return until.error();
    if (until->isValid())
        untilMs = std::max(untilMs, until->toMSecsSinceEpoch());
    if (auto s = setSetting(kGeneratedStatsSetting, QString::number(untilMs)); !s)
        return s;
    return scope.commit();
}

Result<QDateTime> Maintenance::generatedStatisticsUntil()
{
    Statement select(m_session, Sql::SelectSettings);
    if (auto s = select.run(tr("read the settings")); !s)
        return s.error();
    QDateTime until;
    while (select.next()) {
        bool ok = false;
        const qint64 ms = select.text(1).toLongLong(&ok);
        if (select.text(0) == kGeneratedStatsSetting && ok)
            until = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    select.finish();
    return until;
}

bool Maintenance::removeSucceededAtOnce()
{
    const qint64 nowMs = QDeadlineTimer::current().deadline();
    if (!m_succeededRetentionMs || nowMs - m_retentionReadAtMs > kRetentionCacheMs) {
        auto settings = retention();
        // Unreadable settings keep succeeded tasks: keeping a row is always safe, removing one is not undone.
        m_succeededRetentionMs = settings ? settings->succeededMs : RetentionSettings{}.succeededMs;
        m_retentionReadAtMs = nowMs;
    }
    return *m_succeededRetentionMs == 0;
}

Result<qint64> Maintenance::pruneIds(Sql select, Sql remove, qint64 ageMs, int& budget)
{
    qint64 removed = 0;
    while (budget > 0) {
        Statement pick(m_session, select);
        pick.bind(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-ageMs));
        pick.bind(QStringLiteral(":limit"), TaskStore::kBatchSize);
        if (auto s = pick.run(tr("find rows to prune")); !s)
            return s.error();
        QList<qint64> ids;
        while (pick.next())
            ids << pick.integer(0);
        pick.finish();
        if (ids.isEmpty())
            break;
        --budget;
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        Statement del(m_session, remove, TaskStore::kBatchSize);
        del.bindIds(ids, TaskStore::kBatchSize);
        if (auto s = del.run(tr("prune %1 rows").arg(ids.size())); !s)
            return s.error();
        removed += del.rowsAffected();
        if (auto s = scope.commit(); !s)
            return s.error();
        if (ids.size() < TaskStore::kBatchSize)
            break;
    }
    return removed;
}

Result<PruneReport> Maintenance::prune(const QString& workerId, int batchBudget)
{
    PruneReport report;
    auto settings = retention();
    if (!settings)
        return settings.error();
    {
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        Statement take(m_session, Sql::TakeMaintenance);
        take.bindText(QStringLiteral(":name"), kPruneLease);
        take.bindText(QStringLiteral(":holder"), workerId);
        take.bind(QStringLiteral(":lease_ms"), static_cast<qlonglong>(kMaintenanceLeaseMs));
        if (auto s = take.run(tr("take the maintenance turn")); !s)
            return s.error();
        report.tookTurn = take.rowsAffected() == 1;
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    if (!report.tookTurn)
        return report;

    int budget = batchBudget;
    auto tasks = pruneIds(Sql::SelectSucceededBefore, Sql::DeleteSucceededTasks, settings->succeededMs, budget);
    if (!tasks)
        return tasks.error();
    report.tasksRemoved = *tasks;
    auto runs = pruneIds(Sql::SelectRunsBefore, Sql::DeleteRuns, settings->runsMs, budget);
    if (!runs)
        return runs.error();
    report.runsRemoved = *runs;

    // Per-minute statistics older than their age go, an hour per transaction: the hourly rows written with them
    // keep the sums.
    while (budget > 0) {
        Statement oldest(m_session, Sql::SelectOldestMinuteStats);
        oldest.bind(QStringLiteral(":minus_ms"), static_cast<qlonglong>(-settings->minuteStatsMs));
        if (auto s = oldest.run(tr("find statistics to roll up")); !s)
            return s.error();
        const QDateTime minute = oldest.next() ? oldest.time(0) : QDateTime();
        oldest.finish();
        if (!minute.isValid())
            break;
        --budget;
        const qint64 hourMs = minute.toMSecsSinceEpoch() - minute.toMSecsSinceEpoch() % 3'600'000;
        const QDateTime from = QDateTime::fromMSecsSinceEpoch(hourMs, Qt::UTC);
        const QDateTime to = from.addSecs(3600); // the whole hour, as its hourly rows cover it

        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        Statement remove(m_session, Sql::DeleteMinuteStatsInRange);
        remove.bind(QStringLiteral(":from"), m_session.dialect().values().timeValue(from));
        remove.bind(QStringLiteral(":to"), m_session.dialect().values().timeValue(to));
        if (auto s = remove.run(tr("remove per-minute statistics")); !s)
            return s.error();
        if (auto s = scope.commit(); !s)
            return s.error();
        ++report.hoursRolledUp;
    }

    if (budget > 0) {
        auto now = m_session.databaseTime();
        if (!now)
            return now.error();
        WriteScope scope(m_session);
        if (auto s = scope.begin(); !s)
            return s.error();
        Statement remove(m_session, Sql::DeleteStatsInRange);
        remove.bind(QStringLiteral(":from"),
                    m_session.dialect().values().timeValue(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)));
        remove.bind(QStringLiteral(":to"),
                    m_session.dialect().values().timeValue(now->addMSecs(-settings->hourStatsMs)));
        if (auto s = remove.run(tr("remove old statistics")); !s)
            return s.error();
        report.statsRowsRemoved = remove.rowsAffected();
        Statement finish(m_session, Sql::FinishMaintenance);
        finish.bindText(QStringLiteral(":name"), kPruneLease);
        finish.bindText(QStringLiteral(":holder"), workerId);
        if (auto s = finish.run(tr("record the maintenance pass")); !s)
            return s.error();
        if (auto s = scope.commit(); !s)
            return s.error();
    }
    report.moreLeft = budget <= 0;
    // After the deletions above, which the count triggers recorded too.
    auto folded = m_queries.foldTaskCounts();
    if (!folded)
        return folded.error();
    report.countRowsFolded = *folded;
    if (auto s = refreshPlannerStatisticsIfDue(); !s)
        return s.error();
    return report;
}

Status Maintenance::refreshPlannerStatisticsIfDue()
{
    if (!m_session.dialect().traits().refreshesPlannerStatistics)
        return {};
    Statement due(m_session, Sql::SelectPlannerStatisticsDue);
    if (auto s = due.run(tr("check when the query planner's statistics were refreshed")); !s)
        return s;
    const bool isDue = due.next();
    due.finish();
    if (!isDue)
        return {};
    Statement analyze(m_session, Sql::RefreshPlannerStatistics);
    if (auto s = analyze.run(tr("refresh the query planner's statistics")); !s)
        return s;
    analyze.finish();
    Statement finish(m_session, Sql::FinishPlannerStatistics);
    return finish.run(tr("record the refresh of the query planner's statistics"));
}

Status Maintenance::releaseMaintenance(const QString& workerId)
{
    WriteScope scope(m_session);
    if (auto s = scope.begin(); !s)
        return s;
    Statement release(m_session, Sql::ReleaseMaintenance);
    release.bindText(QStringLiteral(":name"), kPruneLease);
    release.bindText(QStringLiteral(":holder"), workerId);
    if (auto s = release.run(tr("hand back the maintenance turn")); !s)
        return s;
    return scope.commit();
}

} // namespace taskdeck
